/** One challenge of a `WWW-Authenticate` header: its scheme and auth-params. */
export interface Challenge {
  /** Lower-cased (`bearer`, `basic`). */
  readonly scheme: string;
  /** By lower-cased name, unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a `WWW-Authenticate` header value into its challenges (RFC 9110 §11.6.1): `Bearer
 * realm="x", error="invalid_token"` → `[{ scheme: 'bearer', params: { realm: 'x', error: 'invalid_token' } }]`.
 *
 * @example
 * ```ts
 * const [bearer] = parseChallenges(res.headers.get('www-authenticate') ?? '');
 * bearer?.params.error; // 'insufficient_scope'
 * bearer?.params.scope; // 'pipeline:write'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function parseChallenges(header: string): Challenge[] {
  const out: { scheme: string; params: Record<string, string> }[] = [];
  const re =
    /\s*(?:,\s*)?([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))?/gy;
  let match: RegExpExecArray | null = re.exec(header);
  while (match !== null && match[0] !== '') {
    const [, token, value] = match;
    if (value === undefined) {
      out.push({ scheme: token!.toLowerCase(), params: {} });
    } else if (out.length > 0) {
      out.at(-1)!.params[token!.toLowerCase()] = value.startsWith('"')
        ? value.slice(1, -1).replace(/\\(.)/g, '$1')
        : value;
    }
    match = re.exec(header);
  }
  return out;
}
