/**
 * The authorization server: the token endpoint (RFC 6749 §4.4, §5), RFC 9068 access tokens, revocation
 * (RFC 7009), introspection (RFC 7662), metadata (RFC 8414) and the JWK Set (RFC 7517).
 */
import { createPublicKey, verify } from 'node:crypto';
import { SCOPES } from '@neuracraft/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BadTokens,
  badTokens,
  basic,
  type CreatedApp,
  call,
  claimsOf,
  createApp,
  expectDocumented,
  expectError,
  freePort,
  headerOf,
  type Json,
  type Reply,
  remember,
  requestToken,
  restartServer,
  startServer,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';

let world: World;
let app: CreatedApp;
let other: CreatedApp;
let bad: BadTokens;

beforeAll(async () => {
  // A fixed port: tests restart this server, and the default issuer is http://localhost:$PORT.
  world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off', PORT: String(await freePort()) });
  app = await createApp(world.server, world.a, ['pipeline:read', 'workflow:execute'], { name: 'reporting' });
  other = await createApp(world.server, world.b, ['pipeline:read'], { name: 'org B app' });
  const admin = await createApp(world.server, world.a, ['admin:all'], { name: 'admin' });
  const good = await tokenFor(world.server, admin);
  const revoked = await tokenFor(world.server, admin);
  await call(world.server, 'POST', '/oauth/revoke', {
    form: { token: revoked, client_id: admin.client_id, client_secret: admin.client_secret },
  });
  bad = await badTokens(world.server, good, revoked, await tokenFor(world.server, app));
});

afterAll(async () => {
  const { lines, leaked } = await stopServersAndScanLogs();
  expect(lines).toBeGreaterThan(0);
  expect(leaked).toEqual([]);
});

const token = (
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
  contentType?: string,
) =>
  call(world.server, 'POST', '/oauth/token', {
    form,
    headers,
    ...(contentType !== undefined && { contentType }),
  });

/** RFC 6749 §5.1/§5.2: every answer of the token endpoint is uncacheable. */
function expectNoStore(reply: Reply) {
  const directives = (reply.headers.get('cache-control') ?? '').split(',').map((d) => d.trim());
  expect(new Set(directives), reply.text).toEqual(new Set(['no-store']));
}

