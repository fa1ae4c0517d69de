import type { Scope } from '@neuracraft/types';
import { AuthError, ok, type Result } from '../errors.js';
import { backend } from '../lib/crypto.js';
import { createHashMemo } from '../lib/hash-memo.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import { assertPepper } from '../lib/pepper.js';
import type { Principal } from '../principal.js';
import { checkApiKey } from './parse.js';

/**
 * What a key store holds for one API key.
 *
 * @example
 * ```ts
 * const record: ApiKeyRecord = { id: 'key_1', orgId: 'org_1', scopes: ['pipeline:read'], expiresAt: null, revokedAt: null };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.3
 */
export interface ApiKeyRecord {
  /** The key's id (`key_…`). */
  readonly id: string;
  readonly orgId: string;
  readonly scopes: readonly Scope[];
  /** When the key stops working (epoch ms), or `null` for never. */
  readonly expiresAt: number | null;
  /** When the key was (or will be, for a rotation grace period) revoked (epoch ms), or `null`. */
  readonly revokedAt: number | null;
}

/**
 * Finds a key by {@link hashApiKey}'s output; may answer synchronously (a warm cache) or not.
 * Records are read as immutable: a key whose id, org or scopes change is a new record object (its
 * `revokedAt` and `expiresAt` are read afresh on every verification).
 *
 * @example
 * ```ts
 * const store: ApiKeyStore = { findByHash: (hash) => cache.get(hash) ?? db.findKeyByHash(hash) };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.3
 */
export interface ApiKeyStore {
  findByHash(hash: string): MaybePromise<ApiKeyRecord | undefined>;
}

/**
 * Options of {@link createApiKeyVerifier}.
 *
 * @example
 * ```ts
 * const options: ApiKeyVerifierOptions = { store, pepper: process.env.API_KEY_PEPPER! };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export interface ApiKeyVerifierOptions {
  /** Where keys are looked up by hash. */
  readonly store: ApiKeyStore;
  /** The server pepper the hashes were made with (see {@link hashApiKey}). */
  readonly pepper: string;
  /** The clock, in epoch ms. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * Why a key was refused, as `AuthError.reason` — for logs and metrics, never for the client.
 *
 * @example
 * ```ts
 * if (!result.ok) metrics.increment(`api_key_denied.${result.error.reason}`);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export type ApiKeyDenialReason = 'malformed' | 'bad_checksum' | 'unknown' | 'revoked' | 'expired';

/**
 * Verifies API keys; {@link createApiKeyVerifier} makes one.
 *
 * @example
 * ```ts
 * const result = await verifier.verify(key);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export interface ApiKeyVerifier {
  /**
   * The principal of a key, or `invalid_api_key` (401) whose `reason` is an {@link ApiKeyDenialReason}.
   * Synchronous when the runtime hashes synchronously (Node) and the store answers synchronously.
   *
   * Given the `connection` the key came on (any object that lives as long as it, such as Node's
   * `request.socket`), a key presented again on that connection is not checked and hashed again: only
   * looked up, so revocation and expiry still apply to every request. The connection's last key is
   * kept, and matched in constant time, for as long as the connection object lives.
   */
  verify(key: string, connection?: object): MaybePromise<Result<Principal>>;
}

const deny = (reason: ApiKeyDenialReason): { ok: false; error: AuthError } => ({
  ok: false,
  error: new AuthError('invalid_api_key', { reason }),
});

// One frozen answer per record: a warm store hands back the same record, so a known key allocates nothing.
const allowed = new WeakMap<ApiKeyRecord, Result<Principal>>();
function allowedAs(record: ApiKeyRecord): Result<Principal> {
  let result = allowed.get(record);
  if (result === undefined) {
    result = Object.freeze(
      ok(
        Object.freeze({
          orgId: record.orgId,
          kind: 'api_key',
          credentialId: record.id,
          scopes: record.scopes,
          clientId: null,
        } as const),
      ),
    );
    allowed.set(record, result);
  }
  return result;
}

/**
 * Creates an API key verifier over a key store. Malformed keys and bad checksums are refused without a
 * lookup; unknown, revoked and expired keys after one. All four answer `invalid_api_key`, told apart
 * only by `error.reason`.
 *
 * With a store that answers synchronously (a `Map`, an LRU in front of the database) `verify` returns
 * the result directly on Node; with an async store it returns a promise. `await` suits both.
 *
 * @example
 * ```ts
 * const keys = new Map<string, ApiKeyRecord>();
 * const verifier = createApiKeyVerifier({ store: { findByHash: (h) => keys.get(h) }, pepper });
 * const result = await verifier.verify(request.headers.get('x-api-key') ?? '');
 * if (!result.ok) return result.error.toResponse(requestId);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const { store, pepper } = options;
  const now = options.now ?? Date.now;
  assertPepper(pepper);

  const decide = (record: ApiKeyRecord | undefined): Result<Principal> => {
    if (record === undefined) {
      return deny('unknown');
    }
    const t = now();
    if (record.revokedAt !== null && t >= record.revokedAt) {
      return deny('revoked');
    }
    if (record.expiresAt !== null && t >= record.expiresAt) {
      return deny('expired');
    }
    return allowedAs(record);
  };
  const lookup = (hash: string): MaybePromise<Result<Principal>> => {
    const record = store.findByHash(hash);
    return record instanceof Promise ? record.then(decide) : decide(record);
  };

  const memo = createHashMemo();

  return {
    verify(key, connection) {
      const known =
        connection === undefined || typeof key !== 'string' ? undefined : memo.get(connection, key);
      if (known !== undefined) {
        return lookup(known);
      }
      const problem = checkApiKey(key);
      if (problem !== null) {
        return deny(problem);
      }
      const hash = memo.remember(connection, key, backend.sha256(pepper + key));
      return typeof hash === 'string' ? lookup(hash) : hash.then(lookup);
    },
  };
}
