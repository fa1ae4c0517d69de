import { SCOPES, type Scope } from '@neuracraft/types';
import { CLIENT_ID_PATTERN } from '@neuracraft/validators';
import { decodeJwt, jwkProblems, signatureProblem } from '../check/jwt.js';
import type { ClientApp } from '../credentials.js';
import { type Endpoints, METADATA_PATH } from '../discovery.js';
import { createRng } from '../generate/prng.js';
import { stringMatching } from '../generate/regex.js';
import type { Exchange } from '../http/client.js';
import { allOperations, type OperationSpec } from '../spec/document.js';
import { alternativesOf, isPublic, tokenUrl } from '../spec/security.js';
import type { CaseContext, CaseDefinition } from './case.js';
import { invalidTokenChallenge, validPlan } from './common.js';
import { credentialHeaders } from './credential.js';
import { toHttpRequest } from './request.js';

type Form = Record<string, string | string[]>;

const basic = (app: Pick<ClientApp, 'clientId' | 'clientSecret'>, secret = app.clientSecret) =>
  `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

const clientPost = (app: ClientApp): Form => ({ client_id: app.clientId, client_secret: app.clientSecret });

function postForm(
  t: CaseContext,
  op: OperationSpec,
  value: Form,
  headers: Record<string, string> = {},
  label?: string,
) {
  return t.send({
    method: op.method,
    path: op.path,
    headers,
    body: { type: 'form', value },
    ...(label !== undefined && { label }),
  });
}

const body = (exchange: Exchange): Record<string, unknown> =>
  (exchange.response.json as Record<string, unknown> | undefined) ?? {};

const scopeSet = (value: unknown) =>
  typeof value === 'string' ? value.split(' ').filter(Boolean).sort().join(' ') : '';

/** The app the token endpoint cases use: two scopes, so a request for one is a strict subset. */
const TOKEN_APP_SCOPES: readonly Scope[] = ['pipeline:read', 'workflow:execute'];

/** A GET that a bearer token holding `pipeline:read` may call: where a token proves it works. */
function bearerProbe(): OperationSpec | undefined {
  return allOperations().find(
    (op) =>
      op.method === 'get' &&
      !op.path.includes('{') &&
      alternativesOf(op).some((a) => a.kind === 'bearer' && a.scopes.every((s) => s === 'pipeline:read')),
  );
}

function tokenCases(op: OperationSpec, endpoints: Endpoints): CaseDefinition[] {
  const id = op.operationId;
  const app = (t: CaseContext) => t.credentials.app(TOKEN_APP_SCOPES);
  const unknownClientId = stringMatching(CLIENT_ID_PATTERN.source, createRng(7));
  const cases: [string, (t: CaseContext) => Promise<void>][] = [
    [
      'client_secret_post → 200 access token (RFC 6749 §4.4.3)',
      async (t) => {
        const a = await app(t);
        const ex = await postForm(t, op, {
          grant_type: 'client_credentials',
          ...clientPost(a),
          scope: 'pipeline:read',
        });
        t.expect(ex, {
          status: 200,
          check: (e) => {
            const b = body(e);
            const out: string[] = [];
            if (scopeSet(b.scope) !== 'pipeline:read') {
              out.push(`scope is ${JSON.stringify(b.scope)}, requested "pipeline:read" (RFC 6749 §5.1)`);
            }
            if (b.expires_in !== a.ttlSeconds) {
              out.push(
                `expires_in is ${JSON.stringify(b.expires_in)}, the app's token_ttl_seconds is ${a.ttlSeconds}`,
              );
            }
            return out;
          },
        });
      },
    ],
    [
      'client_secret_basic → 200 access token (RFC 6749 §2.3.1)',
      async (t) => {
        const a = await app(t);
        t.expect(await postForm(t, op, { grant_type: 'client_credentials' }, { authorization: basic(a) }), {
          status: 200,
        });
      },
    ],
    [
      'scope omitted → every scope the app may request (RFC 6749 §3.3)',
      async (t) => {
        const a = await app(t);
        t.expect(await postForm(t, op, { grant_type: 'client_credentials', ...clientPost(a) }), {
          status: 200,
          check: (e) =>
            scopeSet(body(e).scope) === scopeSet(a.scopes.join(' '))
              ? []
              : [`scope is ${JSON.stringify(body(e).scope)}, the app may request "${a.scopes.join(' ')}"`],
        });
      },
    ],
    [
      'access token is an RFC 9068 JWT signed with a key of the JWK Set (RFC 9068 §2)',
      async (t) => {
        const a = await app(t);
        const ex = await postForm(t, op, {
          grant_type: 'client_credentials',
          ...clientPost(a),
          scope: 'pipeline:read',
        });
        if (!t.reached(ex, { status: 200 })) {
          return;
        }
        if (!endpoints.jwks) {
          t.fail('the metadata names no jwks_uri the spec describes: the signature cannot be checked');
          return;
        }
        const jwks = await t.send({ method: 'GET', path: endpoints.jwks.path });
        if (!t.reached(jwks, { status: 200 }, endpoints.jwks)) {
          return;
        }
        const token = String(body(ex).access_token);
        const keys = (body(jwks).keys ?? []) as Record<string, unknown>[];
        const problem = signatureProblem(token, keys);
        if (problem) {
          t.fail(`access token: ${problem}`);
        }
        const decoded = decodeJwt(token);
        if (!decoded) {
          return;
        }
        const typ = String(decoded.header.typ ?? '').toLowerCase();
        if (typ !== 'at+jwt' && typ !== 'application/at+jwt') {
          t.fail(
            `access token header typ is ${JSON.stringify(decoded.header.typ)}, not "at+jwt" (RFC 9068 §2.1)`,
          );
        }
        const claims = decoded.payload;
        for (const claim of ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti', 'scope']) {
          if (claims[claim] === undefined) {
            t.fail(`access token has no ${claim} claim (RFC 9068 §2.2)`);
          }
        }
        if (claims.client_id !== undefined && claims.client_id !== a.clientId) {
          t.fail(`access token client_id is ${JSON.stringify(claims.client_id)}, expected ${a.clientId}`);
        }
        if (claims.scope !== undefined && scopeSet(claims.scope) !== 'pipeline:read') {
          t.fail(`access token scope claim is ${JSON.stringify(claims.scope)}, granted "pipeline:read"`);
        }
        const issuerClaimed = endpoints.document?.issuer;
        if (issuerClaimed !== undefined && claims.iss !== issuerClaimed) {
          t.fail(
            `access token iss is ${JSON.stringify(claims.iss)}, the metadata's issuer is ${JSON.stringify(issuerClaimed)}`,
          );
        }
        if (
          typeof claims.exp === 'number' &&
          typeof claims.iat === 'number' &&
          claims.exp - claims.iat !== body(ex).expires_in
        ) {
          t.fail(
            `access token lives ${claims.exp - claims.iat} s (exp − iat), expires_in says ${String(body(ex).expires_in)}`,
          );
        }
      },
    ],
    [
      'no client authentication → 401 invalid_client (RFC 6749 §5.2)',
      async (t) => {
        t.expect(await postForm(t, op, { grant_type: 'client_credentials' }), {
          status: 401,
          error: 'invalid_client',
        });
      },
    ],
    [
      'wrong client_secret (client_secret_post) → 401 invalid_client (RFC 6749 §5.2)',
      async (t) => {
        const a = await app(t);
        t.expect(
          await postForm(t, op, {
            grant_type: 'client_credentials',
            client_id: a.clientId,
            client_secret: `${a.clientSecret}x`,
          }),
          { status: 401, error: 'invalid_client' },
        );
      },
    ],
    [
      'wrong client_secret (client_secret_basic) → 401 invalid_client with a Basic challenge (RFC 6749 §5.2)',
      async (t) => {
        const a = await app(t);
        t.expect(
          await postForm(
            t,
            op,
            { grant_type: 'client_credentials' },
            { authorization: basic(a, `${a.clientSecret}x`) },
          ),
          {
            status: 401,
            error: 'invalid_client',
            check: (e) =>
              /^\s*basic\b/i.test(e.response.headers.get('www-authenticate') ?? '') ||
              /,\s*basic\b/i.test(e.response.headers.get('www-authenticate') ?? '')
                ? []
                : ['no WWW-Authenticate Basic challenge although the client used HTTP Basic (RFC 6749 §5.2)'],
          },
        );
      },
    ],
    [
      'unknown client_id → 401 invalid_client (RFC 6749 §5.2)',
      async (t) => {
        const a = await app(t);
        t.expect(
          await postForm(t, op, {
            grant_type: 'client_credentials',
            client_id: unknownClientId,
            client_secret: a.clientSecret,
          }),
          { status: 401, error: 'invalid_client' },
        );
      },
    ],
    [
      'grant_type missing → 400 invalid_request (RFC 6749 §5.2)',
      async (t) => {
        t.expect(await postForm(t, op, clientPost(await app(t))), { status: 400, error: 'invalid_request' });
      },
    ],
    [
      'grant_type=password → 400 unsupported_grant_type (RFC 6749 §5.2)',
      async (t) => {
        t.expect(await postForm(t, op, { grant_type: 'password', ...clientPost(await app(t)) }), {
          status: 400,
          error: 'unsupported_grant_type',
        });
      },
    ],
    [
      'a scope the app may not request → 400 invalid_scope (RFC 6749 §5.2)',
      async (t) => {
        const a = await app(t);
        const other = SCOPES.find((s) => !a.scopes.includes(s))!;
        t.expect(
          await postForm(t, op, { grant_type: 'client_credentials', ...clientPost(a), scope: other }),
          {
            status: 400,
            error: 'invalid_scope',
          },
        );
      },
    ],
    [
      'an unknown scope → 400 invalid_scope (RFC 6749 §5.2)',
      async (t) => {
        t.expect(
          await postForm(t, op, {
            grant_type: 'client_credentials',
            ...clientPost(await app(t)),
            scope: 'contract:unknown',
          }),
          { status: 400, error: 'invalid_scope' },
        );
      },
    ],
    [
      'both client authentication methods → 400 invalid_request (RFC 6749 §2.3)',
      async (t) => {
        const a = await app(t);
        t.expect(
          await postForm(
            t,
            op,
            { grant_type: 'client_credentials', ...clientPost(a) },
            { authorization: basic(a) },
          ),
          { status: 400, error: 'invalid_request' },
        );
      },
    ],
    [
      'a repeated parameter → 400 invalid_request (RFC 6749 §3.2)',
      async (t) => {
        t.expect(
          await postForm(t, op, {
            grant_type: ['client_credentials', 'client_credentials'],
            ...clientPost(await app(t)),
          }),
          { status: 400, error: 'invalid_request' },
        );
      },
    ],
  ];
  return cases.map(([name, run]) => ({ operationId: id, name, run }));
}

