/**
 * Dashboard sessions: `POST /auth/login`, `GET /auth/session`, `POST /auth/logout`, the `nc_session`
 * cookie (RFC 6265 `HttpOnly`, `SameSite=Strict`) and the CSRF header on every mutation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createUser,
  expectDocumented,
  expectError,
  type Json,
  login,
  remember,
  type Session,
  startServer,
  startWorld,
  stopServersAndScanLogs,
  type World,
} from './support/fixtures.js';

const EMAIL = 'owner@example.com';
const PASSWORD = 'correct horse battery staple 9';

let world: World;

beforeAll(async () => {
  world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  await createUser(world.server, world.a, EMAIL, PASSWORD);
});

afterAll(async () => {
  const { lines, leaked } = await stopServersAndScanLogs();
  expect(lines).toBeGreaterThan(0);
  expect(leaked).toEqual([]);
});

/** The attributes of a Set-Cookie header, by lower-cased name. */
function attributes(setCookie: string): Map<string, string> {
  const [, ...parts] = setCookie.split(';').map((p) => p.trim());
  return new Map(
    parts.map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p.toLowerCase(), ''] : [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)];
    }),
  );
}

describe('POST /auth/login', () => {
  it('signs in: 200 with user, org, CSRF token and expiry; an HttpOnly, SameSite=Strict session cookie; no-store', async () => {
    const session = await login(world.server, EMAIL, PASSWORD);
    const { reply } = session;
    expectDocumented('login', reply);
    expect(reply.body).toEqual({
      user: { id: expect.stringMatching(/^usr_[0-9A-Za-z]{24}$/), email: EMAIL },
      org_id: world.a.id,
      csrf_token: expect.any(String),
      expires_at: expect.any(String),
    });
    expect(Date.parse(reply.body.expires_at)).toBeGreaterThan(Date.now());
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const attrs = attributes(session.setCookie);
    expect(session.setCookie.startsWith('nc_session=')).toBe(true);
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Strict');
    expect(attrs.get('path')).toBe('/');
    expect(session.token.length).toBeGreaterThanOrEqual(32);
    expect(reply.text).not.toContain(session.token);
  });

  it('the email is matched without regard to case', async () => {
    await login(world.server, EMAIL.toUpperCase(), PASSWORD);
  });

  it('a wrong password and an unknown email → the same 401 invalid_credentials, and no cookie', async () => {
    const replies = await Promise.all([
      call(world.server, 'POST', '/auth/login', {
        json: { email: EMAIL, password: 'not the password at all' },
      }),
      call(world.server, 'POST', '/auth/login', {
        json: { email: 'nobody@example.com', password: PASSWORD },
      }),
    ]);
    for (const reply of replies) {
      expectError(reply, 401, 'invalid_credentials', 'login');
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    const [wrong, unknown] = replies.map(({ body: { request_id: _, ...rest } }) => rest);
    expect(wrong).toEqual(unknown);
  });

  it.each([
    ['no password', { email: EMAIL }],
    ['an unknown property', { email: EMAIL, password: PASSWORD, remember: true }],
    ['an email that is not one', { email: 'owner', password: PASSWORD }],
  ])('%s → 400 invalid_request', async (_, json) => {
    expectError(await call(world.server, 'POST', '/auth/login', { json }), 400, 'invalid_request', 'login');
  });

  it('records session.login and session.login_failed audit events', async () => {
    const events = (await call(world.server, 'GET', '/v1/audit-events?limit=100', { key: world.a.adminKey }))
      .body.data as Json[];
    expect(events.some((e) => e.action === 'session.login' && e.outcome === 'success')).toBe(true);
    expect(events.some((e) => e.action === 'session.login_failed' && e.outcome === 'failure')).toBe(true);
  });

  it('5 failed sign-ins to one account → the next one is 429 rate_limited, even with the right password', async () => {
    const email = 'target@example.com';
    const password = 'the right password for target 1';
    await createUser(world.server, world.a, email, password);
    for (let i = 0; i < 5; i++) {
      const reply = await call(world.server, 'POST', '/auth/login', {
        json: { email, password: `guess number ${i}` },
      });
      expectError(reply, 401, 'invalid_credentials', 'login');
    }
    const blocked = await call(world.server, 'POST', '/auth/login', { json: { email, password } });
    expectError(blocked, 429, 'rate_limited', 'login');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
  });
});

describe('a signed-in session', () => {
  let session: Session;
  beforeAll(async () => {
    session = await login(world.server, EMAIL, PASSWORD);
  });

  it('GET /auth/session answers the user, org and the same CSRF token', async () => {
    const reply = await call(world.server, 'GET', '/auth/session', { cookie: session.cookie });
    expect(reply.status, reply.text).toBe(200);
    expectDocumented('getSession', reply);
    expect(reply.body).toMatchObject({
      user: { email: EMAIL },
      org_id: world.a.id,
      csrf_token: session.csrf,
    });
  });

  it('GET /v1/me names the session and its user', async () => {
    const reply = await call(world.server, 'GET', '/v1/me', { cookie: session.cookie });
    expect(reply.body).toMatchObject({
      org_id: world.a.id,
      credential: { type: 'session', id: session.reply.body.user.id },
      client_id: null,
    });
  });

  it('reads what the dashboard shows: API keys, OAuth apps, pipelines', async () => {
    for (const path of ['/v1/api-keys', '/v1/oauth-apps', '/v1/pipelines']) {
      const reply = await call(world.server, 'GET', path, { cookie: session.cookie });
      expect(reply.status, `${path}: ${reply.text}`).toBe(200);
    }
  });

  it('a mutation without X-CSRF-Token → 403 csrf_token_invalid and nothing is made; with it → 201', async () => {
    const before = (await call(world.server, 'GET', '/v1/api-keys?limit=100', { cookie: session.cookie }))
      .body.data.length;
    const forged = await call(world.server, 'POST', '/v1/api-keys', {
      cookie: session.cookie,
      json: { name: 'forged' },
    });
    expectError(forged, 403, 'csrf_token_invalid', 'createApiKey');
    const wrong = await call(world.server, 'POST', '/v1/api-keys', {
      cookie: session.cookie,
      csrf: 'x'.repeat(session.csrf.length),
      json: { name: 'forged' },
    });
    expectError(wrong, 403, 'csrf_token_invalid', 'createApiKey');
    expect(
      (await call(world.server, 'GET', '/v1/api-keys?limit=100', { cookie: session.cookie })).body.data
        .length,
    ).toBe(before);
    const made = await call(world.server, 'POST', '/v1/api-keys', {
      cookie: session.cookie,
      csrf: session.csrf,
      json: { name: 'from the dashboard' },
    });
    expect(made.status, made.text).toBe(201);
    remember(made.body.key);
  });

  it('the session cookie is no credential for operations the dashboard does not use', async () => {
    const reply = await call(world.server, 'POST', '/v1/pipelines', {
      cookie: session.cookie,
      csrf: session.csrf,
      json: { name: 'by cookie' },
    });
    expectError(reply, 401, 'authentication_required', 'createPipeline');
  });

  it('logout needs the CSRF token (403 without), then ends the session, clears the cookie, and the cookie stops working', async () => {
    const own = await login(world.server, EMAIL, PASSWORD);
    expectError(
      await call(world.server, 'POST', '/auth/logout', { cookie: own.cookie }),
      403,
      'csrf_token_invalid',
      'logout',
    );
    const out = await call(world.server, 'POST', '/auth/logout', { cookie: own.cookie, csrf: own.csrf });
    expect(out.status, out.text).toBe(204);
    const cleared = out.headers.get('set-cookie') ?? '';
    expect(cleared.startsWith('nc_session=;')).toBe(true);
    expect(attributes(cleared).get('max-age')).toBe('0');
    expectError(
      await call(world.server, 'GET', '/auth/session', { cookie: own.cookie }),
      401,
      'invalid_session',
      'getSession',
    );
    expectError(
      await call(world.server, 'GET', '/v1/api-keys', { cookie: own.cookie }),
      401,
      'invalid_session',
      'listApiKeys',
    );
    expect((await call(world.server, 'GET', '/auth/session', { cookie: session.cookie })).status).toBe(200);
  });
});

describe('served over https (NEURACRAFT_PUBLIC_URL=https://…)', () => {
  it('the session cookie is also Secure', async () => {
    const server = await startServer({ NEURACRAFT_PUBLIC_URL: 'https://dashboard.neuracraft.test' });
    const org = await server.cliJson<{ id: string }>(['orgs', 'create', '--name', 'secure']);
    await createUser(server, { id: org.id, adminKey: '', adminKeyId: '' }, EMAIL, PASSWORD);
    const session = await login(server, EMAIL, PASSWORD);
    expect(attributes(session.setCookie).has('secure')).toBe(true);
  });
});