describe('POST /oauth/token (RFC 6749 §4.4)', () => {
  it('§4.4.3 client_secret_post: 200, a Bearer token with the scopes asked for, Cache-Control: no-store, Pragma: no-cache', async () => {
    const reply = await requestToken(world.server, app, { scope: 'pipeline:read' });
    expect(reply.status, reply.text).toBe(200);
    expectDocumented('createToken', reply);
    remember(reply.body.access_token);
    expect(reply.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'pipeline:read',
    });
    expectNoStore(reply);
    expect(reply.headers.get('pragma')).toBe('no-cache');
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('§2.3.1 client_secret_basic: the same, with form-encoded credentials in HTTP Basic', async () => {
    const reply = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic(app.client_id, app.client_secret) },
    );
    expect(reply.status, reply.text).toBe(200);
    remember(reply.body.access_token);
    expect(reply.body.scope.split(' ').sort()).toEqual(['pipeline:read', 'workflow:execute']);
  });

  it('§3.3 without scope: every scope the app may request', async () => {
    const reply = await requestToken(world.server, app);
    remember(reply.body.access_token);
    expect(reply.body.scope.split(' ').sort()).toEqual([...app.scopes].sort());
    expect(claimsOf(reply.body.access_token).scope.split(' ').sort()).toEqual([...app.scopes].sort());
  });

  it('RFC 9068 §2: the token is a JWT with typ at+jwt and iss, sub, aud, client_id, scope, jti, iat, exp', async () => {
    const jwt = await tokenFor(world.server, app, 'workflow:execute');
    const header = headerOf(jwt);
    const claims = claimsOf(jwt);
    const metadata = (await call(world.server, 'GET', '/.well-known/oauth-authorization-server')).body;
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: expect.any(String) });
    expect(claims).toMatchObject({
      iss: metadata.issuer,
      sub: app.client_id,
      client_id: app.client_id,
      scope: 'workflow:execute',
      jti: expect.any(String),
    });
    expect(claims.aud === metadata.issuer || (Array.isArray(claims.aud) && claims.aud.length > 0)).toBe(true);
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(30);
    expect(claims.exp - claims.iat).toBe(3600);
    const again = claimsOf(await tokenFor(world.server, app, 'workflow:execute'));
    expect(again.jti).not.toBe(claims.jti);
  });

  it('the token works as a bearer credential and /v1/me names the app (RFC 6750 §2.1)', async () => {
    const jwt = await tokenFor(world.server, app);
    const me = await call(world.server, 'GET', '/v1/me', { token: jwt });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      org_id: world.a.id,
      credential: { type: 'access_token', id: claimsOf(jwt).jti },
      scopes: expect.arrayContaining(app.scopes),
      client_id: app.client_id,
    });
  });

  it('an app token lifetime is the expires_in and exp - iat of its tokens', async () => {
    const short = await createApp(world.server, world.a, ['pipeline:read'], { token_ttl_seconds: 60 });
    const reply = await requestToken(world.server, short);
    remember(reply.body.access_token);
    expect(reply.body.expires_in).toBe(60);
    const claims = claimsOf(reply.body.access_token);
    expect(claims.exp - claims.iat).toBe(60);
  });

  const ERRORS: [string, number, string, () => Promise<Reply>][] = [
    [
      '§5.2 both client_secret_basic and client_secret_post',
      400,
      'invalid_request',
      () =>
        token(
          { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret },
          { authorization: basic(app.client_id, app.client_secret) },
        ),
    ],
    [
      '§3.2 a repeated parameter (scope)',
      400,
      'invalid_request',
      () =>
        token(
          `grant_type=client_credentials&client_id=${app.client_id}&client_secret=${app.client_secret}&scope=pipeline:read&scope=workflow:execute`,
        ),
    ],
    [
      '§3.2 a repeated parameter (grant_type)',
      400,
      'invalid_request',
      () =>
        token(
          `grant_type=client_credentials&grant_type=client_credentials&client_id=${app.client_id}&client_secret=${app.client_secret}`,
        ),
    ],
    [
      '§3.2 a JSON body instead of a form',
      400,
      'invalid_request',
      () =>
        call(world.server, 'POST', '/oauth/token', {
          json: {
            grant_type: 'client_credentials',
            client_id: app.client_id,
            client_secret: app.client_secret,
          },
        }),
    ],
    [
      '§3.2 a form body sent as text/plain',
      400,
      'invalid_request',
      () =>
        token(
          `grant_type=client_credentials&client_id=${app.client_id}&client_secret=${app.client_secret}`,
          {},
          'text/plain',
        ),
    ],
    [
      '§4.4.2 no grant_type',
      400,
      'invalid_request',
      () => token({ client_id: app.client_id, client_secret: app.client_secret }),
    ],
    ['§5.2 an empty body', 400, 'invalid_request', () => token('')],
    [
      '§5.2 grant_type=password',
      400,
      'unsupported_grant_type',
      () => requestToken(world.server, app, { grant_type: 'password', username: 'u', password: 'p' }),
    ],
    [
      '§5.2 grant_type=authorization_code',
      400,
      'unsupported_grant_type',
      () => requestToken(world.server, app, { grant_type: 'authorization_code', code: 'abc' }),
    ],
    [
      '§5.2 a wrong client_secret (post)',
      401,
      'invalid_client',
      () => requestToken(world.server, { client_id: app.client_id, client_secret: other.client_secret }),
    ],
    [
      '§5.2 an unknown client_id',
      401,
      'invalid_client',
      () =>
        requestToken(world.server, {
          client_id: 'app_000000000000000000000000',
          client_secret: app.client_secret,
        }),
    ],
    [
      '§5.2 no client authentication at all',
      401,
      'invalid_client',
      () => token({ grant_type: 'client_credentials', scope: 'pipeline:read' }),
    ],
    [
      '§5.2 a scope the app may not request',
      400,
      'invalid_scope',
      () => requestToken(world.server, app, { scope: 'pipeline:read admin:all' }),
    ],
    [
      '§5.2 an unknown scope',
      400,
      'invalid_scope',
      () => requestToken(world.server, app, { scope: 'pipelines:everything' }),
    ],
  ];

  it.each(ERRORS)('%s → %i %s, in the error format, no-store', async (_, status, code, send) => {
    const reply = await send();
    expectError(reply, status, code, 'createToken');
    expectNoStore(reply);
    expect(reply.text).not.toContain(app.client_secret);
  });

  it.each([
    ['a token', () => requestToken(world.server, app)],
    [
      'an invalid_client error',
      () => requestToken(world.server, { client_id: app.client_id, client_secret: other.client_secret }),
    ],
  ])(
    "§5.1 the answer with %s carries Cache-Control: no-store once, as the spec's header schema says",
    async (_, send) => {
      const reply = await send();
      if (reply.status === 200) {
        remember(reply.body.access_token);
      }
      expect(reply.headers.get('cache-control')).toBe('no-store');
    },
  );

  it('§5.2 a wrong secret sent with HTTP Basic → 401 invalid_client with WWW-Authenticate: Basic', async () => {
    const reply = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic(app.client_id, other.client_secret) },
    );
    expectError(reply, 401, 'invalid_client', 'createToken');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm="neuracraft"/);
    expectNoStore(reply);
  });

  it("§5.2 one app's secret never authenticates another app, even with a valid secret of its own org", async () => {
    const sibling = await createApp(world.server, world.a, ['pipeline:read']);
    const reply = await requestToken(world.server, {
      client_id: app.client_id,
      client_secret: sibling.client_secret,
    });
    expectError(reply, 401, 'invalid_client', 'createToken');
  });
});

