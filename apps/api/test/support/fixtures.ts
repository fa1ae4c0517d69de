import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  createKeySet,
  generateApiKey,
  generateSigningKey,
  type IssueAccessTokenOptions,
  importSigningKey,
  issueAccessToken,
  type SigningKey,
} from '@neuracraft/auth-core';
import { type OperationId, SCOPES, type Scope } from '@neuracraft/types';
import { validateResponse } from '@neuracraft/validators';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { loadServerKeys, unseal } from '../../src/secrets.js';
import { removeDataDir, startTestServer, type TestServer } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON, checked by the assertions that read them
export type Json = any;

/** One HTTP exchange with a test server, as `fetch` saw it. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly body: Json;
  readonly text: string;
}

/** What to send: at most one body, credentials by kind, extra headers. */
export interface CallOptions {
  readonly key?: string;
  readonly token?: string;
  /** A whole `Cookie` header value. */
  readonly cookie?: string;
  readonly csrf?: string;
  readonly json?: unknown;
  readonly form?: Record<string, string> | string;
  /** A raw body, sent with `contentType`. */
  readonly raw?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

/** Makes one real HTTP request to `server` and reads the whole answer. */
export async function call(
  server: { readonly url: string },
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (o.key !== undefined) {
    headers['x-api-key'] = o.key;
  }
  if (o.token !== undefined) {
    headers.authorization = `Bearer ${o.token}`;
  }
  if (o.cookie !== undefined) {
    headers.cookie = o.cookie;
  }
  if (o.csrf !== undefined) {
    headers['x-csrf-token'] = o.csrf;
  }
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  } else if (o.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = typeof o.form === 'string' ? o.form : new URLSearchParams(o.form).toString();
  } else if (o.raw !== undefined) {
    body = o.raw;
  }
  if (o.contentType !== undefined) {
    headers['content-type'] = o.contentType;
  }
  Object.assign(headers, o.headers);
  const res = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/**
 * Asserts the project's one error format: the status, the `error` code, `error_description`, a
 * `request_id` equal to the `X-Request-Id` header, and a body the spec documents for `operation`.
 */
export function expectError(reply: Reply, status: number, code: string, operation?: OperationId): void {
  expect({ status: reply.status, error: reply.body?.error }, reply.text).toEqual({ status, error: code });
  expect(typeof reply.body.error_description).toBe('string');
  expect(reply.body.error_description.length).toBeGreaterThan(0);
  expect(reply.body.request_id).toMatch(/^\S+$/);
  expect(reply.headers.get('x-request-id')).toBe(reply.body.request_id);
  if (operation !== undefined) {
    expectDocumented(operation, reply);
  }
}

/** Asserts that the status and body of `reply` are what the spec documents for `operation`. */
export function expectDocumented(operation: OperationId, reply: Reply): void {
  const checked = validateResponse(
    operation,
    reply.status,
    reply.body ?? (reply.text === '' ? undefined : reply.text),
    reply.headers.get('content-type') ?? undefined,
  );
  expect(
    checked.ok ? [] : checked.issues,
    `${operation} ${reply.status}: ${reply.text.slice(0, 500)}`,
  ).toEqual([]);
}

/** The value of one `WWW-Authenticate` auth-param, e.g. `param(header, 'error')`. */
export const challengeParam = (header: string | null, name: string): string | undefined =>
  header === null ? undefined : new RegExp(`[\\s,]${name}="([^"]*)"`).exec(` ${header}`)?.[1];

/** Every secret the suite has seen: keys, client secrets, tokens, session tokens, passwords. */
export const SECRETS = new Set<string>();
export const remember = <T extends string>(secret: T): T => {
  SECRETS.add(secret);
  return secret;
};

const started: TestServer[] = [];

/** Starts a real server process; its logs are scanned for secrets by {@link stopServersAndScanLogs}. */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const server = await startTestServer(env);
  started.push(server);
  return server;
}