/** Token revocation (RFC 7009) and introspection (RFC 7662) share client authentication. */
function clientAuthCases(op: OperationSpec, rfc: string): [string, (t: CaseContext) => Promise<void>][] {
  return [
    [
      `no client authentication → 401 invalid_client (${rfc} §2.1)`,
      async (t) => {
        const { token } = await t.credentials.newToken(await t.credentials.app(['pipeline:read']));
        t.expect(await postForm(t, op, { token }), { status: 401, error: 'invalid_client' });
      },
    ],
    [
      `wrong client_secret → 401 invalid_client (${rfc} §2.1)`,
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        const { token } = await t.credentials.newToken(a);
        t.expect(
          await postForm(t, op, { token, client_id: a.clientId, client_secret: `${a.clientSecret}x` }),
          {
            status: 401,
            error: 'invalid_client',
          },
        );
      },
    ],
    [
      `client_secret_basic → 200 (RFC 6749 §2.3.1)`,
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        const { token } = await t.credentials.newToken(a);
        t.expect(await postForm(t, op, { token }, { authorization: basic(a) }), { status: 200 });
      },
    ],
  ];
}

function revocationCases(op: OperationSpec, endpoints: Endpoints): CaseDefinition[] {
  const cases: [string, (t: CaseContext) => Promise<void>][] = [
    [
      'revoking a token → 200, and the token stops working at once (RFC 7009 §2.1)',
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        const issued = await t.credentials.newToken(a);
        const probe = bearerProbe();
        const use = () =>
          probe &&
          t.send({
            method: 'GET',
            path: probe.path,
            headers: credentialHeaders('bearer', issued.token),
            label: 'revoked token',
          });
        const before = await use();
        if (before && probe) {
          t.expect(before, { status: probe.successes }, probe);
        }
        if (!t.reached(await postForm(t, op, { token: issued.token, ...clientPost(a) }), { status: 200 })) {
          return;
        }
        const after = await use();
        if (after && probe) {
          t.expect(after, { status: 401, error: 'invalid_token', check: invalidTokenChallenge }, probe);
        }
        if (endpoints.introspection) {
          const ex = await postForm(t, endpoints.introspection, { token: issued.token, ...clientPost(a) });
          t.expect(
            ex,
            {
              status: 200,
              check: (e) =>
                body(e).active === false
                  ? []
                  : ['a revoked token is still active per introspection (RFC 7662 §2.2)'],
            },
            endpoints.introspection,
          );
        }
      },
    ],
    [
      'an unknown token → 200 (RFC 7009 §2.2)',
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        t.expect(await postForm(t, op, { token: 'contract-tests-unknown-token', ...clientPost(a) }), {
          status: 200,
        });
      },
    ],
    [
      'an unknown token_type_hint is ignored → 200 (RFC 7009 §2.1)',
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        const { token } = await t.credentials.newToken(a);
        t.expect(
          await postForm(t, op, { token, token_type_hint: 'contract_tests_unknown_hint', ...clientPost(a) }),
          { status: 200 },
        );
      },
    ],
    ...clientAuthCases(op, 'RFC 7009'),
  ];
  return cases.map(([name, run]) => ({ operationId: op.operationId, name, run }));
}