describe('POST /oauth/revoke (RFC 7009)', () => {
  const revoke = (form: Record<string, string>, client = app) =>
    call(world.server, 'POST', '/oauth/revoke', {
      form: { ...form, client_id: client.client_id, client_secret: client.client_secret },
    });

  it('§2.2 200 and the token stops working at once, everywhere', async () => {
    const jwt = await tokenFor(world.server, app);
    expect((await call(world.server, 'GET', '/v1/pipelines', { token: jwt })).status).toBe(200);
    const reply = await revoke({ token: jwt, token_type_hint: 'access_token' });
    expect(reply.status, reply.text).toBe(200);
    expectDocumented('revokeToken', reply);
    expectError(await call(world.server, 'GET', '/v1/pipelines', { token: jwt }), 401, 'invalid_token');
  });

  it('§2.2 a revocation survives a restart of the server', async () => {
    const jwt = await tokenFor(world.server, app);
    expect((await revoke({ token: jwt })).status).toBe(200);
    const restarted = await restartServer(world.server);
    world = { ...world, server: restarted };
    expectError(await call(world.server, 'GET', '/v1/pipelines', { token: jwt }), 401, 'invalid_token');
  });

  it.each([
    ['garbage', () => 'not-a-token'],
    ['already revoked', () => bad.revoked],
    ['expired', () => bad.expired],
    ['unknown hint (§2.1: ignored)', () => bad.foreignKey],
  ])('§2.2 a token that is %s → 200 as well', async (_, value) => {
    const reply = await revoke({ token: value(), token_type_hint: 'refresh_token' });
    expect(reply.status, reply.text).toBe(200);
  });

  it("§2.1 another org's client cannot revoke a token: it keeps working", async () => {
    const jwt = await tokenFor(world.server, app);
    const reply = await revoke({ token: jwt }, other);
    expect(reply.status).toBeLessThan(500);
    expect((await call(world.server, 'GET', '/v1/pipelines', { token: jwt })).status).toBe(200);
  });

  it("§2.1 a client cannot revoke another client's token, even in its own org: the token keeps working", async () => {
    const sibling = await createApp(world.server, world.a, ['pipeline:read'], { name: 'sibling' });
    const jwt = await tokenFor(world.server, app);
    const reply = await revoke({ token: jwt }, sibling);
    expect(reply.status).toBeLessThan(500);
    expect((await call(world.server, 'GET', '/v1/pipelines', { token: jwt })).status).toBe(200);
  });

  it.each([
    [
      'no client authentication',
      () => call(world.server, 'POST', '/oauth/revoke', { form: { token: bad.expired } }),
      401,
      'invalid_client',
    ],
    [
      'a wrong client secret',
      () =>
        call(world.server, 'POST', '/oauth/revoke', {
          form: { token: bad.expired, client_id: app.client_id, client_secret: other.client_secret },
        }),
      401,
      'invalid_client',
    ],
    ['no token parameter', () => revoke({}), 400, 'invalid_request'],
  ] as const)('%s → %i %s', async (_, send, status, code) => {
    expectError(await send(), status, code, 'revokeToken');
  });

  it('§2.1 client_secret_basic works too', async () => {
    const jwt = await tokenFor(world.server, app);
    const reply = await call(world.server, 'POST', '/oauth/revoke', {
      form: { token: jwt },
      headers: { authorization: basic(app.client_id, app.client_secret) },
    });
    expect(reply.status, reply.text).toBe(200);
    expectError(await call(world.server, 'GET', '/v1/me', { token: jwt }), 401, 'invalid_token');
  });
});

