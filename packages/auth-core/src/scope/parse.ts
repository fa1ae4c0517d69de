import { SCOPES, type Scope } from '@neuracraft/types';
import { fail, ok, type Result } from '../errors.js';

const KNOWN: ReadonlySet<string> = new Set(SCOPES);

/**
 * RFC 6749 §3.3: `scope = scope-token *( SP scope-token )`, `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )` —
 * tokens separated by single spaces, no leading or trailing space.
 *
 * @example
 * ```ts
 * SCOPE_SYNTAX.test('pipeline:read workflow:execute'); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export const SCOPE_SYNTAX: RegExp = /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/;

/**
 * Whether a string is a scope the API defines (`SCOPES` of `@neuracraft/types`).
 *
 * @example
 * ```ts
 * isScope('pipeline:read'); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export const isScope = (value: string): value is Scope => KNOWN.has(value);

/**
 * Parses a `scope` parameter: RFC 6749 §3.3 syntax, then every token must be a known scope. Order and
 * duplicates carry no meaning, so the result is deduplicated in the order of `SCOPES`. A malformed or
 * unknown scope is `invalid_scope` (RFC 6749 §5.2).
 *
 * @example
 * ```ts
 * parseScope('workflow:execute pipeline:read'); // { ok: true, value: ['pipeline:read', 'workflow:execute'] }
 * parseScope('pipeline:delete'); // { ok: false, error: AuthError('invalid_scope') }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function parseScope(value: string): Result<readonly Scope[]> {
  if (!SCOPE_SYNTAX.test(value)) {
    return fail('invalid_scope', {
      description: 'The scope parameter is malformed: space-separated scope names (RFC 6749 §3.3).',
      reason: 'malformed_scope',
    });
  }
  const tokens = new Set(value.split(' '));
  for (const token of tokens) {
    if (!KNOWN.has(token)) {
      return fail('invalid_scope', {
        description: `Unknown scope. Known scopes: ${SCOPES.join(', ')}.`,
        reason: 'unknown_scope',
      });
    }
  }
  return ok(SCOPES.filter((scope) => tokens.has(scope)));
}

/**
 * Joins scopes into the space-delimited form of a `scope` parameter or claim.
 *
 * @example
 * ```ts
 * formatScope(['pipeline:read', 'workflow:execute']); // 'pipeline:read workflow:execute'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export const formatScope = (scopes: readonly Scope[]): string => scopes.join(' ');
