import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ClientCredentialsOptions,
  clientCredentials,
  createClient,
  type ErrorCode,
  isNeuraCraftError,
  NeuraCraftError,
} from '../src/index.js';
import { recordingFetch } from './support/fetch.js';
import { type CreatedApp, createApp } from './support/server.js';

const { url, dataDir } = inject('api');
const TOKEN = '/oauth/token';

describe('clientCredentials() against the real server', () => {
  let app: CreatedApp;
  beforeAll(async () => {
    app = await createApp(dataDir, 'pipeline:read pipeline:write workflow:execute');
  });
  const auth = (more: Partial<ClientCredentialsOptions> = {}) =>
    clientCredentials({ clientId: app.client_id, clientSecret: app.client_secret, ...more });

  it.each([
    ['client_secret_basic (RFC 6749 §2.3.1)', 'client_secret_basic'],
    ['client_secret_post, as in the seed (RFC 6749 §2.3.1)', 'client_secret_post'],
  ] as const)('gets a token by %s and lists workflows with it, as the seed does', async (_, authMethod) => {
    const rec = recordingFetch();
    const client = createClient({
      baseUrl: url,
      fetch: rec.fetch,
      auth: auth({ authMethod, scopes: ['pipeline:read', 'workflow:execute'] }),
    });
    const { data, error } = await client.GET('/v1/workflows');
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(expect.any(Array));
    const { data: me } = await client.GET('/v1/me');
    expect(me).toMatchObject({ credential: { type: 'access_token' }, client_id: app.client_id });
    expect(me?.scopes.sort()).toEqual(['pipeline:read', 'workflow:execute']);
    expect(rec.to(TOKEN)).toHaveLength(1);
    expect(rec.to('/v1/workflows')[0]?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('makes exactly one token request for 100 concurrent calls on a cold client', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth() });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET('/v1/pipelines')));
    expect(results.map((r) => r.response.status)).toEqual(Array(100).fill(200));
    expect(rec.to(TOKEN)).toHaveLength(1);
    expect(new Set(rec.to('/v1/pipelines').map((s) => s.authorization)).size).toBe(1);
  });

  it('reuses the cached token', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth() });
    for (let i = 0; i < 5; i++) {
      await client.GET('/v1/pipelines');
    }
    expect(rec.to(TOKEN)).toHaveLength(1);
  });

  it('replaces a token revoked on the server (RFC 7009) and sends the POST again with its body intact', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth(), throwOnError: true });
    await client.GET('/v1/pipelines');
    const revoked = rec.to('/v1/pipelines')[0]?.authorization?.slice('Bearer '.length) ?? '';
    const revocation = await fetch(`${url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({
        token: revoked,
        client_id: app.client_id,
        client_secret: app.client_secret,
      }),
    });
    expect(revocation.status).toBe(200);

    const body = {
      name: 'Sent twice, created once',
      description: 'é — the body must survive the retry',
      steps: [
        {
          name: 'fetch-orders',
          uses: 'http-request@1',
          with: { method: 'GET', url: 'https://shop.example.com' },
        },
      ],
    };
    const { data, response } = await client.POST('/v1/pipelines', { body });
    expect(response.status).toBe(201);
    expect(data).toMatchObject(body);

    const posts = rec.sent.filter((s) => s.method === 'POST' && s.path === '/v1/pipelines');
    expect(posts.map((s) => s.authorization === `Bearer ${revoked}`)).toEqual([true, false]);
    expect(rec.to(TOKEN)).toHaveLength(2);
    const { data: stored } = await client.GET('/v1/pipelines/{id}', { params: { path: { id: data.id } } });
    expect(stored).toMatchObject(body);
  });

  it('replaces a revoked token once for 20 concurrent calls that all get 401 invalid_token', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth() });
    await client.GET('/v1/me');
    const revoked = rec.to('/v1/me')[0]?.authorization?.slice('Bearer '.length) ?? '';
    await fetch(`${url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({
        token: revoked,
        client_id: app.client_id,
        client_secret: app.client_secret,
      }),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.POST('/v1/pipelines', { body: { name: `concurrent ${i}`, steps: [] } }),
      ),
    );
    expect(results.map((r) => r.data?.name)).toEqual(Array.from({ length: 20 }, (_, i) => `concurrent ${i}`));
    expect(rec.to(TOKEN)).toHaveLength(2);
    expect(rec.to('/v1/pipelines')).toHaveLength(40);
  });

  it('refreshes an expired token before using it, instead of waiting for a 401', async () => {
    let clock = Date.now();
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth({ now: () => clock }) });
    await client.GET('/v1/pipelines');
    clock += 3601 * 1000; // the 3600 s token has expired
    const { response } = await client.GET('/v1/pipelines');
    expect(response.status).toBe(200);
    expect(rec.to(TOKEN)).toHaveLength(2);
    const [first, second] = rec.to('/v1/pipelines');
    expect(second?.authorization).not.toBe(first?.authorization);
    expect(rec.sent.map((s) => s.path)).toEqual([TOKEN, '/v1/pipelines', TOKEN, '/v1/pipelines']);
  });

  it('keeps a token until the refresh margin', async () => {
    let clock = Date.now();
    const rec = recordingFetch();
    const client = createClient({
      baseUrl: url,
      fetch: rec.fetch,
      auth: auth({ now: () => clock, refreshMargin: 120 }),
    });
    await client.GET('/v1/pipelines');
    clock += 3600 * 1000 - 121_000;
    await client.GET('/v1/pipelines');
    expect(rec.to(TOKEN)).toHaveLength(1);
    clock += 2000;
    await client.GET('/v1/pipelines');
    expect(rec.to(TOKEN)).toHaveLength(2);
  });

  it('follows the lifetime the app gives its tokens (token_ttl_seconds)', async () => {
    const short = await createApp(dataDir, 'pipeline:read', '--token-ttl', '60');
    let clock = Date.now();
    const rec = recordingFetch();
    const client = createClient({
      baseUrl: url,
      fetch: rec.fetch,
      auth: clientCredentials({
        clientId: short.client_id,
        clientSecret: short.client_secret,
        now: () => clock,
      }),
    });
    await client.GET('/v1/pipelines');
    clock += 29_000; // the margin is at most half the lifetime: 30 s of 60
    await client.GET('/v1/pipelines');
    expect(rec.to(TOKEN)).toHaveLength(1);
    clock += 2000;
    await client.GET('/v1/pipelines');
    expect(rec.to(TOKEN)).toHaveLength(2);
  });

  it.each<[string, Partial<ClientCredentialsOptions>, number, ErrorCode]>([
    ['a wrong secret', { clientSecret: 'ncs_wrong' }, 401, 'invalid_client'],
    ['an unknown client', { clientId: 'app_000000000000000000000000' }, 401, 'invalid_client'],
    ['a scope the app may not request', { scopes: ['admin:all'] }, 400, 'invalid_scope'],
  ])(
    'surfaces a refused token request (%s) as a typed error, and asks again on the next call',
    async (_, more, status, code) => {
      const rec = recordingFetch();
      const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth(more) });
      const results = await Promise.all([client.GET('/v1/pipelines'), client.GET('/v1/me')]);
      for (const { error, data } of results) {
        expect(data).toBeUndefined();
        expect(error).toBeInstanceOf(NeuraCraftError);
        expect(error).toMatchObject({ status, code, requestId: expect.any(String) });
      }
      expect(rec.to(TOKEN)).toHaveLength(1);
      expect(rec.sent.filter((s) => s.path.startsWith('/v1/'))).toHaveLength(0);

      const strict = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth(more), throwOnError: true });
      const thrown = await strict.GET('/v1/pipelines').catch((e: unknown) => e);
      expect(isNeuraCraftError(thrown, code)).toBe(true);
      await client.GET('/v1/pipelines');
      expect(rec.to(TOKEN)).toHaveLength(3);
    },
  );

  it('does not retry a 403 insufficient_scope: a new token would not have more scopes', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: rec.fetch, auth: auth({ scopes: 'pipeline:read' }) });
    const { error } = await client.POST('/v1/pipelines', { body: { name: 'x', steps: [] } });
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(error?.requiredScopes).toContain('pipeline:write');
    expect(rec.to(TOKEN)).toHaveLength(1);
    expect(rec.to('/v1/pipelines')).toHaveLength(1);
  });
});
