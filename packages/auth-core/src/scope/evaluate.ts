import type { Scope, SecurityRequirement, SecuritySchemeName } from '@neuracraft/types';
import type { Principal, PrincipalKind } from '../principal.js';
import { ADMIN_SCOPE, missingScopes } from './satisfy.js';

/**
 * The security scheme of the spec that each kind of principal authenticates with.
 *
 * @example
 * ```ts
 * SCHEME_OF_KIND.api_key; // 'ApiKeyAuth'
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export const SCHEME_OF_KIND = {
  api_key: 'ApiKeyAuth',
  access_token: 'OAuth2',
  session: 'DashboardSession',
} as const satisfies Record<PrincipalKind, SecuritySchemeName>;

/**
 * An operation's `security`: alternatives (OR), each naming schemes whose scopes are all needed (AND).
 *
 * @example
 * ```ts
 * const security: SecurityRequirements = OPERATIONS.listPipelines.security;
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export type SecurityRequirements = readonly SecurityRequirement<string, Scope>[];

/**
 * The outcome of {@link evaluateSecurity}.
 *
 * @example
 * ```ts
 * const evaluation: SecurityEvaluation = evaluateSecurity(operation.security, principal);
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export type SecurityEvaluation =
  | {
      readonly ok: true;
      /** The alternative the principal satisfied, or `null` for a public operation (`security: []`). */
      readonly alternative: SecurityRequirement<string, Scope> | null;
    }
  | {
      readonly ok: false;
      /** The scopes missing from the closest alternative of the principal's scheme (fewest missing, first wins). */
      readonly missing: readonly Scope[];
      /**
       * Every scope named by an alternative of the principal's scheme, in order, once each: what the
       * `required_scopes` of an `insufficient_scope` body lists. Empty when no alternative accepts the scheme.
       */
      readonly accepted: readonly Scope[];
    };

/**
 * Evaluates an operation's security requirements against a principal. Only alternatives naming exactly
 * the principal's scheme ({@link SCHEME_OF_KIND}) can be satisfied — a request carries one credential —
 * and one is satisfied when the principal holds all its scopes (`admin:all` holds every scope). An empty
 * list of alternatives is a public operation.
 *
 * @example
 * ```ts
 * evaluateSecurity(OPERATIONS.listPipelines.security, principal);
 * // { ok: true, alternative: { ApiKeyAuth: ['pipeline:read'] } } or { ok: false, missing: ['pipeline:read'], … }
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export function evaluateSecurity(security: SecurityRequirements, principal: Principal): SecurityEvaluation {
  if (security.length === 0) {
    return { ok: true, alternative: null };
  }
  const scheme = SCHEME_OF_KIND[principal.kind];
  let best: Scope[] | null = null;
  const accepted: Scope[] = [];
  for (const alternative of security) {
    const required = onlyScheme(alternative, scheme);
    if (required === undefined) {
      continue;
    }
    const missing = missingScopes(principal.scopes, required);
    if (missing.length === 0) {
      return { ok: true, alternative };
    }
    if (best === null || missing.length < best.length) {
      best = missing;
    }
    for (const scope of required) {
      if (!accepted.includes(scope)) {
        accepted.push(scope);
      }
    }
  }
  return { ok: false, missing: best ?? [], accepted };
}

/**
 * Whether the principal satisfies one alternative of `security`: {@link evaluateSecurity}'s `ok`,
 * without building the evaluation (the path every authorized request takes).
 */
export function satisfiesSecurity(security: SecurityRequirements, principal: Principal): boolean {
  if (security.length === 0) {
    return true;
  }
  const scheme = SCHEME_OF_KIND[principal.kind];
  const granted = principal.scopes;
  const admin = granted.includes(ADMIN_SCOPE);
  for (const alternative of security) {
    const required = onlyScheme(alternative, scheme);
    if (required !== undefined && (admin || required.every((scope) => granted.includes(scope)))) {
      return true;
    }
  }
  return false;
}

// The scopes of an alternative that names exactly `scheme`, or undefined.
function onlyScheme(
  alternative: SecurityRequirement<string, Scope>,
  scheme: string,
): readonly Scope[] | undefined {
  let scopes: readonly Scope[] | undefined;
  for (const name in alternative) {
    if (name !== scheme) {
      return undefined;
    }
    scopes = alternative[name];
  }
  return scopes;
}
