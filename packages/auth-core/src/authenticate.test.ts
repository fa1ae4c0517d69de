import { OPERATIONS } from '@neuracraft/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key/generate.js';
import { hashApiKey } from './api-key/hash.js';
import { type ApiKeyRecord, createApiKeyVerifier } from './api-key/verify.js';
import { type Authenticator, authorize, createAuthenticator } from './authenticate.js';
import type { AuthErrorCode } from './errors.js';
import type { HeadersInput } from './lib/headers.js';
import type { Principal } from './principal.js';
import { issueAccessToken } from './token/issue.js';
import { createKeySet, generateSigningKey } from './token/keys.js';
import { createTokenVerifier } from './token/verify.js';

const pepper = 'a-pepper-of-sufficient-length';
const ISSUER = 'https://api.neuracraft.com';
let auth: Authenticator;
let key: string;
let token: string;

beforeAll(async () => {
  key = generateApiKey();
  const records = new Map<string, ApiKeyRecord>([
    [
      await hashApiKey(key, pepper),
      { id: 'key_1', orgId: 'org_1', scopes: ['pipeline:read'], expiresAt: null, revokedAt: null },
    ],
  ]);
  const keySet = createKeySet([await generateSigningKey()]);
  token = (
    await issueAccessToken({
      keySet,
      issuer: ISSUER,
      audience: ISSUER,
      clientId: 'app_1',
      orgId: 'org_2',
      scopes: ['workflow:execute'],
      ttlSeconds: 60,
    })
  ).token;
  auth = createAuthenticator({
    apiKeys: createApiKeyVerifier({ store: { findByHash: (h) => records.get(h) }, pepper }),
    tokens: createTokenVerifier({ keySet, issuer: ISSUER, audience: ISSUER }),
  });
});

/** An authenticator whose key store fails on every lookup. */
const brokenAuthenticator = () =>
  createAuthenticator({
    apiKeys: createApiKeyVerifier({
      store: {
        findByHash: () => {
          throw new Error('database down');
        },
      },
      pepper,
    }),
    tokens: createTokenVerifier({ keySet: createKeySet([]), issuer: ISSUER, audience: ISSUER }),
  });

type Want =
  | { code: AuthErrorCode; status: number; challenge: string | RegExp | undefined }
  | Partial<Principal>;

describe('authenticate', () => {
  it.each<[string, { headers: () => HeadersInput; want: Want }]>([
    [
      'X-API-Key → api_key principal',
      {
        headers: () => ({ 'x-api-key': key }),
        want: { kind: 'api_key', orgId: 'org_1', credentialId: 'key_1' },
      },
    ],
    [
      'X-API-Key in Web Headers',
      { headers: () => new Headers({ 'X-API-Key': key }), want: { kind: 'api_key' } },
    ],
    [
      'X-API-Key with another casing in a plain object',
      { headers: () => ({ 'X-Api-Key': key, Accept: '*/*' }), want: { kind: 'api_key' } },
    ],
    [
      'RFC 6750 §2.1: Bearer token → access_token principal',
      {
        headers: () => ({ authorization: `Bearer ${token}` }),
        want: { kind: 'access_token', orgId: 'org_2', clientId: 'app_1', scopes: ['workflow:execute'] },
      },
    ],
    [
      'RFC 6750 §2.1: the scheme is case-insensitive',
      { headers: () => new Headers({ Authorization: `bearer ${token}` }), want: { kind: 'access_token' } },
    ],
    [
      'both credentials → invalid_request 400',
      {
        headers: () => ({ 'x-api-key': key, authorization: `Bearer ${token}` }),
        want: { code: 'invalid_request', status: 400, challenge: undefined },
      },
    ],
    [
      'a repeated X-API-Key → invalid_request 400',
      {
        headers: () => ({ 'x-api-key': [key, key] }),
        want: { code: 'invalid_request', status: 400, challenge: undefined },
      },
    ],
    [
      'RFC 6750 §3.1: no credential → authentication_required 401, bare challenge',
      {
        headers: () => ({}),
        want: { code: 'authentication_required', status: 401, challenge: 'Bearer realm="neuracraft"' },
      },
    ],
    [
      'RFC 6750 §3.1: Basic at a resource → invalid_request 400',
      {
        headers: () => ({ authorization: 'Basic Zm9vOmJhcg==' }),
        want: {
          code: 'invalid_request',
          status: 400,
          challenge: /^Bearer realm="neuracraft", error="invalid_request"/,
        },
      },
    ],
    [
      'RFC 6750 §3.1: Bearer without a token → invalid_request 400',
      {
        headers: () => ({ authorization: 'Bearer ' }),
        want: { code: 'invalid_request', status: 400, challenge: /error="invalid_request"/ },
      },
    ],
    [
      'RFC 6750 §3.1: a token with characters outside b64token → invalid_request 400',
      {
        headers: () => ({ authorization: 'Bearer a b' }),
        want: { code: 'invalid_request', status: 400, challenge: /error="invalid_request"/ },
      },
    ],
    [
      'RFC 6750 §2.1: spaces around the token are tolerated',
      { headers: () => ({ authorization: `Bearer   ${token}  ` }), want: { kind: 'access_token' } },
    ],
    [
      'RFC 6750 §3.1: a token that is not a b64token → invalid_request 400',
      {
        headers: () => ({ authorization: 'Bearer a,b' }),
        want: { code: 'invalid_request', status: 400, challenge: /error="invalid_request"/ },
      },
    ],
    [
      'RFC 6750 §3.1: a bad token → invalid_token 401 with challenge',
      {
        headers: () => ({ authorization: 'Bearer abc.def.ghi' }),
        want: {
          code: 'invalid_token',
          status: 401,
          challenge: /^Bearer realm="neuracraft", error="invalid_token", error_description="/,
        },
      },
    ],
    [
      'a bad key → invalid_api_key 401',
      {
        headers: () => ({ 'x-api-key': 'nc_nope' }),
        want: { code: 'invalid_api_key', status: 401, challenge: 'Bearer realm="neuracraft"' },
      },
    ],
    [
      'an empty X-API-Key → invalid_api_key 401',
      {
        headers: () => ({ 'x-api-key': '' }),
        want: { code: 'invalid_api_key', status: 401, challenge: 'Bearer realm="neuracraft"' },
      },
    ],
  ])('%s', async (_name, { headers, want }) => {
    const result = await auth.authenticate(headers());
    // check() reaches the same verdict, without the promise when the stores answer at once.
    const checked = auth.check(headers());
    expect(checked instanceof Promise ? await checked : checked).toEqual(result);
    if ('code' in want) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(want.code);
        expect(result.error.status).toBe(want.status);
        const challenge = result.error.headers()['WWW-Authenticate'];
        if (want.challenge instanceof RegExp) {
          expect(challenge).toMatch(want.challenge);
        } else {
          expect(challenge).toBe(want.challenge);
        }
      }
    } else {
      expect(result.ok && result.value).toMatchObject(want);
    }
  });

  it('a store that throws rejects the promise', async () => {
    const broken = brokenAuthenticator();
    await expect(broken.authenticate({ 'x-api-key': key })).rejects.toThrow('database down');
  });

  it('check answers a known key and a cached token without a promise, the same frozen answer each time', async () => {
    const first = auth.check({ 'x-api-key': key });
    expect(first).not.toBeInstanceOf(Promise);
    expect(auth.check({ 'x-api-key': key })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first as { value: Principal }).value)).toBe(true);
    await auth.authenticate({ authorization: `Bearer ${token}` });
    const cached = auth.check({ authorization: `Bearer ${token}` });
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toMatchObject({ ok: true, value: { kind: 'access_token', clientId: 'app_1' } });
    expect(auth.check({ authorization: `Bearer ${token}` })).toBe(cached);
  });

  it('check answers with a promise when the store does, and throws when the store throws', async () => {
    const records = new Map<string, ApiKeyRecord>([
      [
        await hashApiKey(key, pepper),
        { id: 'key_2', orgId: 'org_1', scopes: [], expiresAt: null, revokedAt: null },
      ],
    ]);
    const slow = createAuthenticator({
      apiKeys: createApiKeyVerifier({ store: { findByHash: async (h) => records.get(h) }, pepper }),
      tokens: createTokenVerifier({ keySet: createKeySet([]), issuer: ISSUER, audience: ISSUER }),
    });
    const pending = slow.check({ 'x-api-key': key });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toMatchObject({ ok: true, value: { credentialId: 'key_2' } });
    const broken = brokenAuthenticator();
    expect(() => broken.check({ 'x-api-key': key })).toThrow('database down');
  });

  it('always returns a promise', async () => {
    expect(auth.authenticate({ 'x-api-key': key })).toBeInstanceOf(Promise);
    expect(auth.authenticate({ authorization: `Bearer ${token}` })).toBeInstanceOf(Promise);
  });
});