function introspectionCases(op: OperationSpec): CaseDefinition[] {
  const cases: [string, (t: CaseContext) => Promise<void>][] = [
    [
      'an active token → active: true with its claims (RFC 7662 §2.2)',
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        const issued = await t.credentials.newToken(a);
        const claims = decodeJwt(issued.token)?.payload ?? {};
        t.expect(await postForm(t, op, { token: issued.token, ...clientPost(a) }), {
          status: 200,
          check: (e) => {
            const b = body(e);
            const out: string[] = [];
            if (b.active !== true) {
              return [`active is ${JSON.stringify(b.active)} for a fresh token`];
            }
            if (b.scope !== undefined && scopeSet(b.scope) !== 'pipeline:read') {
              out.push(`scope is ${JSON.stringify(b.scope)}, the token holds "pipeline:read"`);
            }
            if (b.client_id !== undefined && b.client_id !== a.clientId) {
              out.push(`client_id is ${JSON.stringify(b.client_id)}, expected ${a.clientId}`);
            }
            for (const claim of ['exp', 'iat', 'jti', 'sub', 'iss'] as const) {
              if (b[claim] !== undefined && claims[claim] !== undefined && b[claim] !== claims[claim]) {
                out.push(
                  `${claim} is ${JSON.stringify(b[claim])}, the token says ${JSON.stringify(claims[claim])}`,
                );
              }
            }
            return out;
          },
        });
      },
    ],
    [
      'an invalid token → {"active": false} and nothing else (RFC 7662 §2.2)',
      async (t) => {
        const a = await t.credentials.app(['pipeline:read']);
        t.expect(await postForm(t, op, { token: 'not.a.token', ...clientPost(a) }), {
          status: 200,
          check: (e) => {
            const members = Object.keys(body(e));
            return body(e).active === false && members.length === 1
              ? []
              : [`expected exactly {"active": false}, got members ${members.join(', ')}`];
          },
        });
      },
    ],
    ...clientAuthCases(op, 'RFC 7662'),
  ];
  return cases.map(([name, run]) => ({ operationId: op.operationId, name, run }));
}

