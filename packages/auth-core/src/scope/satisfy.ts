import type { Scope } from '@neuracraft/types';

/**
 * The scope that satisfies every other one.
 *
 * @example
 * ```ts
 * hasScope([ADMIN_SCOPE], 'plugin:manage'); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export const ADMIN_SCOPE = 'admin:all' satisfies Scope;

/**
 * Whether granted scopes satisfy one required scope: it is granted, or `admin:all` is.
 *
 * @example
 * ```ts
 * hasScope(['pipeline:read'], 'pipeline:write'); // false
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export const hasScope = (granted: readonly Scope[], required: Scope): boolean =>
  granted.includes(required) || granted.includes(ADMIN_SCOPE);

/**
 * The required scopes that granted scopes do not satisfy (none when `admin:all` is granted).
 *
 * @example
 * ```ts
 * missingScopes(['pipeline:read'], ['pipeline:read', 'workflow:execute']); // ['workflow:execute']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function missingScopes(granted: readonly Scope[], required: readonly Scope[]): Scope[] {
  if (granted.includes(ADMIN_SCOPE)) {
    return [];
  }
  return required.filter((scope) => !granted.includes(scope));
}
