import { SCOPES, type Scope } from '@neuracraft/types';
import { issue, type Result } from './result.js';

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_SYNTAX = /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/;

const KNOWN: ReadonlySet<string> = new Set(SCOPES);

/** Options of {@link parseScopeString}. */
export interface ParseScopeOptions {
  /** The JSON pointer that issues name, e.g. `/body/scope`. Default: `''` (the value itself). */
  readonly path?: string;
}

/**
 * Reads an OAuth 2.0 `scope` parameter: scope tokens separated by single spaces (RFC 6749 §3.3), each
 * one a scope of the API. The result lists each scope once, in the order first given.
 *
 * @example
 * ```ts
 * import { parseScopeString } from '@neuracraft/validators';
 *
 * parseScopeString('pipeline:read workflow:execute');
 * // → { ok: true, value: ['pipeline:read', 'workflow:execute'] }
 * parseScopeString('pipeline:read  pipeline:delete', { path: '/body/scope' });
 * // → { ok: false, issues: [{ path: '/body/scope', message: 'body/scope: must be …' }] }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function parseScopeString(value: unknown, options: ParseScopeOptions = {}): Result<Scope[]> {
  const path = options.path ?? '';
  if (typeof value !== 'string' || !SCOPE_SYNTAX.test(value)) {
    return {
      ok: false,
      issues: [
        issue(
          path,
          'must be one or more scopes separated by single spaces, each of visible ASCII characters other than " and \\',
        ),
      ],
    };
  }
  const scopes: Scope[] = [];
  const unknown: string[] = [];
  for (const token of value.split(' ')) {
    if (!KNOWN.has(token)) {
      unknown.push(token);
    } else if (!scopes.includes(token as Scope)) {
      scopes.push(token as Scope);
    }
  }
  if (unknown.length > 0) {
    const names = unknown.map((s) => JSON.stringify(s)).join(', ');
    return {
      ok: false,
      issues: [issue(path, `unknown scope ${names}; the scopes are ${SCOPES.join(', ')}`)],
    };
  }
  return { ok: true, value: scopes };
}

/**
 * Whether a value is a valid OAuth 2.0 `scope` parameter naming only scopes of the API.
 *
 * @example
 * ```ts
 * import { isScopeString } from '@neuracraft/validators';
 *
 * isScopeString('pipeline:read workflow:execute'); // → true
 * isScopeString('pipeline:read,workflow:execute'); // → false (comma-separated)
 * isScopeString('pipeline:delete'); // → false (no such scope)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function isScopeString(value: unknown): value is string {
  return parseScopeString(value).ok;
}
