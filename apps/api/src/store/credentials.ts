import type { Scope } from '@neuracraft/types';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import { type PageRequest, paginate } from './page.js';
import type { Database } from './schema.js';
import type { ApiKey, OAuthApp } from './types.js';

type Db = Kysely<Database>;

const scopesOf = (text: string): Scope[] => (text === '' ? [] : (text.split(' ') as Scope[]));

/** A stored API key, as the verifier and the management API see it. */
export type ApiKeyRow = Database['api_keys'];

/** What an API key looks like in the API: no hash, a status derived from the clock. */
export function toApiKey(row: ApiKeyRow, now = new Date().toISOString()): ApiKey {
  const status = row.revoked_at
    ? 'revoked'
    : row.expires_at !== null && row.expires_at <= now
      ? 'expired'
      : 'active';
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    scopes: scopesOf(row.scopes),
    status,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export function orgs(db: Db) {
  return {
    create: async (name: string) => {
      const org = { id: newId('org'), name, created_at: new Date().toISOString() };
      await db.insertInto('orgs').values(org).execute();
      return org;
    },
    get: (id: string) => db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst(),
    list: () => db.selectFrom('orgs').selectAll().orderBy('id').execute(),
    /** The org the CLI uses when none is named: made on first use, then remembered. */
    default: async () => {
      const found = await db
        .selectFrom('settings')
        .innerJoin('orgs', 'orgs.id', 'settings.value')
        .selectAll('orgs')
        .where('settings.name', '=', 'default_org')
        .executeTakeFirst();
      if (found) {
        return found;
      }
      // Several processes may ask at once: the first to record its org wins, the others drop theirs.
      return db.transaction().execute(async (trx) => {
        const org = { id: newId('org'), name: 'Default', created_at: new Date().toISOString() };
        await trx.insertInto('orgs').values(org).execute();
        await trx
          .insertInto('settings')
          .values({ name: 'default_org', value: org.id })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        const winner = await trx
          .selectFrom('settings')
          .innerJoin('orgs', 'orgs.id', 'settings.value')
          .selectAll('orgs')
          .where('settings.name', '=', 'default_org')
          .executeTakeFirstOrThrow();
        if (winner.id !== org.id) {
          await trx.deleteFrom('orgs').where('id', '=', org.id).execute();
        }
        return winner;
      });
    },
  };
}

export function apiKeys(db: Db) {
  return {
    insert: async (row: ApiKeyRow) => {
      await db.insertInto('api_keys').values(row).execute();
    },
    /**
     * Inserts the replacement `row` and makes the old key expire at `oldExpiresAt` (or earlier, if it
     * already did), in one transaction. Answers false when the org has no such unrevoked key.
     */
    rotate: async (orgId: string, oldId: string, oldExpiresAt: string, row: ApiKeyRow) =>
      db.transaction().execute(async (trx) => {
        const old = await trx
          .selectFrom('api_keys')
          .select('expires_at')
          .where('org_id', '=', orgId)
          .where('id', '=', oldId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (!old) {
          return false;
        }
        if (old.expires_at === null || old.expires_at > oldExpiresAt) {
          await trx
            .updateTable('api_keys')
            .set({ expires_at: oldExpiresAt })
            .where('id', '=', oldId)
            .execute();
        }
        await trx.insertInto('api_keys').values(row).execute();
        return true;
      }),
    findByHash: (hash: string) =>
      db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst(),
    get: (orgId: string, id: string) =>
      db
        .selectFrom('api_keys')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst(),
    list: (orgId: string, page: PageRequest) =>
      paginate(db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId), 'id', page, (row) =>
        toApiKey(row),
      ),
    /** Marks the key revoked; answers the row as it is now, or undefined when the org has no such key. */
    revoke: async (orgId: string, id: string, at: string) => {
      await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      return db
        .selectFrom('api_keys')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    touch: async (id: string, at: string) => {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

/** A stored OAuth app with its secrets' hashes. */
export interface OAuthAppRecord {
  readonly app: Database['oauth_apps'];
  readonly secrets: Database['oauth_app_secrets'][];
}

export function toOAuthApp({ app, secrets }: OAuthAppRecord): OAuthApp {
  return {
    id: app.id,
    name: app.name,
    client_id: app.id,
    scopes: scopesOf(app.scopes),
    token_ttl_seconds: app.token_ttl_seconds,
    secrets: secrets.map((s) => ({
      id: s.id,
      hint: s.hint,
      created_at: s.created_at,
      expires_at: s.expires_at,
    })),
    created_at: app.created_at,
    updated_at: app.updated_at,
  };
}

export function oauthApps(db: Db) {
  const secretsOf = (appIds: string[]) =>
    appIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('oauth_app_secrets').selectAll().where('app_id', 'in', appIds).orderBy('id').execute();
  const record = async (app: Database['oauth_apps'] | undefined): Promise<OAuthAppRecord | undefined> =>
    app ? { app, secrets: await secretsOf([app.id]) } : undefined;

  return {
    insert: (app: Database['oauth_apps'], secret: Database['oauth_app_secrets']) =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('oauth_apps').values(app).execute();
        await trx.insertInto('oauth_app_secrets').values(secret).execute();
      }),
    /** For the token endpoint: the app by client_id, in whichever org it is. */
    findByClientId: async (id: string) =>
      record(await db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst()),
    get: async (orgId: string, id: string) =>
      record(
        await db
          .selectFrom('oauth_apps')
          .selectAll()
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .executeTakeFirst(),
      ),
    list: async (orgId: string, page: PageRequest) => {
      const result = await paginate(
        db.selectFrom('oauth_apps').selectAll().where('org_id', '=', orgId),
        'id',
        page,
        (row) => row,
      );
      const secrets = await secretsOf(result.data.map((a) => a.id));
      return {
        data: result.data.map((app) =>
          toOAuthApp({ app, secrets: secrets.filter((s) => s.app_id === app.id) }),
        ),
        next_cursor: result.next_cursor,
      };
    },
    update: async (
      orgId: string,
      id: string,
      patch: Partial<Pick<Database['oauth_apps'], 'name' | 'scopes' | 'token_ttl_seconds'>>,
    ) => {
      await db
        .updateTable('oauth_apps')
        .set({ ...patch, updated_at: new Date().toISOString() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    },
    delete: async (orgId: string, id: string) =>
      db.transaction().execute(async (trx) => {
        const app = await trx
          .selectFrom('oauth_apps')
          .select('id')
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!app) {
          return false;
        }
        await trx.deleteFrom('oauth_app_secrets').where('app_id', '=', id).execute();
        await trx.deleteFrom('oauth_apps').where('id', '=', id).execute();
        return true;
      }),
    /**
     * Adds a secret; every other secret still valid now expires at `othersExpireAt` (or earlier, if it
     * already did). An app keeps at most two secrets: older ones are deleted.
     */
    rotateSecret: async (
      orgId: string,
      appId: string,
      secret: Database['oauth_app_secrets'],
      othersExpireAt: string,
    ) =>
      db.transaction().execute(async (trx) => {
        const app = await trx
          .selectFrom('oauth_apps')
          .select('id')
          .where('org_id', '=', orgId)
          .where('id', '=', appId)
          .executeTakeFirst();
        if (!app) {
          return false;
        }
        const now = new Date().toISOString();
        await trx
          .deleteFrom('oauth_app_secrets')
          .where('app_id', '=', appId)
          .where('expires_at', '<=', now)
          .execute();
        await trx
          .updateTable('oauth_app_secrets')
          .set({ expires_at: othersExpireAt })
          .where('app_id', '=', appId)
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', othersExpireAt)]))
          .execute();
        const kept = await trx
          .selectFrom('oauth_app_secrets')
          .select('id')
          .where('app_id', '=', appId)
          .orderBy('id', 'desc')
          .execute();
        const drop = kept.slice(1).map((s) => s.id);
        if (drop.length > 0) {
          await trx.deleteFrom('oauth_app_secrets').where('id', 'in', drop).execute();
        }
        await trx.insertInto('oauth_app_secrets').values(secret).execute();
        await trx.updateTable('oauth_apps').set({ updated_at: now }).where('id', '=', appId).execute();
        return true;
      }),
  };
}

export function signingKeys(db: Db) {
  return {
    list: () =>
      db
        .selectFrom('signing_keys')
        .selectAll()
        .where('retired_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute(),
    insert: async (row: Database['signing_keys']) => {
      await db.insertInto('signing_keys').values(row).execute();
    },
    /** Retires every key but the `keep` newest. */
    retireAllBut: async (keep: number) => {
      const live = await db
        .selectFrom('signing_keys')
        .select('kid')
        .where('retired_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute();
      const retire = live.slice(keep).map((k) => k.kid);
      if (retire.length > 0) {
        await db
          .updateTable('signing_keys')
          .set({ retired_at: new Date().toISOString() })
          .where('kid', 'in', retire)
          .execute();
      }
      return retire;
    },
  };
}

export function revokedTokens(db: Db) {
  return {
    add: async (jti: string, expiresAt: string) => {
      await db
        .insertInto('revoked_tokens')
        .values({ jti, expires_at: expiresAt })
        .onConflict((oc) => oc.column('jti').doNothing())
        .execute();
    },
    has: async (jti: string) =>
      (await db.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti).executeTakeFirst()) !==
      undefined,
    /** Everything still on the deny list, to warm a new process's memory. */
    live: (now: string) =>
      db.selectFrom('revoked_tokens').selectAll().where('expires_at', '>', now).execute(),
    purgeExpired: async (now: string) => {
      await db.deleteFrom('revoked_tokens').where('expires_at', '<=', now).execute();
    },
  };
}

export function settings(db: Db) {
  return {
    get: async (name: string) =>
      (await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst())?.value,
    /** Stores `value` unless a value is there already; answers the value that is stored now. */
    putIfAbsent: async (name: string, value: string) => {
      await db
        .insertInto('settings')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      return (
        await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow()
      ).value;
    },
  };
}