/** Restarts `server` on its data directory and port, and keeps following it. */
export async function restartServer(server: TestServer): Promise<TestServer> {
  const next = await server.restart();
  started.push(next);
  return next;
}

// What a secret of each kind looks like, wherever it is written.
const SECRET_SHAPES: readonly RegExp[] = [
  /\bnc_[0-9A-Za-z]{49}\b/,
  /\bncs_[0-9A-Za-z]{43}\b/,
  /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/,
  /\bBasic [A-Za-z0-9+/]{16,}=*/,
];

/** The log lines of `servers` that hold a remembered secret or something shaped like one. */
export function leakedLines(servers: readonly TestServer[]): string[] {
  const secrets = [...SECRETS].filter((s) => s.length >= 8);
  return servers.flatMap((server) =>
    server.logs.filter(
      (line) => SECRET_SHAPES.some((re) => re.test(line)) || secrets.some((s) => line.includes(s)),
    ),
  );
}

/** Stops every server this file started, waits for their last log lines, and answers those that leak a secret. */
export async function stopServersAndScanLogs(): Promise<{ lines: number; leaked: string[] }> {
  const servers = started.splice(0);
  await Promise.all(
    servers.map(async (server) => {
      const out = server.process.stdout;
      const closed = out && !out.closed ? once(out, 'close') : Promise.resolve();
      await server.stop();
      await closed;
    }),
  );
  const leaked = leakedLines(servers);
  const lines = servers.reduce((n, s) => n + s.logs.length, 0);
  for (const dir of new Set(servers.map((s) => s.dataDir))) {
    removeDataDir(dir);
  }
  return { lines, leaked };
}

/** An organization with an `admin:all` key, both made with the CLI as an operator would. */
export interface Org {
  readonly id: string;
  readonly adminKey: string;
  readonly adminKeyId: string;
}

/** A server with two organizations, A and B, that must never see each other's objects. */
export interface World {
  readonly server: TestServer;
  readonly a: Org;
  readonly b: Org;
}

export async function createOrg(server: TestServer, name: string): Promise<Org> {
  const org = await server.cliJson<{ id: string }>(['orgs', 'create', '--name', name]);
  const key = await server.cliJson<{ id: string; key: string; org_id: string }>([
    'keys',
    'create',
    '--name',
    `${name} admin`,
    '--scopes',
    'admin:all',
    '--org',
    org.id,
  ]);
  expect(key.org_id).toBe(org.id);
  return { id: org.id, adminKey: remember(key.key), adminKeyId: key.id };
}

export async function startWorld(env: NodeJS.ProcessEnv = {}): Promise<World> {
  const server = await startServer(env);
  const [a, b] = await Promise.all([createOrg(server, 'Org A'), createOrg(server, 'Org B')]);
  return { server, a, b };
}

/** An API key made through the API by an org's admin. */
export interface CreatedKey {
  readonly id: string;
  readonly key: string;
  readonly scopes: Scope[];
  readonly expires_at: string | null;
}

export async function createKey(
  server: TestServer,
  org: Org,
  scopes: readonly Scope[] | undefined,
  extra: { name?: string; expires_at?: string } = {},
): Promise<CreatedKey> {
  const reply = await call(server, 'POST', '/v1/api-keys', {
    key: org.adminKey,
    json: {
      name: extra.name ?? `key ${scopes?.join(' ') ?? 'default'}`,
      ...(scopes && { scopes }),
      ...extra,
    },
  });
  expect(reply.status, reply.text).toBe(201);
  remember(reply.body.key);
  return reply.body;
}

/** An OAuth app made through the API by an org's admin, with its one-time client secret. */
export interface CreatedApp {
  readonly id: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly scopes: Scope[];
  readonly token_ttl_seconds: number;
}

