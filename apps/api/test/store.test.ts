import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import type { Database } from '../src/store/schema.js';

const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Each backend, opened fresh: SQLite in a new directory, PostgreSQL in a new schema of the test database. */
const backends: [string, () => Promise<{ store: Store; drop: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'neuracraft-store-'));
      const store = await openSqliteStore(dir);
      return { store, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = `nc_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: POSTGRES });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const url = new URL(POSTGRES);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openPostgresStore(url.href, 4);
      return {
        store,
        drop: async () => {
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        },
      };
    },
  ],
];

const iso = (msFromNow = 0) => new Date(Date.now() + msFromNow).toISOString();

function apiKeyRow(orgId: string, overrides: Partial<Database['api_keys']> = {}): Database['api_keys'] {
  return {
    id: newId('apiKey'),
    org_id: orgId,
    name: 'k',
    hash: randomBytes(32).toString('base64url'),
    hint: 'nc_abcd…wxyz',
    scopes: 'pipeline:read',
    created_at: iso(),
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    ...overrides,
  };
}

describe.each(backends)('the store on %s', (_name, open) => {
  let store: Store;
  let drop: () => Promise<void>;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    ({ store, drop } = await open());
    orgA = (await store.orgs.create('A')).id;
    orgB = (await store.orgs.create('B')).id;
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('answers ping, and makes the default org once', async () => {
    expect(await store.ping()).toBe(true);
    const [one, two] = await Promise.all([store.orgs.default(), store.orgs.default()]);
    expect(one.id).toBe(two.id);
    expect((await store.orgs.default()).id).toBe(one.id);
  });

  it('finds an API key by hash, and only in its own org by id', async () => {
    const row = apiKeyRow(orgA);
    await store.apiKeys.insert(row);
    expect(await store.apiKeys.findByHash(row.hash)).toEqual(row);
    expect(await store.apiKeys.get(orgA, row.id)).toEqual(row);
    expect(await store.apiKeys.get(orgB, row.id)).toBeUndefined();
    expect(await store.apiKeys.revoke(orgB, row.id, iso())).toBeUndefined();
    expect((await store.apiKeys.revoke(orgA, row.id, iso()))?.revoked_at).not.toBeNull();
  });

  it('rotates a key: the replacement is stored and the old one expires at the grace time, never later', async () => {
    const old = apiKeyRow(orgA, { expires_at: iso(60_000) });
    await store.apiKeys.insert(old);
    const replacement = apiKeyRow(orgA);
    expect(await store.apiKeys.rotate(orgA, old.id, iso(3_600_000), replacement)).toBe(true);
    expect((await store.apiKeys.get(orgA, old.id))?.expires_at).toBe(old.expires_at);
    expect(await store.apiKeys.findByHash(replacement.hash)).toBeDefined();
    expect(await store.apiKeys.rotate(orgB, old.id, iso(), apiKeyRow(orgB))).toBe(false);
  });

  it('pages newest first with a cursor, stable while rows are added, never showing another org', async () => {
    const org = (await store.orgs.create('paging')).id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const row = apiKeyRow(org);
      ids.push(row.id);
      await store.apiKeys.insert(row);
    }
    await store.apiKeys.insert(apiKeyRow(orgB));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.apiKeys.list(org, { limit: 3, cursor });
      seen.push(...page.data.map((k) => k.id));
      cursor = page.next_cursor === null ? null : Buffer.from(page.next_cursor, 'base64url').toString();
      if (seen.length === 3) {
        await store.apiKeys.insert(apiKeyRow(org));
      }
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps at most two secrets per app, the older expiring at the grace time', async () => {
    const at = iso();
    const app: Database['oauth_apps'] = {
      id: newId('oauthApp'),
      org_id: orgA,
      name: 'app',
      scopes: 'pipeline:read',
      token_ttl_seconds: 3600,
      created_at: at,
      updated_at: at,
    };
    const secret = (n: number): Database['oauth_app_secrets'] => ({
      id: newId('secret'),
      app_id: app.id,
      hash: `hash-${n}`,
      hint: 'ncs_abcd…wxyz',
      created_at: iso(),
      expires_at: null,
    });
    await store.oauthApps.insert(app, secret(1));
    const grace = iso(60_000);
    expect(await store.oauthApps.rotateSecret(orgA, app.id, secret(2), grace)).toBe(true);
    expect(await store.oauthApps.rotateSecret(orgA, app.id, secret(3), grace)).toBe(true);
    const record = await store.oauthApps.findByClientId(app.id);
    expect(record?.secrets.map((s) => s.hash)).toEqual(['hash-2', 'hash-3']);
    expect(record?.secrets[0]?.expires_at).toBe(grace);
    expect(await store.oauthApps.rotateSecret(orgB, app.id, secret(4), grace)).toBe(false);
    expect(await store.oauthApps.delete(orgB, app.id)).toBe(false);
    expect(await store.oauthApps.delete(orgA, app.id)).toBe(true);
    expect(await store.oauthApps.findByClientId(app.id)).toBeUndefined();
  });

  it('stores an idempotent response once: a concurrent second writer is told it lost', async () => {
    const row = {
      org_id: orgA,
      credential_id: 'key_x',
      idempotency_key: 'k1',
      operation_id: 'createPipeline',
      fingerprint: 'f',
      status: 201,
      body: '{}',
      created_at: iso(),
    };
    const results = await Promise.all([
      store.idempotency.put(row),
      store.idempotency.put({ ...row, body: '{"b":1}' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.idempotency.get(orgA, 'key_x', 'k1'))?.status).toBe(201);
  });

  it('keeps revoked token ids until they expire', async () => {
    await store.revokedTokens.add('tok_live', iso(60_000));
    await store.revokedTokens.add('tok_live', iso(60_000));
    await store.revokedTokens.add('tok_gone', iso(-1_000));
    expect(await store.revokedTokens.has('tok_live')).toBe(true);
    expect((await store.revokedTokens.live(iso())).map((r) => r.jti)).toContain('tok_live');
    await store.revokedTokens.purgeExpired(iso());
    expect(await store.revokedTokens.has('tok_gone')).toBe(false);
  });

  it('refuses a second plugin of the same name in one org, not in another', async () => {
    const plugin = (org: string): Database['plugins'] => ({
      id: newId('plugin'),
      org_id: org,
      name: 'http-request',
      version: '1.0.0',
      enabled: 1,
      config: '{}',
      installed_at: iso(),
      updated_at: iso(),
    });
    await store.plugins.insert(plugin(orgA));
    await expect(store.plugins.insert(plugin(orgA))).rejects.toThrow(/unique|duplicate/i);
    await expect(store.plugins.insert(plugin(orgB))).resolves.toMatchObject({ name: 'http-request' });
  });

  it('cancels an execution once', async () => {
    const at = iso();
    const execution = await store.executions.insert({
      id: newId('execution'),
      org_id: orgA,
      workflow_id: newId('workflow'),
      pipeline_id: newId('pipeline'),
      status: 'queued',
      inputs: '{}',
      created_at: at,
      updated_at: at,
      finished_at: null,
    });
    expect(await store.executions.cancel(orgB, execution.id, iso())).toBeUndefined();
    expect((await store.executions.cancel(orgA, execution.id, iso()))?.canceled).toBe(true);
    expect((await store.executions.cancel(orgA, execution.id, iso()))?.canceled).toBe(false);
  });
});
