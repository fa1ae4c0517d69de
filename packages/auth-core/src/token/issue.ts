import type { Scope } from '@neuracraft/types';
import { encodeBase62 } from '../lib/base62.js';
import { randomBytes } from '../lib/crypto.js';
import { signCompact } from '../lib/jws.js';
import { formatScope } from '../scope/parse.js';
import { ACCESS_TOKEN_TYPE, type AccessTokenClaims } from './claims.js';
import type { KeySet } from './keys.js';

/**
 * Options of {@link issueAccessToken}.
 *
 * @example
 * ```ts
 * issueAccessToken({ keySet, issuer, audience, clientId, orgId, scopes, ttlSeconds: 3600 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2
 */
export interface IssueAccessTokenOptions {
  /** Signs with its `signingKey`. */
  readonly keySet: KeySet;
  /** `iss`: the authorization server's identifier, e.g. `https://api.neuracraft.com`. */
  readonly issuer: string;
  /** `aud`: the resource server the token is for. */
  readonly audience: string;
  /** `client_id`, and `sub` (RFC 9068 §2.2: the client itself for client credentials). */
  readonly clientId: string;
  /** `org_id`. */
  readonly orgId: string;
  /** The granted scopes, written as `scope`. */
  readonly scopes: readonly Scope[];
  /** Lifetime in seconds, an integer from 1 to 86400 (the app's token lifetime, 3600 by convention). */
  readonly ttlSeconds: number;
  /** The clock, in epoch ms. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * An issued access token.
 *
 * @example
 * ```ts
 * const { token, expiresIn }: IssuedAccessToken = await issueAccessToken(options);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export interface IssuedAccessToken {
  /** The JWT. */
  readonly token: string;
  readonly claims: AccessTokenClaims;
  /** Seconds until it expires, for `expires_in`. */
  readonly expiresIn: number;
}

/**
 * A fresh token id: `tok_` + 24 base62 characters (136 random bits).
 *
 * @example
 * ```ts
 * newTokenId(); // 'tok_…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7519#section-4.1.7
 */
export const newTokenId = (): string => `tok_${encodeBase62(randomBytes(17), 24)}`;

/**
 * Issues an RFC 9068 JWT access token signed with the key set's signing key: header `typ: at+jwt`, `alg`
 * and `kid`; claims `iss`, `sub` (= `client_id`), `aud`, `exp`, `iat`, a random `jti`, `client_id`,
 * `scope` and `org_id`. Throws a `TypeError`/`RangeError` on a key set that cannot sign or a bad lifetime.
 *
 * @example
 * ```ts
 * const { token, expiresIn } = await issueAccessToken({
 *   keySet, issuer: 'https://api.neuracraft.com', audience: 'https://api.neuracraft.com',
 *   clientId: client.id, orgId: client.orgId, scopes, ttlSeconds: client.tokenTtlSeconds,
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2
 */
export async function issueAccessToken(options: IssueAccessTokenOptions): Promise<IssuedAccessToken> {
  const { keySet, ttlSeconds } = options;
  const key = keySet.signingKey;
  if (key === null) {
    throw new TypeError('the key set holds no key that can sign');
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400) {
    throw new RangeError('ttlSeconds must be an integer from 1 to 86400');
  }
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: AccessTokenClaims = {
    iss: options.issuer,
    sub: options.clientId,
    aud: options.audience,
    exp: iat + ttlSeconds,
    iat,
    jti: newTokenId(),
    client_id: options.clientId,
    scope: formatScope(options.scopes),
    org_id: options.orgId,
  };
  const token = await signCompact(key, { alg: key.alg, typ: ACCESS_TOKEN_TYPE, kid: key.kid }, claims);
  return { token, claims, expiresIn: ttlSeconds };
}

/**
 * The body of a successful token response (RFC 6749 §5.1).
 *
 * @example
 * ```ts
 * const body: TokenResponseBody = await (await fetch(tokenUrl, init)).json();
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export interface TokenResponseBody {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

/**
 * The RFC 6749 §5.1 token response for an issued token: JSON body, `Cache-Control: no-store`, `Pragma: no-cache`.
 *
 * @example
 * ```ts
 * return toTokenResponse(await issueAccessToken(options));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function toTokenResponse(issued: IssuedAccessToken): Response {
  const body: TokenResponseBody = {
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope: issued.claims.scope,
  };
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  });
}