export async function createApp(
  server: TestServer,
  org: Org,
  scopes: readonly Scope[],
  extra: { name?: string; token_ttl_seconds?: number } = {},
): Promise<CreatedApp> {
  const reply = await call(server, 'POST', '/v1/oauth-apps', {
    key: org.adminKey,
    json: { name: extra.name ?? `app ${scopes.join(' ')}`, scopes, ...extra },
  });
  expect(reply.status, reply.text).toBe(201);
  remember(reply.body.client_secret);
  return reply.body;
}

/** `POST /oauth/token` with `client_secret_post`, as in the product document. */
export function requestToken(
  server: TestServer,
  client: { client_id: string; client_secret: string },
  params: Record<string, string> = {},
): Promise<Reply> {
  return call(server, 'POST', '/oauth/token', {
    form: {
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: client.client_secret,
      ...params,
    },
  });
}

/** An access token for `client`, failing the test if none is issued. */
export async function tokenFor(
  server: TestServer,
  client: { client_id: string; client_secret: string },
  scope?: string,
): Promise<string> {
  const reply = await requestToken(server, client, scope === undefined ? {} : { scope });
  expect(reply.status, reply.text).toBe(200);
  return remember(reply.body.access_token as string);
}

/** `Authorization: Basic` for client_secret_basic (RFC 6749 §2.3.1: each part form-urlencoded first). */
export const basic = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** Creates a dashboard user with the CLI, the password on stdin. */
export async function createUser(
  server: TestServer,
  org: Org,
  email: string,
  password: string,
): Promise<void> {
  remember(password);
  await server.cli(['users', 'create', '--email', email, '--org', org.id], `${password}\n`);
}

/** A signed-in dashboard session: the cookie to send and the CSRF token of the session. */
export interface Session {
  readonly cookie: string;
  readonly token: string;
  readonly csrf: string;
  readonly setCookie: string;
  readonly reply: Reply;
}

