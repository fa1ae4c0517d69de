import type { ApiKeyVerifier } from './api-key/verify.js';
import { AuthError, fail, ok, type Result } from './errors.js';
import { type HeadersInput, readHeader } from './lib/headers.js';
import type { MaybePromise } from './lib/maybe-promise.js';
import type { Principal } from './principal.js';
import { evaluateSecurity, type SecurityRequirements, satisfiesSecurity } from './scope/evaluate.js';
import type { AccessTokenClaims } from './token/claims.js';
import { accessTokenPrincipal, type TokenVerifier } from './token/verify.js';

export type { HeadersInput };

/**
 * Options of {@link createAuthenticator}.
 *
 * @example
 * ```ts
 * createAuthenticator({ apiKeys: createApiKeyVerifier({ store, pepper }), tokens: createTokenVerifier({ keySet, issuer, audience }) });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2
 */
export interface AuthenticatorOptions {
  /** Verifies `X-API-Key` ({@link createApiKeyVerifier}). */
  readonly apiKeys: ApiKeyVerifier;
  /** Verifies `Authorization: Bearer` tokens ({@link createTokenVerifier}). */
  readonly tokens: TokenVerifier;
}

/**
 * Authenticates requests by their headers and authorizes principals for operations.
 *
 * @example
 * ```ts
 * const who = await authenticator.authenticate(request.headers);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2
 */
export interface Authenticator {
  /**
   * The principal of a request carrying exactly one credential: `X-API-Key` or `Authorization: Bearer`.
   * Both → `invalid_request` (400); none → `authentication_required` (401, `WWW-Authenticate: Bearer
   * realm="neuracraft"`); a malformed `Authorization` → `invalid_request` (400); a bad key →
   * `invalid_api_key` (401); a bad token → `invalid_token` (401, RFC 6750 challenge).
   *
   * Pass the `connection` the request came on (Node's `request.socket`) and a credential that the
   * connection presented before is not hashed again; it is still looked up and checked in full.
   *
   * @example
   * ```ts
   * const who = await authenticator.authenticate(request.headers, request.socket);
   * ```
   */
  authenticate(headers: HeadersInput, connection?: object): Promise<Result<Principal>>;
  /**
   * {@link Authenticator.authenticate} without the promise when the stores answer at once (a warm
   * cache): a `Result`, or a promise of one when a store answers asynchronously. For servers that count
   * every microtask; a failing store throws here instead of rejecting.
   *
   * @example
   * ```ts
   * const checked = authenticator.check(request.headers, request.socket);
   * const who = checked instanceof Promise ? await checked : checked;
   * ```
   */
  check(headers: HeadersInput, connection?: object): MaybePromise<Result<Principal>>;
  /** {@link authorize}, for convenience. */
  authorize(principal: Principal, operation: { readonly security: SecurityRequirements }): Result<Principal>;
}

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive.
const BEARER_SCHEME = /^bearer +/i;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

// The token after the scheme, or null when the scheme is not Bearer. The b64token syntax is checked only
// when verification fails (a valid JWT always satisfies it), to keep the regex off the hot path.
function bearerToken(authorization: string): string | null {
  const scheme = authorization.startsWith('Bearer ')
    ? 'Bearer '.length
    : (BEARER_SCHEME.exec(authorization)?.[0].length ?? 0);
  if (scheme === 0) {
    return null;
  }
  let start = scheme;
  while (authorization.charCodeAt(start) === 32) {
    start++;
  }
  let end = authorization.length;
  while (end > start && authorization.charCodeAt(end - 1) === 32) {
    end--;
  }
  return authorization.slice(start, end);
}

const MALFORMED_AUTHORIZATION = {
  description: 'The Authorization header must be "Bearer <token>".',
  challenge: 'bearer',
  reason: 'malformed_authorization',
} as const;

const ONE_CREDENTIAL = 'Send exactly one credential: X-API-Key, a bearer token or a session.';

