/**
 * Running the server: health, readiness and metrics, request ids, rate limits per credential and on
 * failed authentication, configuration errors, graceful shutdown and restart on the same data.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  breakChecksum,
  call,
  createApp,
  createKey,
  expectDocumented,
  expectError,
  freePort,
  type Reply,
  remember,
  requestToken,
  restartServer,
  SECRETS,
  startServer,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';
import { removeDataDir, startTestServer } from './support/server.js';

afterAll(async () => {
  const { lines, leaked } = await stopServersAndScanLogs();
  expect(lines).toBeGreaterThan(0);
  expect(leaked).toEqual([]);
});

describe('health, readiness, metrics', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  });

  it('GET /healthz → 200 {"status":"ok"}, with no credential', async () => {
    const reply = await call(world.server, 'GET', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
    expectDocumented('getHealth', reply);
  });

  it('GET /readyz → 200 with status ok and a check of the database and the signing keys', async () => {
    const reply = await call(world.server, 'GET', '/readyz');
    expect(reply.status).toBe(200);
    expectDocumented('getReadiness', reply);
    expect(reply.body).toMatchObject({ status: 'ok', checks: { database: 'ok' } });
    expect(Object.values(reply.body.checks).every((v) => v === 'ok')).toBe(true);
  });

  it('every answer carries an X-Request-Id of its own, errors and 404s included', async () => {
    const replies = await Promise.all([
      ...Array.from({ length: 10 }, () => call(world.server, 'GET', '/healthz')),
      call(world.server, 'GET', '/v1/pipelines'),
      call(world.server, 'GET', '/no/such/route'),
      call(world.server, 'POST', '/oauth/token', { form: {} }),
    ]);
    const ids = replies.map((r) => r.headers.get('x-request-id'));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('GET /metrics: Prometheus text with requests by operation and status, authentication outcomes, token issuance and a latency histogram', async () => {
    const { server, a } = world;
    const app = await createApp(server, a, ['pipeline:read']);
    await tokenFor(server, app);
    await requestToken(server, { client_id: app.client_id, client_secret: breakChecksum(app.client_secret) });
    await call(server, 'GET', '/v1/pipelines', { key: a.adminKey });
    await call(server, 'GET', '/v1/pipelines', { key: breakChecksum(a.adminKey) });
    await call(server, 'GET', '/v1/pipelines', { token: 'not-a-jwt' });
    await call(server, 'GET', '/healthz');

    const reply = await call(server, 'GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = new Map<string, number>();
    for (const line of reply.text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
      expect(match, `not a sample line: ${line}`).not.toBeNull();
      samples.set(match![1]!, Number(match![2]));
    }
    const value = (name: string, labels: Record<string, string>) => {
      const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const found = [...samples].filter(
        ([key]) => key.startsWith(`${name}{`) && wanted.every((w) => key.includes(w)),
      );
      return found.reduce((sum, [, v]) => sum + v, 0);
    };
    expect(
      value('neuracraft_http_requests_total', { operation: 'getHealth', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('neuracraft_http_requests_total', { operation: 'listPipelines', status: '401' }),
    ).toBeGreaterThanOrEqual(2);
    expect(value('neuracraft_authentications_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value('neuracraft_authentications_total', { outcome: 'invalid_api_key' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(value('neuracraft_authentications_total', { outcome: 'invalid_token' })).toBeGreaterThanOrEqual(1);
    expect(value('neuracraft_token_requests_total', { outcome: 'issued' })).toBeGreaterThanOrEqual(1);
    expect(value('neuracraft_token_requests_total', { outcome: 'invalid_client' })).toBeGreaterThanOrEqual(1);
    expect(reply.text).toMatch(/^# TYPE neuracraft_http_request_duration_seconds histogram$/m);
    const inf = value('neuracraft_http_request_duration_seconds_bucket', {
      operation: 'getHealth',
      le: '+Inf',
    });
    expect(inf).toBeGreaterThanOrEqual(1);
    expect(value('neuracraft_http_request_duration_seconds_count', { operation: 'getHealth' })).toBe(inf);
    for (const secret of SECRETS) {
      expect(reply.text).not.toContain(secret);
    }
  });
});

describe('rate limit per credential (NEURACRAFT_RATE_LIMIT=3/1m)', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ NEURACRAFT_RATE_LIMIT: '3/1m', NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  });

  it('the 4th request of one key → 429 rate_limited with Retry-After and RateLimit headers; another key is not affected', async () => {
    const { server, a } = world;
    const key = await createKey(server, a, ['pipeline:read']);
    const replies: Reply[] = [];
    for (let i = 0; i < 4; i++) {
      replies.push(await call(server, 'GET', '/v1/pipelines', { key: key.key }));
    }
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies[0]!.headers.get('ratelimit')).toMatch(/r=2\b/);
    expect(replies[2]!.headers.get('ratelimit')).toMatch(/r=0\b/);
    const limited = replies[3]!;
    expectError(limited, 429, 'rate_limited', 'listPipelines');
    // The wait until one more request fits. The limit slides and refused requests count too, so the
    // 4th request's wait is up to 1.5 windows: the 4 requests of this window must first weigh in at ≤ 2.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter), String(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(30);
    expect(retryAfter).toBeLessThanOrEqual(90);
    expect(limited.headers.get('ratelimit')).toBe(`"credential";r=0;t=${retryAfter}`);
    expect(limited.headers.get('ratelimit-policy')).toMatch(/q=3\b.*w=60\b/);
    const other = await createKey(server, a, ['pipeline:read']);
    expect((await call(server, 'GET', '/v1/pipelines', { key: other.key })).status).toBe(200);
  });

  it('a bearer token is limited the same way', async () => {
    const { server, a } = world;
    const app = await createApp(server, a, ['pipeline:read']);
    const token = await tokenFor(server, app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call(server, 'GET', '/v1/pipelines', { token })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('public operations are not limited per credential', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => call(world.server, 'GET', '/healthz')),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(6).fill(200));
  });
});

describe('failed authentication is throttled (NEURACRAFT_AUTH_FAILURE_LIMIT=3/1m)', () => {
  let world: World;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  beforeAll(async () => {
    world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: '3/1m', NEURACRAFT_TRUST_PROXY: '1' });
  });

  it('per client: after 3 wrong secrets for one client_id, even its right secret → 429, from any address', async () => {
    const { server, a } = world;
    const app = await createApp(server, a, ['pipeline:read']);
    const wrong = breakChecksum(app.client_secret);
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      const reply = await call(server, 'POST', '/oauth/token', {
        form: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: wrong },
        headers: from(address),
      });
      expectError(reply, 401, 'invalid_client', 'createToken');
    }
    const blocked = await call(server, 'POST', '/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: basic(app.client_id, app.client_secret), ...from('10.0.0.4') },
    });
    expectError(blocked, 429, 'rate_limited', 'createToken');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.headers.get('ratelimit')).not.toBeNull();
    expect(blocked.text).not.toContain('access_token');
  });

  it('per address at the token endpoint: 3 failures from one address block every client from it, not from others', async () => {
    const { server, a } = world;
    const app = await createApp(server, a, ['pipeline:read']);
    for (let i = 0; i < 3; i++) {
      const reply = await call(server, 'POST', '/oauth/token', {
        form: {
          grant_type: 'client_credentials',
          client_id: `app_00000000000000000000000${i}`,
          client_secret: app.client_secret,
        },
        headers: from('10.0.2.1'),
      });
      expectError(reply, 401, 'invalid_client');
    }
    const blocked = await call(server, 'POST', '/oauth/token', {
      form: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret },
      headers: from('10.0.2.1'),
    });
    expectError(blocked, 429, 'rate_limited', 'createToken');
    const elsewhere = await call(server, 'POST', '/oauth/token', {
      form: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret },
      headers: from('10.0.2.2'),
    });
    expect(elsewhere.status, elsewhere.text).toBe(200);
    remember(elsewhere.body.access_token);
  });

  it('per address on the API: 3 bad keys from one address, then even a good key from it → 429; other addresses are served', async () => {
    const { server, a } = world;
    for (let i = 0; i < 3; i++) {
      const reply = await call(server, 'GET', '/v1/pipelines', {
        key: breakChecksum(a.adminKey),
        headers: from('10.0.1.1'),
      });
      expectError(reply, 401, 'invalid_api_key');
    }
    const blocked = await call(server, 'GET', '/v1/pipelines', {
      key: a.adminKey,
      headers: from('10.0.1.1'),
    });
    expectError(blocked, 429, 'rate_limited', 'listPipelines');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (await call(server, 'GET', '/v1/pipelines', { key: a.adminKey, headers: from('10.0.1.2') })).status,
    ).toBe(200);
  });

  it('without NEURACRAFT_TRUST_PROXY a forged X-Forwarded-For does not escape the throttle', async () => {
    const server = await startServer({ NEURACRAFT_AUTH_FAILURE_LIMIT: '3/1m' });
    const key = remember(breakChecksum(world.a.adminKey));
    for (let i = 0; i < 3; i++) {
      const reply = await call(server, 'GET', '/v1/pipelines', { key, headers: from(`192.0.2.${i}`) });
      expectError(reply, 401, 'invalid_api_key');
    }
    const blocked = await call(server, 'GET', '/v1/pipelines', { key, headers: from('192.0.2.99') });
    expectError(blocked, 429, 'rate_limited');
  });
});

describe('configuration, shutdown and restart', () => {
  it.each([
    ['NEURACRAFT_RATE_LIMIT', 'lots'],
    ['NEURACRAFT_AUTH_FAILURE_LIMIT', '20 per minute'],
    ['NEURACRAFT_SECRET', 'too-short'],
    ['PORT', 'eighty'],
    ['NEURACRAFT_PUBLIC_URL', 'ftp://example.com'],
    ['NEURACRAFT_TOKEN_TTL', '5'],
  ])('a bad %s (%s) stops the start with a message that names it', async (name, value) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-test-'));
    const failure = await startTestServer({ [name]: value }, dataDir)
      .then(
        async (server) => {
          await server.stop();
          return null;
        },
        (error: Error) => error.message,
      )
      .finally(() => removeDataDir(dataDir));
    expect(failure).not.toBeNull();
    expect(failure).toContain(name);
    expect(failure).not.toMatch(/\n\s+at /);
  });

  it('without NEURACRAFT_SECRET a secret is generated into the data directory with mode 0600, and a warning is logged', async () => {
    const server = await startServer({ NEURACRAFT_SECRET: undefined });
    const mode = statSync(join(server.dataDir, 'secret')).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
    expect(
      server.logs.some((line) => /"level":"warn"/.test(line) && line.includes('NEURACRAFT_SECRET')),
    ).toBe(true);
  });

  it('SIGTERM stops the server gracefully (exit status 0); a restart on the same data keeps keys, tokens and objects', async () => {
    // A fixed port: the default issuer is http://localhost:$PORT, and tokens name their issuer.
    const world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off', PORT: String(await freePort()) });
    const { a } = world;
    const app = await createApp(world.server, a, ['pipeline:read', 'pipeline:write']);
    const token = await tokenFor(world.server, app);
    const made = await call(world.server, 'POST', '/v1/pipelines', {
      key: a.adminKey,
      json: { name: 'kept' },
    });
    expect(made.status).toBe(201);
    const kid = (await call(world.server, 'GET', '/.well-known/jwks.json')).body.keys.map(
      (k: { kid: string }) => k.kid,
    );

    const exited = new Promise<number | null>((done) =>
      world.server.process.once('exit', (code) => done(code)),
    );
    const restarted = await restartServer(world.server);
    expect(await exited).toBe(0);
    expect(restarted.logs.some((line) => line.includes('shutting down'))).toBe(true);

    expect((await call(restarted, 'GET', `/v1/pipelines/${made.body.id}`, { key: a.adminKey })).body).toEqual(
      made.body,
    );
    expect((await call(restarted, 'GET', '/v1/pipelines', { token })).status).toBe(200);
    expect(
      (await call(restarted, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid),
    ).toEqual(kid);
    expect((await requestToken(restarted, app)).status).toBe(200);
  });
});
