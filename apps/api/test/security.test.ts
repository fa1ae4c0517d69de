/**
 * The shared security suite, generated from the operation table of the spec: every operation that has a
 * `security` requirement is called with no credential, with each kind of bad API key and bad bearer
 * token, with two credentials at once, with credentials lacking exactly the scopes it needs, with
 * exactly those scopes, with and without a dashboard session, and on another organization's objects.
 */
import {
  OPERATIONS,
  type OperationDescriptor,
  type OperationId,
  SCOPES,
  type Scope,
  type SecuritySchemeName,
} from '@neuracraft/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BadKeys,
  type BadTokens,
  badKeys,
  badTokens,
  type CallOptions,
  call,
  challengeParam,
  createApp,
  createKey,
  createUser,
  expectDocumented,
  expectError,
  login,
  type Org,
  type Reply,
  remember,
  type Session,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';

type Descriptor = OperationDescriptor<OperationId, SecuritySchemeName, Scope>;
type SecuredId = {
  [K in OperationId]: (typeof OPERATIONS)[K]['security'] extends readonly [] ? never : K;
}[OperationId];

const ALL = Object.values(OPERATIONS) as readonly Descriptor[];
const SECURED = ALL.filter((op) => op.security.length > 0);
const MUTATIONS = new Set(['post', 'put', 'patch', 'delete']);

const accepts = (op: Descriptor, scheme: SecuritySchemeName) => op.security.some((alt) => scheme in alt);
/** The alternatives of `op` that a credential of `scheme` alone can satisfy: a list of scope lists. */
const alternativesOf = (op: Descriptor, scheme: SecuritySchemeName): Scope[][] =>
  op.security
    .filter((alt) => Object.keys(alt).length === 1 && scheme in alt)
    .map((alt) => [...(alt[scheme] ?? [])]);
/** Every scope named by an alternative of `scheme`: a credential holding none of them must be refused. */
const neededBy = (op: Descriptor, scheme: SecuritySchemeName): Scope[] => [
  ...new Set(alternativesOf(op, scheme).flat()),
];
/** Every scope except `needed` and `admin:all` (which satisfies every scope). */
const allBut = (needed: readonly Scope[]): Scope[] =>
  SCOPES.filter((s) => s !== 'admin:all' && !needed.includes(s));

/** A valid request of an operation, on objects made for it in one organization. */
interface Target {
  readonly path: string;
  readonly json?: unknown;
  /** Where the object the request acts on can be read back, for operations on `{id}`. */
  readonly object?: string;
}
type Maker = (org: Org) => Promise<Target>;

let world: World;

async function made(org: Org, path: string, json: unknown): Promise<string> {
  const reply = await call(world.server, 'POST', path, { key: org.adminKey, json });
  expect(reply.status, reply.text).toBe(201);
  if (typeof reply.body.key === 'string') {
    remember(reply.body.key);
  }
  if (typeof reply.body.client_secret === 'string') {
    remember(reply.body.client_secret);
  }
  return reply.body.id;
}
let serial = 0;
const pipeline = (org: Org) =>
  made(org, '/v1/pipelines', { name: 'nightly', steps: [{ name: 'fetch', uses: 'http-request@1' }] });
const workflow = async (org: Org) =>
  made(org, '/v1/workflows', { name: 'daily', pipeline_id: await pipeline(org) });
const execution = async (org: Org) =>
  made(org, `/v1/workflows/${await workflow(org)}/executions`, { inputs: {} });
const plugin = (org: Org) => made(org, '/v1/plugins', { name: `plugin-${++serial}`, version: '1.0.0' });
const apiKey = (org: Org) => made(org, '/v1/api-keys', { name: 'reader', scopes: ['pipeline:read'] });
const oauthApp = (org: Org) => made(org, '/v1/oauth-apps', { name: 'reader', scopes: ['pipeline:read'] });

