import type { ErrorCode, Scope } from '@neuracraft/types';

/**
 * The realm named in every `WWW-Authenticate` challenge.
 *
 * @example
 * ```ts
 * `Bearer realm="${REALM}"`;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export const REALM = 'neuracraft';

/**
 * Which `WWW-Authenticate` challenge an error carries.
 *
 * - `bearer` — RFC 6750 §3: `Bearer realm="neuracraft"`, plus `error`, `error_description` (and `scope`)
 *   for the RFC 6750 §3.1 codes `invalid_request`, `invalid_token` and `insufficient_scope`.
 * - `basic` — `Basic realm="neuracraft"`, for `invalid_client` after `client_secret_basic` (RFC 6749 §5.2).
 * - `null` — no challenge.
 *
 * @example
 * ```ts
 * new AuthError('invalid_client', { challenge: 'basic' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export type Challenge = 'bearer' | 'basic' | null;

// The codes RFC 6750 §3.1 defines for the `error` attribute of a Bearer challenge.
const BEARER_ERRORS: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
]);

/**
 * One row of {@link AUTH_ERRORS}.
 *
 * @example
 * ```ts
 * const { status, description }: AuthErrorSpec = AUTH_ERRORS.invalid_token;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export interface AuthErrorSpec {
  /** The HTTP status of a response carrying this error. */
  readonly status: 400 | 401 | 403;
  /** The `error_description` sent when none more precise is given. */
  readonly description: string;
  /** The challenge sent when none is chosen explicitly. */
  readonly challenge: Challenge;
}

/**
 * Every error code this package can return (each one a code of the spec's error body), with its HTTP status, default description and challenge.
 * Nothing else in the package maps codes to statuses or headers.
 *
 * @example
 * ```ts
 * AUTH_ERRORS.invalid_client.status; // 401
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export const AUTH_ERRORS = {
  invalid_request: { status: 400, description: 'The request is malformed.', challenge: null },
  authentication_required: {
    status: 401,
    description: 'Send an API key in X-API-Key or a bearer token in Authorization.',
    challenge: 'bearer',
  },
  invalid_api_key: {
    status: 401,
    description: 'The API key is invalid, revoked or expired.',
    challenge: 'bearer',
  },
  invalid_token: {
    status: 401,
    description: 'The access token is invalid, revoked or expired.',
    challenge: 'bearer',
  },
  invalid_session: {
    status: 401,
    description: 'The session has expired. Sign in again.',
    challenge: 'bearer',
  },
  insufficient_scope: {
    status: 403,
    description: 'The credential lacks the scopes this operation requires.',
    challenge: null,
  },
  invalid_client: { status: 401, description: 'Client authentication failed.', challenge: null },
  invalid_grant: {
    status: 400,
    description: 'The authorization grant is invalid, expired or revoked.',
    challenge: null,
  },
  invalid_scope: {
    status: 400,
    description: 'The requested scope is invalid, unknown or malformed.',
    challenge: null,
  },
  unauthorized_client: {
    status: 400,
    description: 'The client is not authorized to use this grant type.',
    challenge: null,
  },
  unsupported_grant_type: {
    status: 400,
    description: 'The grant type is not supported. Use grant_type=client_credentials.',
    challenge: null,
  },
  unsupported_token_type: {
    status: 400,
    description: 'The token type is not supported.',
    challenge: null,
  },
} as const satisfies { readonly [C in ErrorCode]?: AuthErrorSpec };

/**
 * A code an {@link AuthError} can carry; every one is also a code of the API's error body.
 *
 * @example
 * ```ts
 * const code: AuthErrorCode = 'invalid_api_key';
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export type AuthErrorCode = keyof typeof AUTH_ERRORS;

/**
 * Options of the {@link AuthError} constructor.
 *
 * @example
 * ```ts
 * new AuthError('invalid_token', { description: 'The access token expired.', reason: 'expired' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export interface AuthErrorOptions {
  /** The `error_description`. Default: the code's description in {@link AUTH_ERRORS}. Never put a secret here. */
  readonly description?: string;
  /** The scopes the operation needs, for `insufficient_scope`. Default: none. */
  readonly requiredScopes?: readonly Scope[];
  /** The challenge to send. Default: the code's challenge in {@link AUTH_ERRORS}. */
  readonly challenge?: Challenge;
  /**
   * Why, for logs and metrics only; never sent to the client (e.g. `revoked`, `bad_checksum`).
   * Default: the code.
   */
  readonly reason?: string;
  /** The underlying fault, if any. */
  readonly cause?: unknown;
}