describe('POST /oauth/introspect (RFC 7662)', () => {
  const introspect = (tokenValue: string, client = app) =>
    call(world.server, 'POST', '/oauth/introspect', {
      form: { token: tokenValue, client_id: client.client_id, client_secret: client.client_secret },
    });

  it('§2.2 an active token: active true with scope, client_id, sub, token_type, exp, iat, iss, aud, jti', async () => {
    const jwt = await tokenFor(world.server, app, 'pipeline:read');
    const claims = claimsOf(jwt);
    const reply = await introspect(jwt);
    expect(reply.status, reply.text).toBe(200);
    expectDocumented('introspectToken', reply);
    expect(reply.body).toMatchObject({
      active: true,
      scope: 'pipeline:read',
      client_id: app.client_id,
      sub: app.client_id,
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      iss: claims.iss,
      jti: claims.jti,
    });
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['revoked', () => bad.revoked],
    ['expired', () => bad.expired],
    ['garbage', () => bad.garbage],
    ['signed by a foreign key', () => bad.foreignKey],
    ['for another audience', () => bad.wrongAudience],
    ['with alg none', () => bad.algNone],
  ])('§2.2 a token that is %s → {"active": false} and nothing else', async (_, value) => {
    const reply = await introspect(value());
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ active: false });
  });

  it('§2.2 a token of another org → {"active": false}: nothing is told about it', async () => {
    const jwt = await tokenFor(world.server, app);
    const reply = await introspect(jwt, other);
    expect(reply.body).toEqual({ active: false });
  });

  it('§2.1 the caller must authenticate → 401 invalid_client', async () => {
    const reply = await call(world.server, 'POST', '/oauth/introspect', { form: { token: bad.expired } });
    expectError(reply, 401, 'invalid_client', 'introspectToken');
  });
});