const on = (base: string, make: (org: Org) => Promise<string>, suffix = '', json?: unknown): Maker => {
  return async (org) => {
    const id = await make(org);
    return { path: `${base}/${id}${suffix}`, object: `${base}/${id}`, ...(json !== undefined && { json }) };
  };
};

/** How to make a valid request of each secured operation; the compiler insists on every one. */
const MAKERS: Record<SecuredId, Maker> = {
  listPipelines: async () => ({ path: '/v1/pipelines' }),
  createPipeline: async () => ({ path: '/v1/pipelines', json: { name: 'made by the suite' } }),
  getPipeline: on('/v1/pipelines', pipeline),
  updatePipeline: on('/v1/pipelines', pipeline, '', { name: 'renamed' }),
  deletePipeline: on('/v1/pipelines', pipeline),
  listWorkflows: async () => ({ path: '/v1/workflows' }),
  createWorkflow: async (org) => ({
    path: '/v1/workflows',
    json: { name: 'made', pipeline_id: await pipeline(org) },
  }),
  getWorkflow: on('/v1/workflows', workflow),
  updateWorkflow: on('/v1/workflows', workflow, '', { name: 'renamed' }),
  deleteWorkflow: on('/v1/workflows', workflow),
  triggerWorkflow: on('/v1/workflows', workflow, '/executions', { inputs: { date: '2026-01-01' } }),
  listExecutions: async () => ({ path: '/v1/executions' }),
  getExecution: on('/v1/executions', execution),
  cancelExecution: on('/v1/executions', execution, '/cancel'),
  listPlugins: async () => ({ path: '/v1/plugins' }),
  installPlugin: async () => ({
    path: '/v1/plugins',
    json: { name: `plugin-${++serial}`, version: '2.1.0' },
  }),
  getPlugin: on('/v1/plugins', plugin),
  updatePlugin: on('/v1/plugins', plugin, '', { version: '1.0.1' }),
  uninstallPlugin: on('/v1/plugins', plugin),
  listApiKeys: async () => ({ path: '/v1/api-keys' }),
  createApiKey: async () => ({ path: '/v1/api-keys', json: { name: 'made', scopes: ['pipeline:read'] } }),
  getApiKey: on('/v1/api-keys', apiKey),
  revokeApiKey: on('/v1/api-keys', apiKey),
  rotateApiKey: on('/v1/api-keys', apiKey, '/rotate', { grace_period_seconds: 60 }),
  listOAuthApps: async () => ({ path: '/v1/oauth-apps' }),
  createOAuthApp: async () => ({ path: '/v1/oauth-apps', json: { name: 'made', scopes: ['pipeline:read'] } }),
  getOAuthApp: on('/v1/oauth-apps', oauthApp),
  updateOAuthApp: on('/v1/oauth-apps', oauthApp, '', { name: 'renamed' }),
  deleteOAuthApp: on('/v1/oauth-apps', oauthApp),
  rotateOAuthAppSecret: on('/v1/oauth-apps', oauthApp, '/secrets', { grace_period_seconds: 60 }),
  listAuditEvents: async () => ({ path: '/v1/audit-events' }),
  getMe: async () => ({ path: '/v1/me' }),
  logout: async () => ({ path: '/auth/logout' }),
  getSession: async () => ({ path: '/auth/session' }),
};

/** Each list operation and the operation that makes what it lists. */
const LISTS: Partial<Record<SecuredId, (org: Org) => Promise<unknown>>> = {
  listPipelines: pipeline,
  listWorkflows: workflow,
  listExecutions: execution,
  listPlugins: plugin,
  listApiKeys: apiKey,
  listOAuthApps: oauthApp,
  listAuditEvents: apiKey,
};

let keys: BadKeys;
let tokens: BadTokens;
let adminToken: string;
let session: Session;
const EMAIL = 'owner@org-a.example';
const PASSWORD = 'a long and unguessable passphrase 7';