/**
 * The body of an error response: `{ error, error_description, request_id, required_scopes? }`.
 *
 * @example
 * ```ts
 * const body: AuthErrorBody = error.toBody(requestId);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export interface AuthErrorBody {
  readonly error: AuthErrorCode;
  readonly error_description: string;
  readonly request_id: string;
  readonly required_scopes?: readonly Scope[];
}

// RFC 6750 §3: error_description and scope values are limited to %x20-21 / %x23-5B / %x5D-7E.
const unsafeInQuotedString = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;
const quote = (value: string): string => `"${value.replace(unsafeInQuotedString, '')}"`;

/**
 * An expected authentication or authorization denial: a code from {@link AUTH_ERRORS} with the HTTP
 * status, body and headers to answer it with. Returned inside a {@link Result}, not thrown.
 *
 * @example
 * ```ts
 * const error = new AuthError('insufficient_scope', { requiredScopes: ['pipeline:write'], challenge: 'bearer' });
 * error.status; // 403
 * error.headers()['WWW-Authenticate']; // 'Bearer realm="neuracraft", error="insufficient_scope", …'
 * return error.toResponse(requestId);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  /** The RFC / API error code, sent as `error`. */
  readonly code: AuthErrorCode;
  /** The HTTP status to answer with. */
  readonly status: 400 | 401 | 403;
  /** The text sent as `error_description`. */
  readonly description: string;
  /** The scopes the operation needs, for `insufficient_scope`. */
  readonly requiredScopes: readonly Scope[] | undefined;
  /** The `WWW-Authenticate` challenge to send. */
  readonly challenge: Challenge;
  /** Why, for logs and metrics only. */
  readonly reason: string;

  constructor(code: AuthErrorCode, options: AuthErrorOptions = {}) {
    const spec: AuthErrorSpec = AUTH_ERRORS[code];
    const description = options.description ?? spec.description;
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = spec.status;
    this.description = description;
    this.requiredScopes = options.requiredScopes;
    this.challenge = options.challenge === undefined ? spec.challenge : options.challenge;
    this.reason = options.reason ?? code;
  }

  /**
   * The response headers: `WWW-Authenticate` when the error has a challenge, and always
   * `Cache-Control: no-store` (RFC 6749 §5.2).
   *
   * @example
   * ```ts
   * new AuthError('authentication_required').headers();
   * // { 'WWW-Authenticate': 'Bearer realm="neuracraft"', 'Cache-Control': 'no-store' }
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
   */
  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    const challenge = this.wwwAuthenticate();
    if (challenge !== null) {
      headers['WWW-Authenticate'] = challenge;
    }
    headers['Cache-Control'] = 'no-store';
    return headers;
  }

  /**
   * The JSON body of the error response.
   *
   * @example
   * ```ts
   * new AuthError('invalid_api_key').toBody('req_1');
   * // { error: 'invalid_api_key', error_description: '…', request_id: 'req_1' }
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
   */
  toBody(requestId: string): AuthErrorBody {
    const body: { -readonly [K in keyof AuthErrorBody]: AuthErrorBody[K] } = {
      error: this.code,
      error_description: this.description,
      request_id: requestId,
    };
    if (this.requiredScopes !== undefined) {
      body.required_scopes = this.requiredScopes;
    }
    return body;
  }

  /**
   * A Web `Response` with the status, headers and JSON body of this error.
   *
   * @example
   * ```ts
   * if (!result.ok) return result.error.toResponse(requestId);
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
   */
  toResponse(requestId: string): Response {
    return new Response(JSON.stringify(this.toBody(requestId)), {
      status: this.status,
      headers: { ...this.headers(), 'Content-Type': 'application/json' },
    });
  }

  private wwwAuthenticate(): string | null {
    switch (this.challenge) {
      case 'basic':
        return `Basic realm="${REALM}"`;
      case 'bearer': {
        // RFC 6750 §3.1: no error code for a request without a bearer token (or with another credential).
        if (!BEARER_ERRORS.has(this.code)) {
          return `Bearer realm="${REALM}"`;
        }
        let value = `Bearer realm="${REALM}", error="${this.code}", error_description=${quote(this.description)}`;
        if (this.requiredScopes !== undefined && this.requiredScopes.length > 0) {
          value += `, scope=${quote(this.requiredScopes.join(' '))}`;
        }
        return value;
      }
      default:
        return null;
    }
  }
}

/**
 * The outcome of an operation that can be denied: the value, or the {@link AuthError} to answer with.
 * Expected denials are returned this way, never thrown; only faults (bad configuration, a failing store) throw.
 *
 * @example
 * ```ts
 * const result = await verifier.verify(key);
 * if (!result.ok) return result.error.toResponse(requestId);
 * use(result.value);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export type Result<T, E = AuthError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/**
 * Wraps a value as a successful {@link Result}.
 *
 * @example
 * ```ts
 * return ok(principal);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

/**
 * Wraps an error as a failed {@link Result}; a code builds the {@link AuthError} on the spot.
 *
 * @example
 * ```ts
 * return fail('invalid_api_key', { reason: 'revoked' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function fail(
  error: AuthError | AuthErrorCode,
  options?: AuthErrorOptions,
): { readonly ok: false; readonly error: AuthError } {
  return { ok: false, error: typeof error === 'string' ? new AuthError(error, options) : error };
}