describe('metadata (RFC 8414) and JWK Set (RFC 7517)', () => {
  it('§2 the metadata names the issuer, the endpoints under it, the scopes, grant and auth methods', async () => {
    const reply = await call(world.server, 'GET', '/.well-known/oauth-authorization-server');
    expect(reply.status).toBe(200);
    expectDocumented('getAuthorizationServerMetadata', reply);
    const m = reply.body;
    expect(m).toMatchObject({
      token_endpoint: `${m.issuer}/oauth/token`,
      jwks_uri: `${m.issuer}/.well-known/jwks.json`,
      revocation_endpoint: `${m.issuer}/oauth/revoke`,
      introspection_endpoint: `${m.issuer}/oauth/introspect`,
      scopes_supported: [...SCOPES],
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
    });
    for (const field of [
      'token_endpoint_auth_methods_supported',
      'revocation_endpoint_auth_methods_supported',
      'introspection_endpoint_auth_methods_supported',
    ]) {
      expect([...m[field]].sort()).toEqual(['client_secret_basic', 'client_secret_post']);
    }
  });

  it('§3.3 without NEURACRAFT_PUBLIC_URL the issuer is the address the server answers on (PORT=0 included)', async () => {
    const server = await startServer({ PORT: '0' });
    const m = (await call(server, 'GET', '/.well-known/oauth-authorization-server')).body;
    const issuer = new URL(m.issuer);
    const listening = new URL(server.url);
    expect(['localhost', '127.0.0.1']).toContain(issuer.hostname);
    expect(issuer.port).toBe(listening.port);
  });

  it('§2 with NEURACRAFT_PUBLIC_URL every URL of the metadata and the iss and aud of tokens use it', async () => {
    const publicUrl = 'https://api.neuracraft.test';
    const server = await startServer({
      NEURACRAFT_PUBLIC_URL: publicUrl,
      NEURACRAFT_AUTH_FAILURE_LIMIT: 'off',
    });
    const m = (await call(server, 'GET', '/.well-known/oauth-authorization-server')).body;
    expect(m.issuer).toBe(publicUrl);
    for (const field of ['token_endpoint', 'jwks_uri', 'revocation_endpoint', 'introspection_endpoint']) {
      expect(m[field].startsWith(`${publicUrl}/`)).toBe(true);
    }
    const created = await server.cliJson<{ client_id: string; client_secret: string }>([
      'apps',
      'create',
      '--name',
      'public',
      '--scopes',
      'pipeline:read',
    ]);
    remember(created.client_secret);
    const jwt = await tokenFor(server, created);
    expect(claimsOf(jwt)).toMatchObject({ iss: publicUrl });
    expect([claimsOf(jwt).aud].flat()).toContain(publicUrl);
    expect((await call(server, 'GET', '/v1/pipelines', { token: jwt })).status).toBe(200);
  });

  it('the JWK Set holds public ES256 keys only, and one of them verifies a token offline', async () => {
    const reply = await call(world.server, 'GET', '/.well-known/jwks.json');
    expect(reply.status).toBe(200);
    expectDocumented('getJwks', reply);
    const keys: Json[] = reply.body.keys;
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: expect.any(String),
      });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
        expect(key).not.toHaveProperty(secret);
      }
    }
    const jwt = await tokenFor(world.server, app);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const jwk = keys.find((k) => k.kid === headerOf(jwt).kid);
    expect(jwk).toBeDefined();
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    expect(valid).toBe(true);
  });

  it('after `neuracraft signing-keys rotate`, new tokens use the new key and tokens signed before still work', async () => {
    const before = await tokenFor(world.server, app);
    const { kid } = await world.server.cliJson<{ kid: string }>(['signing-keys', 'rotate']);
    const restarted = await restartServer(world.server);
    world = { ...world, server: restarted };
    const jwks = (await call(world.server, 'GET', '/.well-known/jwks.json')).body.keys.map(
      (k: Json) => k.kid,
    );
    expect(jwks).toContain(kid);
    expect(jwks).toContain(headerOf(before).kid);
    const after = await tokenFor(world.server, app);
    expect(headerOf(after).kid).toBe(kid);
    for (const jwt of [before, after]) {
      expect((await call(world.server, 'GET', '/v1/pipelines', { token: jwt })).status).toBe(200);
    }
  });
});