const keyCache = new Map<string, Promise<string>>();
const tokenCache = new Map<string, Promise<string>>();
/** An API key of org A holding exactly `scopes`. */
const keyWith = (scopes: readonly Scope[]) => {
  const name = [...scopes].sort().join(' ');
  if (!keyCache.has(name)) {
    keyCache.set(
      name,
      createKey(world.server, world.a, scopes).then((k) => k.key),
    );
  }
  return keyCache.get(name)!;
};
/** An access token of org A holding exactly `scopes`, from an app allowed exactly those. */
const tokenWith = (scopes: readonly Scope[]) => {
  const name = [...scopes].sort().join(' ');
  if (!tokenCache.has(name)) {
    tokenCache.set(
      name,
      createApp(world.server, world.a, scopes).then((app) => tokenFor(world.server, app)),
    );
  }
  return tokenCache.get(name)!;
};

async function send(op: Descriptor, target: Target, credentials: CallOptions): Promise<Reply> {
  return call(world.server, op.method.toUpperCase(), target.path, {
    ...(target.json !== undefined && { json: target.json }),
    ...credentials,
  });
}

beforeAll(async () => {
  // Failed authentication is what this suite is made of: the per-address throttle would end it early.
  world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off', NEURACRAFT_RATE_LIMIT: 'off' });
  const { server, a } = world;
  const admin = await createApp(server, a, ['admin:all'], { name: 'admin app' });
  const weak = await createApp(server, a, ['pipeline:read'], { name: 'weak app' });
  adminToken = await tokenFor(server, admin);
  const doomed = await tokenFor(server, admin);
  expect((await call(server, 'GET', '/v1/me', { token: doomed })).status).toBe(200);
  const revocation = await call(server, 'POST', '/oauth/revoke', {
    form: { token: doomed, client_id: admin.client_id, client_secret: admin.client_secret },
  });
  expect(revocation.status, revocation.text).toBe(200);
  tokens = await badTokens(server, adminToken, doomed, await tokenFor(server, weak));
  await createUser(server, a, EMAIL, PASSWORD);
  session = await login(server, EMAIL, PASSWORD);
  keys = await badKeys(server, a);
});

afterAll(async () => {
  const { lines, leaked } = await stopServersAndScanLogs();
  expect(lines).toBeGreaterThan(0);
  expect(leaked).toEqual([]);
});

describe('the operation table', () => {
  it('has secured operations, and a request maker for each of them', () => {
    expect(SECURED.length).toBeGreaterThan(30);
    expect(SECURED.map((op) => op.operationId).filter((id) => !(id in MAKERS))).toEqual([]);
  });

  it.each([
    ['an admin:all API key', 'key'],
    ['an admin:all access token', 'token'],
  ] as const)(
    '%s of org A is accepted: each refusal below is about the one credential it sends',
    async (_, kind) => {
      const fresh = kind === 'key' ? { key: world.a.adminKey } : { token: adminToken };
      expect((await call(world.server, 'GET', '/v1/me', fresh)).status).toBe(200);
    },
  );

  it('a token signed with the server key read from its data directory, fresh claims, is accepted: the crafted bad tokens differ from it in one way each', async () => {
    const reply = await call(world.server, 'GET', '/v1/api-keys', { token: tokens.control });
    expect(reply.status, reply.text).toBe(200);
  });
});

const KEY_CASES = [
  ['malformed', 'malformed'],
  ['with a bad checksum', 'badChecksum'],
  ['unknown (well-formed, never issued)', 'unknown'],
  ['revoked', 'revoked'],
  ['expired', 'expired'],
] as const satisfies readonly (readonly [string, keyof BadKeys])[];

const TOKEN_CASES = [
  ['garbage', 'garbage'],
  ['expired (signed by the server an hour ago, 60 s lifetime)', 'expired'],
  ['revoked (RFC 7009)', 'revoked'],
  ['for another audience (RFC 9068 §4)', 'wrongAudience'],
  ['from another issuer (RFC 9068 §4)', 'wrongIssuer'],
  ['signed by a foreign key', 'foreignKey'],
  ['signed by a foreign key under the server key id', 'foreignKeyWithServerKid'],
  ['with alg "none" (RFC 8725 §3.1)', 'algNone'],
  ['HS256-signed with the public key as secret (RFC 8725 §2.1)', 'hs256WithPublicKey'],
  ['with a rewritten scope claim', 'tamperedScope'],
] as const satisfies readonly (readonly [string, keyof BadTokens])[];

