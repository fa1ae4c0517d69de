import {
  clientSecretHint,
  generateClientSecret,
  hashClientSecret,
  type OAuthClientRecord,
} from '@neuracraft/auth-core';
import type { Scope } from '@neuracraft/types';
import { newId } from '../ids.js';
import type { OAuthAppRecord } from '../store/credentials.js';
import type { Store } from '../store/index.js';
import type { Database } from '../store/schema.js';
import type { RevocationBus } from './bus.js';

/** How long an app read from the database serves the token endpoint from memory. */
const CACHE_MS = 5_000;
const CACHE_SIZE = 10_000;

const toClient = ({ app, secrets }: OAuthAppRecord): OAuthClientRecord => ({
  id: app.id,
  orgId: app.org_id,
  scopes: app.scopes.split(' ') as Scope[],
  tokenTtlSeconds: app.token_ttl_seconds,
  secrets: secrets.map((s) => ({
    id: s.id,
    hash: s.hash,
    expiresAt: s.expires_at === null ? null : Date.parse(s.expires_at),
  })),
});

/** OAuth apps: registration and secret rotation; a secret is returned once and stored as a hash. */
export interface OAuthApps {
  create(
    orgId: string,
    input: { name: string; scopes: readonly Scope[]; tokenTtlSeconds: number },
  ): Promise<{ record: OAuthAppRecord; secret: string }>;
  /** Adds a new secret; the old one keeps working for `graceSeconds`. Undefined when no such app. */
  rotateSecret(
    orgId: string,
    id: string,
    graceSeconds: number,
  ): Promise<{ record: OAuthAppRecord; secret: string; secretId: string } | undefined>;
  /** The app a `client_id` names, for client authentication; from memory when it was read lately. */
  findClient(clientId: string): OAuthClientRecord | undefined | Promise<OAuthClientRecord | undefined>;
  /** Tells every server that an app changed (scopes, secrets) or is gone, so none serves it from memory. */
  changed(clientId: string): Promise<void>;
}

export function createOAuthApps({
  store,
  pepper,
  bus,
}: {
  store: Store;
  pepper: string;
  bus: RevocationBus;
}): OAuthApps {
  const cache = new Map<string, { client: OAuthClientRecord; until: number }>();
  bus.subscribe((r) => {
    if (r.type === 'oauth_app' || r.type === 'client') {
      cache.delete(r.clientId);
    }
  });
  const changed = async (clientId: string) => {
    cache.delete(clientId);
    await bus.publish({ type: 'oauth_app', clientId });
  };
  const newSecret = async (appId: string) => {
    const secret = generateClientSecret();
    const row: Database['oauth_app_secrets'] = {
      id: newId('secret'),
      app_id: appId,
      hash: await hashClientSecret(secret, pepper),
      hint: clientSecretHint(secret),
      created_at: new Date().toISOString(),
      expires_at: null,
    };
    return { secret, row };
  };
  return {
    async create(orgId, { name, scopes, tokenTtlSeconds }) {
      const at = new Date().toISOString();
      const app: Database['oauth_apps'] = {
        id: newId('oauthApp'),
        org_id: orgId,
        name,
        scopes: scopes.join(' '),
        token_ttl_seconds: tokenTtlSeconds,
        created_at: at,
        updated_at: at,
      };
      const { secret, row } = await newSecret(app.id);
      await store.oauthApps.insert(app, row);
      return { record: { app, secrets: [row] }, secret };
    },
    async rotateSecret(orgId, id, graceSeconds) {
      const { secret, row } = await newSecret(id);
      const othersExpireAt = new Date(Date.now() + graceSeconds * 1000).toISOString();
      if (!(await store.oauthApps.rotateSecret(orgId, id, row, othersExpireAt))) {
        return undefined;
      }
      await changed(id);
      const record = await store.oauthApps.get(orgId, id);
      return record ? { record, secret, secretId: row.id } : undefined;
    },
    findClient(clientId) {
      const hit = cache.get(clientId);
      if (hit !== undefined && hit.until > Date.now()) {
        return hit.client;
      }
      return store.oauthApps.findByClientId(clientId).then((record) => {
        if (record === undefined) {
          return undefined;
        }
        if (cache.size >= CACHE_SIZE) {
          cache.delete(cache.keys().next().value as string);
        }
        const client = toClient(record);
        cache.set(clientId, { client, until: Date.now() + CACHE_MS });
        return client;
      });
    },
    changed,
  };
}
