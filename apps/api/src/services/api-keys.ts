import {
  type ApiKeyRecord,
  type ApiKeyVerifier,
  apiKeyHint,
  createApiKeyVerifier,
  generateApiKey,
  hashApiKey,
} from '@neuracraft/auth-core';
import type { Scope } from '@neuracraft/types';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { ApiKeyRow } from '../store/credentials.js';
import type { Store } from '../store/index.js';
import type { RevocationBus } from './bus.js';

/** How long a key read from the database serves from memory before it is read again. */
const CACHE_MS = 5_000;
const CACHE_SIZE = 10_000;
/** `last_used_at` is written at most this often per key. */
const LAST_USED_EVERY_MS = 60_000;

const toRecord = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  orgId: row.org_id,
  scopes: row.scopes === '' ? [] : (row.scopes.split(' ') as Scope[]),
  expiresAt: row.expires_at === null ? null : Date.parse(row.expires_at),
  revokedAt: row.revoked_at === null ? null : Date.parse(row.revoked_at),
});

/** What creating a key answers: the stored row, and the key itself, which is never stored. */
export interface CreatedApiKey {
  readonly row: ApiKeyRow;
  readonly key: string;
}

/** API keys: creation, rotation, revocation, and verification with a short in-memory cache. */
export interface ApiKeys {
  readonly verifier: ApiKeyVerifier;
  create(
    orgId: string,
    input: { name: string; scopes: readonly Scope[]; expiresAt: string | null },
  ): Promise<CreatedApiKey>;
  /** Makes a replacement with the same name and scopes; the old key works `graceSeconds` more. */
  rotate(orgId: string, id: string, graceSeconds: number): Promise<CreatedApiKey | undefined>;
  revoke(orgId: string, id: string): Promise<ApiKeyRow | undefined>;
  /** Notes a successful use, writing `last_used_at` at most once a minute per key. */
  used(id: string): void;
}

export function createApiKeys({
  store,
  pepper,
  logger,
  bus,
}: {
  store: Store;
  pepper: string;
  logger: Logger;
  bus: RevocationBus;
}): ApiKeys {
  const cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  const hashOfId = new Map<string, string>();
  const lastWritten = new Map<string, number>();

  const remember = (hash: string, record: ApiKeyRecord) => {
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
    }
    cache.set(hash, { record, until: Date.now() + CACHE_MS });
    hashOfId.set(record.id, hash);
  };
  const forget = (id: string) => {
    const hash = hashOfId.get(id);
    if (hash !== undefined) {
      cache.delete(hash);
      hashOfId.delete(id);
    }
  };

  bus.subscribe((r) => {
    if (r.type === 'api_key') {
      forget(r.id);
    }
  });
  const verifier = createApiKeyVerifier({
    pepper,
    store: {
      findByHash(hash) {
        const hit = cache.get(hash);
        if (hit !== undefined && hit.until > Date.now()) {
          return hit.record;
        }
        return store.apiKeys.findByHash(hash).then((row) => {
          if (row === undefined) {
            return undefined;
          }
          const record = toRecord(row);
          remember(hash, record);
          return record;
        });
      },
    },
  });

  const make = async (orgId: string, name: string, scopes: readonly Scope[], expiresAt: string | null) => {
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: newId('apiKey'),
      org_id: orgId,
      name,
      hash: await hashApiKey(key, pepper),
      hint: apiKeyHint(key),
      scopes: scopes.join(' '),
      created_at: new Date().toISOString(),
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    };
    return { key, row };
  };

  return {
    verifier,
    async create(orgId, { name, scopes, expiresAt }) {
      const created = await make(orgId, name, scopes, expiresAt);
      await store.apiKeys.insert(created.row);
      return created;
    },
    async rotate(orgId, id, graceSeconds) {
      const old = await store.apiKeys.get(orgId, id);
      if (!old || old.revoked_at !== null) {
        return undefined;
      }
      const created = await make(
        orgId,
        old.name,
        old.scopes === '' ? [] : (old.scopes.split(' ') as Scope[]),
        old.expires_at,
      );
      const oldExpiresAt = new Date(Date.now() + graceSeconds * 1000).toISOString();
      if (!(await store.apiKeys.rotate(orgId, id, oldExpiresAt, created.row))) {
        return undefined;
      }
      forget(id);
      await bus.publish({ type: 'api_key', id });
      return created;
    },
    async revoke(orgId, id) {
      const row = await store.apiKeys.revoke(orgId, id, new Date().toISOString());
      forget(id);
      await bus.publish({ type: 'api_key', id });
      return row;
    },
    used(id) {
      const now = Date.now();
      const last = lastWritten.get(id) ?? 0;
      if (now - last < LAST_USED_EVERY_MS) {
        return;
      }
      lastWritten.set(id, now);
      store.apiKeys.touch(id, new Date(now).toISOString()).catch((err: unknown) => {
        logger.warn({ err, key_id: id }, 'could not record last_used_at');
      });
    },
  };
}
