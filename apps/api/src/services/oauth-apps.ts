import { clientSecretHint, generateClientSecret, hashClientSecret } from '@neuracraft/auth-core';
import type { Scope } from '@neuracraft/types';
import { newId } from '../ids.js';
import type { OAuthAppRecord } from '../store/credentials.js';
import type { Store } from '../store/index.js';
import type { Database } from '../store/schema.js';

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
}

export function createOAuthApps({ store, pepper }: { store: Store; pepper: string }): OAuthApps {
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
      const record = await store.oauthApps.get(orgId, id);
      return record ? { record, secret, secretId: row.id } : undefined;
    },
  };
}