describe('authorize', () => {
  const who = (kind: Principal['kind'], scopes: Principal['scopes']): Principal => ({
    orgId: 'o',
    kind,
    credentialId: 'c',
    scopes,
    clientId: null,
  });

  it.each<
    [
      string,
      {
        principal: Principal;
        operation: keyof typeof OPERATIONS;
        want: null | { required?: string[]; challenge: string | undefined };
      },
    ]
  >([
    [
      'API key with pipeline:read lists pipelines',
      { principal: who('api_key', ['pipeline:read']), operation: 'listPipelines', want: null },
    ],
    [
      'admin:all does anything',
      { principal: who('access_token', ['admin:all']), operation: 'listPipelines', want: null },
    ],
    ['public operation', { principal: who('api_key', []), operation: 'createToken', want: null }],
    [
      'RFC 6750 §3.1: token without the scope → 403 with scope challenge',
      {
        principal: who('access_token', ['pipeline:read']),
        operation: 'createPipeline',
        want: {
          required: ['pipeline:write'],
          challenge:
            'Bearer realm="neuracraft", error="insufficient_scope", error_description="This operation requires the scope pipeline:write.", scope="pipeline:write"',
        },
      },
    ],
    [
      'API key without the scope → 403, no bearer challenge',
      {
        principal: who('api_key', []),
        operation: 'createPipeline',
        want: { required: ['pipeline:write'], challenge: undefined },
      },
    ],
    [
      'a session on a key-only operation → 403 without required_scopes',
      { principal: who('session', []), operation: 'createPipeline', want: { challenge: undefined } },
    ],
  ])('%s', (_name, { principal, operation, want }) => {
    const result = authorize(principal, OPERATIONS[operation]);
    if (want === null) {
      expect(result).toEqual({ ok: true, value: principal });
      expect(auth.authorize(principal, OPERATIONS[operation]).ok).toBe(true);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('insufficient_scope');
        expect(result.error.status).toBe(403);
        expect(result.error.toBody('r').required_scopes).toEqual(want.required);
        expect(result.error.headers()['WWW-Authenticate']).toBe(want.challenge);
      }
    }
  });

  it('names every accepted scope when alternatives differ (plugins list)', () => {
    const op = Object.values(OPERATIONS).find((o) => o.security.length === 5);
    expect(op).toBeDefined();
    const result = authorize(who('api_key', []), op!);
    expect(result.ok ? null : result.error.requiredScopes).toEqual(['plugin:manage', 'pipeline:read']);
  });
});
