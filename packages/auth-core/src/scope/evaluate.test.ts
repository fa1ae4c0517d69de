import { OPERATIONS, SCOPES, type Scope, type SecurityRequirement } from '@neuracraft/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Principal, PrincipalKind } from '../principal.js';
import {
  evaluateSecurity,
  SCHEME_OF_KIND,
  type SecurityRequirements,
  satisfiesSecurity,
} from './evaluate.js';

const principal = (kind: PrincipalKind, scopes: readonly Scope[]): Principal => ({
  orgId: 'org_1',
  kind,
  credentialId: 'c',
  scopes,
  clientId: kind === 'access_token' ? 'app_1' : null,
});

describe('evaluateSecurity', () => {
  it.each<
    [
      string,
      { security: SecurityRequirements; who: Principal; ok: boolean; missing?: Scope[]; accepted?: Scope[] },
    ]
  >([
    ['public operation (security: [])', { security: [], who: principal('api_key', []), ok: true }],
    [
      'API key with the scope',
      { security: OPERATIONS.listPipelines.security, who: principal('api_key', ['pipeline:read']), ok: true },
    ],
    [
      'API key without the scope',
      {
        security: OPERATIONS.listPipelines.security,
        who: principal('api_key', ['workflow:execute']),
        ok: false,
        missing: ['pipeline:read'],
        accepted: ['pipeline:read'],
      },
    ],
    [
      'token with admin:all satisfies any scope',
      {
        security: OPERATIONS.listPipelines.security,
        who: principal('access_token', ['admin:all']),
        ok: true,
      },
    ],
    [
      'an OAuth2 alternative does not count for an API key',
      {
        security: [{ OAuth2: ['pipeline:read'] }],
        who: principal('api_key', ['pipeline:read']),
        ok: false,
        missing: [],
        accepted: [],
      },
    ],
    [
      'OR of alternatives: the second one suffices',
      {
        security: [{ OAuth2: ['plugin:manage'] }, { OAuth2: ['pipeline:read'] }],
        who: principal('access_token', ['pipeline:read']),
        ok: true,
      },
    ],
    [
      'OR of alternatives: accepted lists every scope of the scheme once',
      {
        security: [
          { OAuth2: ['plugin:manage'] },
          { ApiKeyAuth: ['admin:all'] },
          { OAuth2: ['pipeline:read'] },
          { OAuth2: ['plugin:manage'] },
        ],
        who: principal('access_token', []),
        ok: false,
        missing: ['plugin:manage'],
        accepted: ['plugin:manage', 'pipeline:read'],
      },
    ],
    [
      'AND inside an alternative: the closest alternative names what is missing',
      {
        security: [
          { OAuth2: ['pipeline:read', 'pipeline:write', 'plugin:manage'] },
          { OAuth2: ['pipeline:read', 'workflow:execute'] },
        ],
        who: principal('access_token', ['pipeline:read']),
        ok: false,
        missing: ['workflow:execute'],
      },
    ],
    [
      'an alternative needing two schemes can never be met by one credential',
      {
        security: [{ ApiKeyAuth: [], OAuth2: [] }],
        who: principal('api_key', ['admin:all']),
        ok: false,
        missing: [],
      },
    ],
    [
      'a session meets DashboardSession: []',
      { security: OPERATIONS.listPipelines.security, who: principal('session', []), ok: true },
    ],
    [
      'a session-only operation refuses an API key',
      {
        security: [{ DashboardSession: [] }],
        who: principal('api_key', ['admin:all']),
        ok: false,
        accepted: [],
      },
    ],
  ])(
    'OpenAPI 3.1 security requirement / RFC 6750 §3.1: %s',
    (_name, { security, who, ok, missing, accepted }) => {
      const result = evaluateSecurity(security, who);
      expect(result.ok).toBe(ok);
      if (!result.ok) {
        if (missing !== undefined) {
          expect(result.missing).toEqual(missing);
        }
        if (accepted !== undefined) {
          expect(result.accepted).toEqual(accepted);
        }
      }
    },
  );

  it('returns the satisfied alternative', () => {
    const alternative = { ApiKeyAuth: ['pipeline:read'] } as const;
    expect(
      evaluateSecurity([{ OAuth2: ['pipeline:read'] }, alternative], principal('api_key', ['pipeline:read'])),
    ).toEqual({
      ok: true,
      alternative,
    });
  });

  // Brute force: every alternative is checked on its own, with set arithmetic written out plainly.
  function reference(security: readonly SecurityRequirement<string, Scope>[], who: Principal) {
    if (security.length === 0) {
      return { ok: true, missing: [] as Scope[] };
    }
    const scheme = SCHEME_OF_KIND[who.kind];
    const granted = new Set<Scope>(who.scopes.includes('admin:all') ? SCOPES : who.scopes);
    const candidates = security
      .filter((alt) => Object.keys(alt).length === 1 && Object.keys(alt)[0] === scheme)
      .map((alt) => [...new Set(alt[scheme] ?? [])].filter((s) => !granted.has(s)));
    const sizes = candidates.map((c) => c.length);
    if (sizes.includes(0)) {
      return { ok: true, missing: [] as Scope[] };
    }
    const min = Math.min(...sizes);
    return { ok: false, missing: candidates.find((c) => c.length === min) ?? [] };
  }

  it('property: agrees with a brute-force reference on random requirement sets (satisfiesSecurity too)', () => {
    const scope = fc.constantFrom(...SCOPES);
    const scheme = fc.constantFrom('ApiKeyAuth', 'OAuth2', 'DashboardSession');
    const alternative = fc.dictionary(scheme, fc.uniqueArray(scope, { maxLength: 3 }), {
      minKeys: 1,
      maxKeys: 2,
    });
    const who = fc
      .record({
        kind: fc.constantFrom<PrincipalKind>('api_key', 'access_token', 'session'),
        scopes: fc.uniqueArray(scope),
      })
      .map(({ kind, scopes }) => principal(kind, scopes));
    fc.assert(
      fc.property(fc.array(alternative, { maxLength: 5 }), who, (security, p) => {
        const got = evaluateSecurity(security, p);
        const want = reference(security, p);
        expect(got.ok).toBe(want.ok);
        expect(satisfiesSecurity(security, p)).toBe(want.ok);
        if (!got.ok) {
          expect([...got.missing].sort()).toEqual([...want.missing].sort());
        }
      }),
      { numRuns: 3000 },
    );
  });
});