describe.each(SECURED.map((op) => [op.operationId, op] as const))('%s', (id, op) => {
  const maker = MAKERS[id as SecuredId];
  const target = () => maker(world.a);
  const viaKey = accepts(op, 'ApiKeyAuth');
  const viaToken = accepts(op, 'OAuth2');
  const viaSession = accepts(op, 'DashboardSession');
  const mutation = MUTATIONS.has(op.method);

  if (viaKey || viaToken) {
    it('RFC 6750 §3.1: no credential → 401 authentication_required, WWW-Authenticate: Bearer realm="neuracraft"', async () => {
      const reply = await send(op, await target(), {});
      expectError(reply, 401, 'authentication_required', id);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="neuracraft"');
    });
  } else {
    it('no session cookie → 401 authentication_required, and no Bearer challenge: only a session will do', async () => {
      const reply = await send(op, await target(), {});
      expectError(reply, 401, 'authentication_required', id);
      expect(reply.headers.get('www-authenticate')).toBeNull();
    });
  }

  if (viaKey) {
    it.each(KEY_CASES)('an API key %s → 401 invalid_api_key', async (_, which) => {
      const reply = await send(op, await target(), { key: keys[which] });
      expectError(reply, 401, 'invalid_api_key', id);
      // RFC 9110 §15.5.2: a 401 carries a challenge.
      expect(reply.headers.get('www-authenticate')).toMatch(/realm="neuracraft"/);
    });
  }

  if (viaToken) {
    it.each(TOKEN_CASES)(
      'RFC 6750 §3.1: a bearer token %s → 401 invalid_token, WWW-Authenticate error="invalid_token"',
      async (_, which) => {
        const reply = await send(op, await target(), { token: tokens[which] });
        expectError(reply, 401, 'invalid_token', id);
        const challenge = reply.headers.get('www-authenticate');
        expect(challenge).toMatch(/^Bearer /);
        expect(challengeParam(challenge, 'realm')).toBe('neuracraft');
        expect(challengeParam(challenge, 'error')).toBe('invalid_token');
      },
    );
  }

  if (viaKey || viaToken) {
    it('both X-API-Key and a bearer token, each valid → 400 invalid_request', async () => {
      const reply = await send(op, await target(), { key: world.a.adminKey, token: adminToken });
      expectError(reply, 400, 'invalid_request', id);
    });
  }

  for (const [scheme, kind] of [
    ['ApiKeyAuth', 'an API key'],
    ['OAuth2', 'a bearer token'],
  ] as const) {
    const needed = neededBy(op, scheme);
    if (!accepts(op, scheme)) {
      continue;
    }
    const credential = (scopes: readonly Scope[]) =>
      scheme === 'ApiKeyAuth'
        ? keyWith(scopes).then((key) => ({ key }))
        : tokenWith(scopes).then((token) => ({ token }));

    if (needed.length > 0) {
      it(`${kind} holding every scope but ${needed.join(', ')} → 403 insufficient_scope naming them`, async () => {
        const reply = await send(op, await target(), await credential(allBut(needed)));
        expectError(reply, 403, 'insufficient_scope', id);
        expect([...reply.body.required_scopes].sort()).toEqual([...needed].sort());
        if (scheme === 'OAuth2') {
          const challenge = reply.headers.get('www-authenticate');
          expect(challengeParam(challenge, 'error')).toBe('insufficient_scope');
          expect(challengeParam(challenge, 'scope')?.split(' ').sort()).toEqual([...needed].sort());
        }
      });
    }

    const alternatives = alternativesOf(op, scheme);
    it.each(
      alternatives.map(
        (scopes) => [scopes.length === 0 ? 'no scope at all' : scopes.join(' '), scopes] as const,
      ),
    )(`${kind} holding %s → success, as documented`, async (_, scopes) => {
      const reply = await send(
        op,
        await target(),
        await credential(scopes.length === 0 ? ['pipeline:read'] : scopes),
      );
      expect(reply.status, reply.text).toBeGreaterThanOrEqual(200);
      expect(reply.status, reply.text).toBeLessThan(300);
      expectDocumented(id, reply);
    });

    if (needed.length > 0) {
      it(`${kind} holding admin:all only → success (admin:all satisfies every scope)`, async () => {
        const reply = await send(op, await target(), await credential(['admin:all']));
        expect(reply.status, reply.text).toBeLessThan(300);
      });
    }
  }

  if (viaSession) {
    const sessionFor = async () => (id === 'logout' ? login(world.server, EMAIL, PASSWORD) : session);
    it(`a dashboard session${mutation ? ' with its X-CSRF-Token' : ''} → success, as documented`, async () => {
      const s = await sessionFor();
      const reply = await send(op, await target(), { cookie: s.cookie, ...(mutation && { csrf: s.csrf }) });
      expect(reply.status, reply.text).toBeLessThan(300);
      expectDocumented(id, reply);
    });
    it('an unknown session cookie → 401 invalid_session', async () => {
      const cookie = `nc_session=${Buffer.alloc(32, 7).toString('base64url')}`;
      const reply = await send(op, await target(), { cookie, ...(mutation && { csrf: session.csrf }) });
      expectError(reply, 401, 'invalid_session', id);
    });
    if (mutation) {
      it.each([
        ['without X-CSRF-Token', undefined],
        ['with a wrong X-CSRF-Token', 'not-the-token-of-this-session-0123456789'],
      ])('a dashboard session %s → 403 csrf_token_invalid', async (_, csrf) => {
        const s = await sessionFor();
        const reply = await send(op, await target(), {
          cookie: s.cookie,
          ...(csrf !== undefined && { csrf }),
        });
        expectError(reply, 403, 'csrf_token_invalid', id);
      });
    }
  } else {
    it('a dashboard session cookie is not a credential here → 401 authentication_required', async () => {
      const reply = await send(op, await target(), { cookie: session.cookie, csrf: session.csrf });
      expectError(reply, 401, 'authentication_required', id);
    });
  }

  if (op.path.includes('{id}')) {
    it("another org's object → 404 not_found, and the object is left as it was", async () => {
      const t = await target();
      const before = await call(world.server, 'GET', t.object!, { key: world.a.adminKey });
      expect(before.status, before.text).toBe(200);
      const reply = await send(op, t, { key: world.b.adminKey });
      expectError(reply, 404, 'not_found', id);
      const after = await call(world.server, 'GET', t.object!, { key: world.a.adminKey });
      expect(after.body).toEqual(before.body);
    });

    it('an id of no object → 404 not_found', async () => {
      const t = await target();
      const path = t.path.replace(/\/[a-z]{2,3}_[0-9A-Za-z]{24}(?=\/|$)/, (m) => `${m.slice(0, -4)}zzzz`);
      const reply = await send(op, { ...t, path }, { key: world.a.adminKey });
      expectError(reply, 404, 'not_found', id);
    });
  }

  const makeOne = LISTS[id as SecuredId];
  if (makeOne !== undefined) {
    it("never lists another org's objects", async () => {
      await Promise.all([makeOne(world.a), makeOne(world.b)]);
      const ids = async (org: Org) => {
        const reply = await call(world.server, 'GET', `${op.path}?limit=100`, { key: org.adminKey });
        expect(reply.status, reply.text).toBe(200);
        return (reply.body.data as { id: string }[]).map((x) => x.id);
      };
      const [inA, inB] = await Promise.all([ids(world.a), ids(world.b)]);
      expect(inA.length).toBeGreaterThan(0);
      expect(inB.length).toBeGreaterThan(0);
      expect(inA.filter((x) => inB.includes(x))).toEqual([]);
    });
  }
});
