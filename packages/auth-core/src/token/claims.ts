/**
 * The claims of an access token (RFC 9068 §2.2), plus `org_id`, the organization the client belongs to.
 *
 * @example
 * ```ts
 * const claims: AccessTokenClaims = result.value;
 * claims.client_id; // 'app_…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 */
export interface AccessTokenClaims {
  /** The issuer: the authorization server's identifier. */
  readonly iss: string;
  /** The subject: for client credentials, the `client_id` (RFC 9068 §2.2). */
  readonly sub: string;
  /** The audience: the resource server(s) the token is meant for. */
  readonly aud: string | readonly string[];
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Not before, seconds since the epoch; not set by {@link issueAccessToken} but honoured. */
  readonly nbf?: number;
  /** A unique token id (`tok_…`), the handle for revocation. */
  readonly jti: string;
  /** The OAuth app the token was issued to. */
  readonly client_id: string;
  /** The granted scopes, space-delimited (RFC 6749 §3.3). */
  readonly scope: string;
  /** The organization every request made with the token is scoped to. */
  readonly org_id: string;
}

/**
 * The `typ` header of an access token.
 *
 * @example
 * ```ts
 * header.typ === ACCESS_TOKEN_TYPE;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.1
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
