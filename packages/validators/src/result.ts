/**
 * One thing wrong with an input.
 *
 * `path` is a JSON pointer (RFC 6901) into the input, e.g. `/body/name` or `/query/limit`; `message`
 * names the place and says what it must be, e.g. `body/name: must be a string of 1–200 characters`.
 * Messages never repeat a value that was sent (only member names and, for scopes, unknown scope
 * names), so they are safe to return to a client and to log.
 *
 * @example
 * ```ts
 * const issue: Issue = { path: '/query/limit', message: 'query/limit: must be an integer from 1 to 100' };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * The outcome of a validation: the checked (and coerced) value, or what is wrong with the input.
 * An expected refusal is a value, never an exception.
 *
 * @example
 * ```ts
 * const result: Result<Scope[]> = parseScopeString(form.scope);
 * if (!result.ok) {
 *   return c.json({ error: 'invalid_scope', error_description: result.issues[0].message }, 400);
 * }
 * ```
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Joins JSON pointer segments, escaping `~` and `/` as RFC 6901 §3 requires. */
export function pointer(base: string, ...segments: readonly (string | number)[]): string {
  let out = base;
  for (const segment of segments) {
    out += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return out;
}

/** Formats an issue: the pointer without its leading slash, then what is expected there. */
export function issue(path: string, expectation: string): Issue {
  const where = path === '' ? '(root)' : path.slice(1);
  return { path, message: `${where}: ${expectation}` };
}