export async function login(server: TestServer, email: string, password: string): Promise<Session> {
  const reply = await call(server, 'POST', '/auth/login', { json: { email, password } });
  expect(reply.status, reply.text).toBe(200);
  const setCookie = reply.headers.get('set-cookie') ?? '';
  const token = /(?:^|,\s*)nc_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
  expect(token).not.toBe('');
  remember(token);
  return { cookie: `nc_session=${token}`, token, csrf: reply.body.csrf_token, setCookie, reply };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The claims of a JWT, decoded without any check. */
export const claimsOf = (jwt: string): Json =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
/** The protected header of a JWT, decoded without any check. */
export const headerOf = (jwt: string): Json =>
  JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'));

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The server's current token signing key, read from its data directory and unsealed with its secret —
 * the one way a test can sign a token the server trusts, to check what it does with claims no client
 * can obtain (a token that expired an hour ago, one for another audience).
 */
export async function serverSigningKey(server: TestServer): Promise<SigningKey> {
  const db = new Database(join(server.dataDir, 'neuracraft.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        'select kid, private_jwk from signing_keys where retired_at is null order by created_at desc limit 1',
      )
      .get() as { kid: string; private_jwk: string };
    const keys = loadServerKeys(server.env.NEURACRAFT_SECRET ?? null, server.dataDir);
    return importSigningKey(JSON.parse(unseal(keys.sealing, row.private_jwk)) as JsonWebKey, {
      kid: row.kid,
    });
  } finally {
    db.close();
  }
}

/** Bearer tokens the server must refuse with `invalid_token`, each for one reason. */
export interface BadTokens {
  /** Made exactly like the bad ones, but valid: the server must accept it. */
  readonly control: string;
  readonly garbage: string;
  readonly expired: string;
  readonly revoked: string;
  readonly wrongAudience: string;
  readonly wrongIssuer: string;
  readonly foreignKey: string;
  readonly foreignKeyWithServerKid: string;
  readonly algNone: string;
  readonly hs256WithPublicKey: string;
  readonly tamperedScope: string;
}

/**
 * Makes every kind of bad token from `good`, a real token of the server (admin:all, so only the token
 * itself can be at fault), and `revoked`, a real token already revoked through `POST /oauth/revoke`.
 */
export async function badTokens(
  server: TestServer,
  good: string,
  revoked: string,
  weak: string,
): Promise<BadTokens> {
  const claims = claimsOf(good);
  const serverKey = await serverSigningKey(server);
  const base: IssueAccessTokenOptions = {
    keySet: createKeySet([serverKey]),
    issuer: claims.iss,
    audience: claims.aud,
    clientId: claims.client_id,
    orgId: claims.org_id,
    scopes: SCOPES,
    ttlSeconds: 3600,
  };
  const issue = async (options: Partial<IssueAccessTokenOptions>) =>
    (await issueAccessToken({ ...base, ...options })).token;
  const payload = {
    ...claims,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  const hmacHeader = b64url({ alg: 'HS256', typ: 'at+jwt', kid: serverKey.kid });
  const hmacInput = `${hmacHeader}.${b64url(payload)}`;
  const hmac = createHmac('sha256', JSON.stringify(serverKey.publicJwk))
    .update(hmacInput)
    .digest('base64url');
  const [weakHeader, , weakSignature] = weak.split('.');
  return {
    control: await issue({}),
    garbage: 'not-a-jwt',
    // Signed by the server's own key an hour ago, valid for 60 s.
    expired: await issue({ ttlSeconds: 60, now: () => Date.now() - 3_600_000 }),
    revoked,
    wrongAudience: await issue({ audience: 'https://another-service.example' }),
    wrongIssuer: await issue({ issuer: 'https://issuer.example' }),
    foreignKey: await issue({ keySet: createKeySet([await generateSigningKey('ES256')]) }),
    foreignKeyWithServerKid: await issue({
      keySet: createKeySet([await generateSigningKey('ES256', { kid: serverKey.kid })]),
    }),
    algNone: `${b64url({ alg: 'none', typ: 'at+jwt', kid: serverKey.kid })}.${b64url(payload)}.`,
    hs256WithPublicKey: `${hmacInput}.${hmac}`,
    // A real token whose scope was rewritten to admin:all, keeping its signature.
    tamperedScope: `${weakHeader}.${b64url({ ...claimsOf(weak), scope: 'admin:all' })}.${weakSignature}`,
  };
}

/** API keys the server must refuse with `invalid_api_key`, each for one reason. */
export interface BadKeys {
  readonly malformed: string;
  readonly badChecksum: string;
  readonly unknown: string;
  readonly revoked: string;
  readonly expired: string;
}

/** Flips the last character of a key: the same shape, a wrong checksum. */
export const breakChecksum = (key: string): string => key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

/**
 * Makes every kind of bad API key for `org`: the revoked and the expired one held `admin:all` and worked
 * before, so only their state can be at fault.
 */
export async function badKeys(server: TestServer, org: Org): Promise<BadKeys> {
  const expiring = await createKey(server, org, ['admin:all'], {
    name: 'expires soon',
    expires_at: new Date(Date.now() + 2_000).toISOString(),
  });
  const revoked = await createKey(server, org, ['admin:all'], { name: 'to revoke' });
  for (const key of [expiring.key, revoked.key]) {
    const before = await call(server, 'GET', '/v1/me', { key });
    expect(before.status, before.text).toBe(200);
  }
  const revocation = await call(server, 'DELETE', `/v1/api-keys/${revoked.id}`, { key: org.adminKey });
  expect(revocation.status, revocation.text).toBe(204);
  const wait = Date.parse(expiring.expires_at!) - Date.now() + 200;
  if (wait > 0) {
    await sleep(wait);
  }
  return {
    malformed: 'nc_typo',
    badChecksum: breakChecksum(org.adminKey),
    unknown: generateApiKey(),
    revoked: revoked.key,
    expired: expiring.key,
  };
}

/** A TCP port that was free a moment ago, for a server that must keep its port (and issuer) across restarts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