function absoluteUrl(name: string, value: unknown): string[] {
  if (typeof value !== 'string') {
    return [`${name} is missing`];
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? []
      : [`${name} ${value} is not an http(s) URL`];
  } catch {
    return [`${name} ${JSON.stringify(value)} is not an absolute URL`];
  }
}

function metadataCases(op: OperationSpec, endpoints: Endpoints, issuer: string): CaseDefinition[] {
  return [
    {
      operationId: op.operationId,
      name: 'metadata per RFC 8414 (§2 members, §3.3 issuer, endpoints of the spec)',
      run: async (t) => {
        const ex = await t.send({ method: 'GET', path: op.path });
        t.expect(ex, {
          status: 200,
          check: (e) => {
            const m = body(e);
            const out: string[] = [];
            if (typeof m.issuer === 'string') {
              const url = URL.canParse(m.issuer) ? new URL(m.issuer) : undefined;
              if (url === undefined || url.search !== '' || url.hash !== '') {
                out.push(`issuer ${m.issuer} must be a URL with no query or fragment (RFC 8414 §2)`);
              }
              if (m.issuer.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) {
                out.push(
                  `issuer is ${m.issuer}, but the metadata was fetched from ${issuer}${METADATA_PATH} (RFC 8414 §3.3)`,
                );
              }
            }
            for (const [member, found] of [
              ['token_endpoint', endpoints.token],
              ['revocation_endpoint', endpoints.revocation],
              ['introspection_endpoint', endpoints.introspection],
              ['jwks_uri', endpoints.jwks],
            ] as const) {
              const problems = absoluteUrl(member, m[member]);
              out.push(...problems);
              if (problems.length === 0 && found === undefined) {
                out.push(`${member} ${String(m[member])} is no path of the spec`);
              }
            }
            if (endpoints.token && endpoints.token.path !== tokenUrl()) {
              out.push(
                `token_endpoint path ${endpoints.token.path} is not the spec's tokenUrl ${tokenUrl()}`,
              );
            }
            const scopes = Array.isArray(m.scopes_supported) ? m.scopes_supported.map(String) : [];
            const missing = SCOPES.filter((s) => !scopes.includes(s));
            if (missing.length > 0) {
              out.push(`scopes_supported lacks ${missing.join(' ')}`);
            }
            const grants = Array.isArray(m.grant_types_supported) ? m.grant_types_supported : [];
            if (!grants.includes('client_credentials')) {
              out.push('grant_types_supported lacks client_credentials');
            }
            for (const member of [
              'token_endpoint_auth_methods_supported',
              'revocation_endpoint_auth_methods_supported',
              'introspection_endpoint_auth_methods_supported',
            ]) {
              const methods = Array.isArray(m[member]) ? (m[member] as unknown[]) : [];
              for (const method of ['client_secret_basic', 'client_secret_post']) {
                if (!methods.includes(method)) {
                  out.push(`${member} lacks ${method}, which the server accepts`);
                }
              }
            }
            return out;
          },
        });
      },
    },
  ];
}