// One frozen answer per verified claims object: a cached token allocates nothing here.
const tokenResults = new WeakMap<AccessTokenClaims, Result<Principal>>();

function fromToken(token: string, result: Result<AccessTokenClaims>): Result<Principal> {
  if (result.ok) {
    let answer = tokenResults.get(result.value);
    if (answer === undefined) {
      answer = Object.freeze(ok(accessTokenPrincipal(result.value)));
      tokenResults.set(result.value, answer);
    }
    return answer;
  }
  return B64TOKEN.test(token) ? result : fail('invalid_request', MALFORMED_AUTHORIZATION);
}

/**
 * Creates the authenticator a server runs on every request: one call from headers to principal.
 * Expected denials come back as values; only a failing store or hook rejects.
 *
 * @example
 * ```ts
 * const auth = createAuthenticator({ apiKeys: createApiKeyVerifier({ store, pepper }), tokens: createTokenVerifier({ keySet, issuer, audience }) });
 * const who = await auth.authenticate(request.headers);
 * if (!who.ok) return who.error.toResponse(requestId);
 * const allowed = auth.authorize(who.value, OPERATIONS.listPipelines);
 * if (!allowed.ok) return allowed.error.toResponse(requestId); // 403 insufficient_scope
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { apiKeys, tokens } = options;

  const run = (headers: HeadersInput, connection?: object): MaybePromise<Result<Principal>> => {
    const apiKey = readHeader(headers, 'x-api-key');
    const authorization = readHeader(headers, 'authorization');
    if (
      (apiKey !== undefined && authorization !== undefined) ||
      typeof apiKey === 'object' ||
      typeof authorization === 'object'
    ) {
      return fail('invalid_request', { description: ONE_CREDENTIAL, reason: 'multiple_credentials' });
    }
    if (apiKey !== undefined) {
      return apiKeys.verify(apiKey, connection);
    }
    if (authorization === undefined) {
      return fail('authentication_required');
    }
    const token = bearerToken(authorization);
    if (token === null || token === '') {
      return fail('invalid_request', MALFORMED_AUTHORIZATION);
    }
    const verified = tokens.verify(token, connection);
    return verified instanceof Promise
      ? verified.then((r) => fromToken(token, r))
      : fromToken(token, verified);
  };

  return {
    authenticate(headers, connection) {
      // A store or hook that throws is a fault: it rejects the promise instead of escaping synchronously.
      try {
        const result = run(headers, connection);
        return result instanceof Promise ? result : Promise.resolve(result);
      } catch (fault) {
        return Promise.reject(fault);
      }
    },
    check: run,
    authorize,
  };
}

/**
 * Authorizes a principal for an operation of the generated table (`OPERATIONS` of `@neuracraft/types`):
 * the principal itself when one alternative of its scheme is satisfied, else `insufficient_scope` (403)
 * whose `requiredScopes` lists the scopes the operation accepts (any one suffices, `admin:all` always),
 * with an RFC 6750 §3.1 challenge for bearer tokens.
 *
 * @example
 * ```ts
 * const allowed = authorize(principal, OPERATIONS.createPipeline);
 * if (!allowed.ok) return allowed.error.toResponse(requestId);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function authorize(
  principal: Principal,
  operation: { readonly security: SecurityRequirements },
): Result<Principal> {
  if (satisfiesSecurity(operation.security, principal)) {
    return ok(principal);
  }
  const evaluation = evaluateSecurity(operation.security, principal);
  if (evaluation.ok) {
    return ok(principal);
  }
  const { accepted } = evaluation;
  return {
    ok: false,
    error: new AuthError('insufficient_scope', {
      description:
        accepted.length === 0
          ? 'This operation does not accept this kind of credential.'
          : `This operation requires the scope ${accepted.join(' or ')}.`,
      requiredScopes: accepted.length === 0 ? undefined : accepted,
      challenge: principal.kind === 'access_token' ? 'bearer' : null,
      reason: accepted.length === 0 ? 'scheme_not_accepted' : 'missing_scope',
    }),
  };
}
