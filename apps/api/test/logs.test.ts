/**
 * No secret in any log line: a server at its most verbose log level is put through everything that
 * handles a secret — and through the mistakes users make with them (a key pasted into a URL, a secret
 * in a query string, near-miss keys and tokens) — then every line it wrote is scanned. Every other suite
 * scans the logs of its own servers the same way when it ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  badTokens,
  basic,
  breakChecksum,
  call,
  createApp,
  createKey,
  createUser,
  leakedLines,
  login,
  remember,
  SECRETS,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';

let world: World;

beforeAll(async () => {
  world = await startWorld({ LOG_LEVEL: 'trace', NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
});

afterAll(async () => {
  await stopServersAndScanLogs();
});

describe('the logs of a server put through every secret it handles', () => {
  beforeAll(async () => {
    const { server, a } = world;
    const key = await createKey(server, a, ['admin:all']);
    const app = await createApp(server, a, ['admin:all']);
    const token = await tokenFor(server, app);
    const basicToken = (
      await call(server, 'POST', '/oauth/token', {
        form: { grant_type: 'client_credentials' },
        headers: { authorization: basic(app.client_id, app.client_secret) },
      })
    ).body.access_token;
    remember(basicToken);
    const password = 'an especially memorable passphrase 3';
    await createUser(server, a, 'logs@example.com', password);
    const session = await login(server, 'logs@example.com', password);
    const doomed = await tokenFor(server, app);
    const bad = await badTokens(server, token, doomed, token);
    const rotated = await call(server, 'POST', `/v1/api-keys/${key.id}/rotate`, {
      key: a.adminKey,
      json: {},
    });
    remember(rotated.body.key);
    const secret = await call(server, 'POST', `/v1/oauth-apps/${app.id}/secrets`, {
      key: a.adminKey,
      json: {},
    });
    remember(secret.body.client_secret);

    const requests: [string, string, Parameters<typeof call>[3]][] = [
      // Ordinary use of every secret.
      ['GET', '/v1/me', { key: key.key }],
      ['GET', '/v1/me', { token }],
      ['GET', '/v1/me', { cookie: session.cookie }],
      ['POST', '/v1/api-keys', { cookie: session.cookie, csrf: session.csrf, json: { name: 'by session' } }],
      [
        'POST',
        '/oauth/introspect',
        { form: { token, client_id: app.client_id, client_secret: app.client_secret } },
      ],
      [
        'POST',
        '/oauth/revoke',
        { form: { token: doomed, client_id: app.client_id, client_secret: app.client_secret } },
      ],
      ['POST', '/auth/login', { json: { email: 'logs@example.com', password: `${password}!` } }],
      // Refused credentials that are one character away from real ones.
      ['GET', '/v1/me', { key: breakChecksum(key.key) }],
      ['GET', '/v1/me', { token: bad.tamperedScope }],
      ['GET', '/v1/me', { token: bad.expired }],
      [
        'POST',
        '/oauth/token',
        {
          form: {
            grant_type: 'client_credentials',
            client_id: app.client_id,
            client_secret: breakChecksum(app.client_secret),
          },
        },
      ],
      [
        'POST',
        '/oauth/token',
        {
          form: { grant_type: 'client_credentials' },
          headers: { authorization: basic(app.client_id, breakChecksum(app.client_secret)) },
        },
      ],
      [
        'GET',
        '/v1/me',
        {
          headers: {
            authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`,
          },
        },
      ],
      // Secrets where they do not belong: in paths, query strings and bodies.
      ['GET', `/v1/api-keys/${key.key}`, { key: a.adminKey }],
      ['DELETE', `/v1/oauth-apps/${app.client_secret}`, { key: a.adminKey }],
      ['GET', `/v1/pipelines/${token}`, { key: a.adminKey }],
      ['GET', `/v1/pipelines?api_key=${key.key}&access_token=${token}`, { key: a.adminKey }],
      ['GET', `/v1/executions?status=${key.key}`, { key: a.adminKey }],
      [
        'POST',
        '/v1/pipelines',
        { key: a.adminKey, json: { name: key.key, description: app.client_secret, steps: 'x' } },
      ],
      [
        'POST',
        '/v1/pipelines',
        { key: a.adminKey, raw: `{"name": "${token}"`, contentType: 'application/json' },
      ],
      ['POST', '/v1/api-keys', { key: a.adminKey, json: { name: 'x', scopes: [key.key] } }],
      ['GET', '/v1/me', { key: key.key, token }],
    ];
    for (const [method, path, options] of requests) {
      const reply = await call(server, method, path, options);
      expect(reply.status, `${method} ${path}`).toBeLessThan(500);
    }
    // Stops the server and waits for its last lines.
    await stopServersAndScanLogs();
  });

  it('the suite handled each kind of secret: keys, client secrets, tokens, a session, a password', () => {
    const all = [...SECRETS];
    expect(all.some((s) => /^nc_[0-9A-Za-z]{49}$/.test(s))).toBe(true);
    expect(all.some((s) => /^ncs_[0-9A-Za-z]{43}$/.test(s))).toBe(true);
    expect(all.some((s) => s.startsWith('eyJ'))).toBe(true);
    expect(all.some((s) => s.includes(' '))).toBe(true);
  });

  it('the server logged every request, each line JSON with a request id', () => {
    const entries = world.server.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.every((e) => typeof e.request_id === 'string')).toBe(true);
    expect(entries.filter((e) => e.path !== undefined && e.request_id === undefined)).toEqual([]);
  });

  it('no line holds a key, a client secret, a token, a session token or a password', () => {
    expect(leakedLines([world.server])).toEqual([]);
  });
});