function jwksCases(op: OperationSpec): CaseDefinition[] {
  return [
    {
      operationId: op.operationId,
      name: 'a JWK Set of public signing keys (RFC 7517 §5, RFC 7518 §6)',
      run: async (t) => {
        t.expect(await t.send({ method: 'GET', path: op.path }), {
          status: 200,
          check: (e) => {
            const keys = body(e).keys;
            if (!Array.isArray(keys) || keys.length === 0) {
              return ['keys is empty: nothing can verify a token'];
            }
            const out: string[] = [];
            const kids = keys.map((k) => (k as Record<string, unknown>).kid);
            if (new Set(kids).size !== kids.length) {
              out.push('two keys share a kid (RFC 7517 §4.5)');
            }
            for (const key of keys) {
              out.push(...jwkProblems(key as Record<string, unknown>));
            }
            return out;
          },
        });
      },
    },
  ];
}

/**
 * The cases of a public operation: it answers without a credential as documented, and, for the
 * OAuth endpoints found through RFC 8414 metadata, what their RFCs require — token endpoint errors
 * (RFC 6749 §5.2) and RFC 9068 tokens, revocation (RFC 7009), introspection (RFC 7662), the
 * metadata itself (RFC 8414) and the JWK Set (RFC 7517).
 */
export function publicCases(op: OperationSpec, endpoints: Endpoints, issuer: string): CaseDefinition[] {
  if (!isPublic(op)) {
    return [];
  }
  const cases: CaseDefinition[] = [
    {
      operationId: op.operationId,
      name: `no credential → ${op.method === 'get' ? op.successes.join(' or ') : 'a documented response'}`,
      run: async (t) => {
        const plan = await validPlan(t, 'public');
        t.expect(await t.send(toHttpRequest(op, plan, {}, 'no credential')), {
          status: op.method === 'get' ? op.successes : op.responses.filter((s) => s < 500),
        });
      },
    },
  ];
  if (op === endpoints.token) {
    cases.push(...tokenCases(op, endpoints));
  }
  if (op === endpoints.revocation) {
    cases.push(...revocationCases(op, endpoints));
  }
  if (op === endpoints.introspection) {
    cases.push(...introspectionCases(op));
  }
  if (op === endpoints.metadata) {
    cases.push(...metadataCases(op, endpoints, issuer));
  }
  if (op === endpoints.jwks) {
    cases.push(...jwksCases(op));
  }
  return cases;
}
