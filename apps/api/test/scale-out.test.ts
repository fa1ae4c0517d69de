import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Polls until `check` holds or a second has passed; answers whether it held. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + ms;
  do {
    if (await check()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 20));
  } while (Date.now() < end);
  return false;
}

describe('two servers on one PostgreSQL and one Redis', () => {
  const schema = `nc_scale_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  let a: TestServer;
  let b: TestServer;
  let adminKey: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(POSTGRES);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = {
      DATABASE_URL: url.href,
      REDIS_URL: REDIS,
      NEURACRAFT_SECRET: 'scale-out-secret-shared-by-every-instance-0123456789',
      NEURACRAFT_PUBLIC_URL: 'http://api.neuracraft.test',
      NEURACRAFT_RATE_LIMIT: '5/1m',
    };
    a = await startTestServer(env);
    b = await startTestServer(env);
    adminKey = (
      await a.cliJson<{ key: string }>(['keys', 'create', '--name', 'admin', '--scopes', 'admin:all'])
    ).key;
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  const get = (server: TestServer, headers: Record<string, string>) =>
    fetch(`${server.url}/v1/pipelines`, { headers }).then(async (r) => ({
      status: r.status,
      error: r.status >= 400 ? ((await r.json()) as { error: string }).error : undefined,
    }));

  it('a key made on one is known to the other, and revoked on one is refused by the other at once', async () => {
    const created = await fetch(`${a.url}/v1/api-keys`, {
      method: 'POST',
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'shared', scopes: ['pipeline:read'] }),
    }).then((r) => r.json() as Promise<{ id: string; key: string }>);
    expect((await get(b, { 'x-api-key': created.key })).status).toBe(200);

    const revoked = await fetch(`${a.url}/v1/api-keys/${created.id}`, {
      method: 'DELETE',
      headers: { 'x-api-key': adminKey },
    });
    expect(revoked.status).toBe(204);
    // B verified the key a moment ago and holds it in its cache; Redis tells it to forget.
    expect(
      await within(
        1000,
        async () => (await get(b, { 'x-api-key': created.key })).error === 'invalid_api_key',
      ),
    ).toBe(true);
  });

  it('a token issued by one verifies on the other, and revoked on one is refused by the other at once (RFC 7009)', async () => {
    const app = await a.cliJson<{ client_id: string; client_secret: string }>([
      'apps',
      'create',
      '--name',
      'shared',
      '--scopes',
      'pipeline:read',
    ]);
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({ client_id: app.client_id, client_secret: app.client_secret, ...extra });
    const { access_token } = (await fetch(`${a.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ grant_type: 'client_credentials' }),
    }).then((r) => r.json())) as { access_token: string };
    const bearer = { authorization: `Bearer ${access_token}` };
    expect((await get(b, bearer)).status).toBe(200);

    const revoked = await fetch(`${a.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ token: access_token }),
    });
    expect(revoked.status).toBe(200);
    expect(await within(1000, async () => (await get(b, bearer)).error === 'invalid_token')).toBe(true);
  });

  it("shares one credential's quota between them: the sixth request of 5/1m is a 429 wherever it lands", async () => {
    const { key } = await a.cliJson<{ key: string }>([
      'keys',
      'create',
      '--name',
      'quota',
      '--scopes',
      'pipeline:read',
    ]);
    const statuses: number[] = [];
    for (const server of [a, b, a, b, a]) {
      statuses.push((await get(server, { 'x-api-key': key })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sixth = await fetch(`${b.url}/v1/pipelines`, { headers: { 'x-api-key': key } });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: string }).error).toBe('rate_limited');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
