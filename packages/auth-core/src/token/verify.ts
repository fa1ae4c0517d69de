import type { Scope } from '@neuracraft/types';
import { AuthError, ok, type Result } from '../errors.js';
import { isBase64url } from '../lib/base64url.js';
import { backend } from '../lib/crypto.js';
import { createHashMemo } from '../lib/hash-memo.js';
import { verifySignature } from '../lib/jws.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import type { Principal } from '../principal.js';
import { isScope } from '../scope/parse.js';
import { createTokenCache, type TokenCache } from './cache.js';
import type { AccessTokenClaims } from './claims.js';
import type { KeySet, SigningKey } from './keys.js';

/**
 * Options of {@link createTokenVerifier}.
 *
 * @example
 * ```ts
 * createTokenVerifier({ keySet, issuer, audience, leewaySeconds: 5, isRevoked: (jti) => denyList.has(jti) });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 */
export interface TokenVerifierOptions {
  /** The keys tokens may be signed with, or a function from `kid` to key. */
  readonly keySet: KeySet | ((kid: string) => SigningKey | undefined);
  /** The only accepted `iss`. */
  readonly issuer: string;
  /** The `aud` this service answers to (a token's `aud` must be it or contain it). */
  readonly audience: string;
  /** Clock skew tolerated on `exp`, `iat` and `nbf`, in seconds. Default: 5. */
  readonly leewaySeconds?: number;
  /** The revocation hook: whether a `jti` is on the host's deny list. Checked on every verification. Default: none. */
  readonly isRevoked?: (jti: string) => MaybePromise<boolean>;
  /** The verified-token cache; `false` for none. Default: a new {@link createTokenCache} of 10,000 entries. */
  readonly cache?: TokenCache | false;
  /** Longest token accepted, in characters. Default: 4096 (the spec's limit). */
  readonly maxLength?: number;
  /** The clock, in epoch ms. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * Why a token was refused, as `AuthError.reason` — for logs and metrics, never for the client.
 *
 * @example
 * ```ts
 * if (!result.ok) metrics.increment(`token_denied.${result.error.reason}`);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export type TokenDenialReason =
  | 'malformed'
  | 'bad_typ'
  | 'unknown_kid'
  | 'alg_mismatch'
  | 'bad_signature'
  | 'bad_claims'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked';

/**
 * Verifies access tokens; {@link createTokenVerifier} makes one.
 *
 * @example
 * ```ts
 * const result = await verifier.verify(token);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 */
export interface TokenVerifier {
  /**
   * The claims of a valid token, or `invalid_token` (401, with an RFC 6750 challenge) whose `reason` is a
   * {@link TokenDenialReason}. Synchronous on Node when `isRevoked` answers synchronously.
   *
   * Given the `connection` the token came on (any object that lives as long as it, such as Node's
   * `request.socket`), a token presented again on that connection is not hashed again to find it in the
   * cache; every claim is still checked. The connection's last token is kept, and matched in constant
   * time, for as long as the connection object lives.
   */
  verify(token: string, connection?: object): MaybePromise<Result<AccessTokenClaims>>;
  /** The verified-token cache, or `null`; `cache.purge(jti)` when a token is revoked. */
  readonly cache: TokenCache | null;
}

const DESCRIPTIONS: Partial<Record<TokenDenialReason, string>> = {
  expired: 'The access token expired.',
  revoked: 'The access token was revoked.',
  wrong_audience: 'The access token is not meant for this service.',
  not_yet_valid: 'The access token is not valid yet.',
};

const deny = (reason: TokenDenialReason): { ok: false; error: AuthError } => ({
  ok: false,
  error: new AuthError('invalid_token', {
    reason,
    description: DESCRIPTIONS[reason] ?? 'The access token is invalid.',
  }),
});

const parseJson = (text: string | null): Record<string, unknown> | null => {
  if (text === null) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

// RFC 9068 §2.1: `at+jwt`; RFC 7515 §4.1.9 allows the full media type and compares case-insensitively.
const isAccessTokenType = (typ: unknown): boolean =>
  typeof typ === 'string' && /^(?:application\/)?at\+jwt$/i.test(typ);

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Creates an access token verifier (RFC 9068 §4): compact JWS only; `typ` must be `at+jwt`; the `kid`
 * must name a key of the set and `alg` must be that key's own algorithm (so `none` and HMAC are never
 * accepted); then the signature, `iss`, `aud`, `exp`, `iat` and `nbf` (with leeway), the required
 * claims, and the revocation hook. Verified tokens are cached by hash until `exp`.
 *
 * On Node the signature check is a synchronous `node:crypto` call; on other runtimes it is Web Crypto
 * and `verify` returns a promise. `await` suits both.
 *
 * @example
 * ```ts
 * const verifier = createTokenVerifier({ keySet, issuer: 'https://api.neuracraft.com', audience: 'https://api.neuracraft.com' });
 * const result = await verifier.verify(token);
 * if (!result.ok) return result.error.toResponse(requestId); // 401 invalid_token + WWW-Authenticate
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://www.rfc-editor.org/rfc/rfc8725#section-3.1
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { issuer, audience, isRevoked } = options;
  const lookup =
    typeof options.keySet === 'function' ? options.keySet : options.keySet.get.bind(options.keySet);
  const leeway = options.leewaySeconds ?? 5;
  const maxLength = options.maxLength ?? 4096;
  const now = options.now ?? Date.now;
  const cache = options.cache === false ? null : (options.cache ?? createTokenCache());
  const memo = createHashMemo();

  const isForUs = (aud: unknown): boolean =>
    aud === audience || (Array.isArray(aud) && aud.includes(audience));

  const checkRevoked = (claims: AccessTokenClaims): MaybePromise<Result<AccessTokenClaims>> => {
    if (isRevoked === undefined) {
      return ok(claims);
    }
    const revoked = isRevoked(claims.jti);
    const decide = (yes: boolean): Result<AccessTokenClaims> => {
      if (yes) {
        cache?.purge(claims.jti);
        return deny('revoked');
      }
      return ok(claims);
    };
    return revoked instanceof Promise ? revoked.then(decide) : decide(revoked);
  };

  const checkClaims = (
    payload: Record<string, unknown>,
    hash: string | null,
  ): MaybePromise<Result<AccessTokenClaims>> => {
    const { iss, sub, aud, exp, iat, nbf, jti, client_id, scope, org_id } = payload;
    if (
      !isTime(exp) ||
      !isTime(iat) ||
      (nbf !== undefined && !isTime(nbf)) ||
      !isText(sub) ||
      !isText(jti) ||
      !isText(client_id) ||
      typeof scope !== 'string' ||
      !isText(org_id)
    ) {
      return deny('bad_claims');
    }
    if (iss !== issuer) {
      return deny('wrong_issuer');
    }
    if (!isForUs(aud)) {
      return deny('wrong_audience');
    }
    const t = now() / 1000;
    if (t >= exp + leeway) {
      return deny('expired');
    }
    if (iat > t + leeway || (nbf !== undefined && nbf > t + leeway)) {
      return deny('not_yet_valid');
    }
    const claims = Object.freeze(payload) as unknown as AccessTokenClaims;
    const result = checkRevoked(claims);
    if (cache !== null && hash !== null) {
      const store = (r: Result<AccessTokenClaims>): Result<AccessTokenClaims> => {
        if (r.ok) {
          cache.set(hash, claims);
        }
        return r;
      };
      return result instanceof Promise ? result.then(store) : store(result);
    }
    return result;
  };

  const verifyUncached = (token: string, hash: string | null): MaybePromise<Result<AccessTokenClaims>> => {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (
      first <= 0 ||
      second <= first + 1 ||
      second === token.length - 1 ||
      token.indexOf('.', second + 1) !== -1
    ) {
      return deny('malformed');
    }
    if (
      !isBase64url(token, 0, first) ||
      !isBase64url(token, first + 1, second) ||
      !isBase64url(token, second + 1)
    ) {
      return deny('malformed');
    }
    const header = parseJson(backend.decodeText(token.slice(0, first)));
    if (header === null) {
      return deny('malformed');
    }
    if (!isAccessTokenType(header.typ) || header.crit !== undefined) {
      return deny('bad_typ');
    }
    const key = typeof header.kid === 'string' ? lookup(header.kid) : undefined;
    if (key === undefined) {
      return deny('unknown_kid');
    }
    if (header.alg !== key.alg) {
      return deny('alg_mismatch');
    }
    const valid = verifySignature(key, token.slice(0, second), token.slice(second + 1));
    const afterSignature = (yes: boolean): MaybePromise<Result<AccessTokenClaims>> => {
      if (!yes) {
        return deny('bad_signature');
      }
      const payload = parseJson(backend.decodeText(token.slice(first + 1, second)));
      return payload === null ? deny('malformed') : checkClaims(payload, hash);
    };
    return valid instanceof Promise ? valid.then(afterSignature) : afterSignature(valid);
  };

  const fromCache = (token: string, hash: string): MaybePromise<Result<AccessTokenClaims>> => {
    const hit = (cache as TokenCache).get(hash, now());
    // A cache shared by verifiers of other issuers or audiences must not let their tokens through here.
    if (hit === undefined || hit.iss !== issuer || !isForUs(hit.aud)) {
      return verifyUncached(token, hash);
    }
    return checkRevoked(hit);
  };

  return {
    cache,
    verify(token, connection) {
      if (typeof token !== 'string' || token.length === 0 || token.length > maxLength) {
        return deny('malformed');
      }
      if (cache === null) {
        return verifyUncached(token, null);
      }
      const known = connection === undefined ? undefined : memo.get(connection, token);
      if (known !== undefined) {
        return fromCache(token, known);
      }
      const hash = memo.remember(connection, token, backend.sha256(token));
      return typeof hash === 'string' ? fromCache(token, hash) : hash.then((h) => fromCache(token, h));
    },
  };
}

const principals = new WeakMap<AccessTokenClaims, Principal>();

/**
 * The principal of verified access token claims: kind `access_token`, `credentialId` = `jti`, the known
 * scopes of `scope` (unknown ones are dropped), `clientId` = `client_id`. Memoized per claims object, so
 * cached tokens cost nothing here.
 *
 * @example
 * ```ts
 * const result = await verifier.verify(token);
 * if (result.ok) authorize(accessTokenPrincipal(result.value), operation);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-5
 */
export function accessTokenPrincipal(claims: AccessTokenClaims): Principal {
  let principal = principals.get(claims);
  if (principal === undefined) {
    const scopes: Scope[] = [];
    for (const token of claims.scope.split(' ')) {
      if (isScope(token) && !scopes.includes(token)) {
        scopes.push(token);
      }
    }
    principal = Object.freeze({
      orgId: claims.org_id,
      kind: 'access_token',
      credentialId: claims.jti,
      scopes: Object.freeze(scopes),
      clientId: claims.client_id,
    });
    principals.set(claims, principal);
  }
  return principal;
}
