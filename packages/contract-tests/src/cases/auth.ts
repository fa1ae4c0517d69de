import type { Scope } from '@neuracraft/types';
import type { OperationSpec } from '../spec/document.js';
import {
  ADMIN_SCOPE,
  alternativesOf,
  type CredentialKind,
  isPublic,
  scopesFor,
  scopesWithout,
  sessionCookie,
} from '../spec/security.js';
import type { CaseContext, CaseDefinition, Expectation } from './case.js';
import {
  insufficientScopeChallenge,
  invalidTokenChallenge,
  namesScopes,
  noErrorChallenge,
  validPlan,
} from './common.js';
import { credentialHeaders, credentialWith, KIND_LABEL, scopeList } from './credential.js';
import { toHttpRequest } from './request.js';

type Secret = (t: CaseContext) => Promise<string>;

/** Sends a minimal valid request with `headers` and checks the answer. */
async function sendWith(
  t: CaseContext,
  name: string,
  headers: Record<string, string>,
  label: string,
  expectation: Expectation,
): Promise<void> {
  const plan = await validPlan(t, name);
  t.expect(await t.send(toHttpRequest(t.op, plan, headers, label)), expectation);
}

/** Flips the last character of the checksum: right shape, wrong CRC32. */
const badChecksum = (key: string): string => key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

/** Flips one character of the signature of a JWT. */
const badSignature = (token: string): string => {
  const at = token.length - 5;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
};

const API_KEY_VARIANTS: readonly {
  readonly name: string;
  readonly late?: boolean;
  readonly secret: Secret;
}[] = [
  { name: 'malformed', secret: async () => 'nc_not-an-api-key' },
  { name: 'bad checksum', secret: async (t) => badChecksum(t.credentials.unknownKey()) },
  { name: 'unknown', secret: async (t) => t.credentials.unknownKey() },
  { name: 'revoked', secret: (t) => t.credentials.revokedKey() },
  { name: 'expired', late: true, secret: async (t) => (await t.credentials.expiringKey()).key },
];

const TOKEN_VARIANTS: readonly { readonly name: string; readonly late?: boolean; readonly secret: Secret }[] =
  [
    { name: 'garbage', secret: async () => 'not.a.token' },
    { name: 'bad signature', secret: async (t) => badSignature(await t.credentials.token([ADMIN_SCOPE])) },
    { name: 'revoked', secret: (t) => t.credentials.revokedToken() },
    { name: 'expired', late: true, secret: async (t) => (await t.credentials.expiringToken()).token },
  ];

function kinds(op: OperationSpec): Set<CredentialKind> {
  return new Set(alternativesOf(op).flatMap((a) => (a.kind === undefined ? [] : [a.kind])));
}

/**
 * The authentication and authorization cases of a protected operation (issue cases 1–3): no
 * credential, every way an API key, a bearer token or a session can be invalid, two credentials at
 * once, and a valid credential holding every scope but the needed ones.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function authCases(op: OperationSpec): CaseDefinition[] {
  if (isPublic(op)) {
    return [];
  }
  const accepted = kinds(op);
  const cases: CaseDefinition[] = [];
  const add = (name: string, run: CaseDefinition['run'], extra: Partial<CaseDefinition> = {}) =>
    cases.push({ operationId: op.operationId, name, run, ...extra });

  add('no credential → 401 authentication_required', (t) =>
    sendWith(t, 'no credential', {}, 'no credential', {
      status: 401,
      error: 'authentication_required',
      check: noErrorChallenge,
    }),
  );

  if (accepted.has('apiKey')) {
    for (const variant of API_KEY_VARIANTS) {
      add(
        `API key: ${variant.name} → 401 invalid_api_key`,
        async (t) =>
          sendWith(
            t,
            variant.name,
            credentialHeaders('apiKey', await variant.secret(t)),
            `${variant.name} API key`,
            {
              status: 401,
              error: 'invalid_api_key',
            },
          ),
        variant.late ? { late: true } : {},
      );
    }
  }
  if (accepted.has('bearer')) {
    for (const variant of TOKEN_VARIANTS) {
      add(
        `bearer token: ${variant.name} → 401 invalid_token`,
        async (t) =>
          sendWith(
            t,
            variant.name,
            credentialHeaders('bearer', await variant.secret(t)),
            `${variant.name} token`,
            {
              status: 401,
              error: 'invalid_token',
              check: invalidTokenChallenge,
            },
          ),
        variant.late ? { late: true } : {},
      );
    }
  }
  if (accepted.has('apiKey') && accepted.has('bearer')) {
    add('API key and bearer token together → 400 invalid_request', async (t) => {
      const key = await credentialWith(t, 'apiKey', scopesFor(op, 'apiKey'));
      const token = await credentialWith(t, 'bearer', scopesFor(op, 'bearer'));
      await sendWith(t, 'two credentials', { ...key.headers, ...token.headers }, 'API key and bearer token', {
        status: 400,
        error: 'invalid_request',
      });
    });
  }
  const cookie = sessionCookie();
  if (accepted.has('session') && cookie !== undefined) {
    add('session: unknown cookie → 401 invalid_session', (t) =>
      sendWith(t, 'unknown session', { cookie: `${cookie}=${'x'.repeat(43)}` }, 'unknown session', {
        status: 401,
        error: 'invalid_session',
      }),
    );
  }

  for (const kind of ['apiKey', 'bearer'] as const) {
    if (!accepted.has(kind)) {
      continue;
    }
    const needed = scopesFor(op, kind);
    const held: Scope[] = scopesWithout(op, kind);
    const name = `${KIND_LABEL[kind]} without ${needed.join(' or ') || 'any scope'} → 403 insufficient_scope`;
    if (held.length === 0) {
      add(name, async () => {}, {
        skip: needed.length === 0 ? 'the operation needs no scope' : 'no scope is left to hold',
      });
      continue;
    }
    add(name, async (t) => {
      const credential = await credentialWith(t, kind, held);
      await sendWith(
        t,
        'insufficient scope',
        credential.headers,
        `${KIND_LABEL[kind]} with ${scopeList(held)}`,
        {
          status: 403,
          error: 'insufficient_scope',
          check: (exchange) => [
            ...namesScopes(exchange, needed),
            ...(kind === 'bearer' ? insufficientScopeChallenge(exchange, needed) : []),
          ],
        },
      );
    });
  }
  return cases;
}
