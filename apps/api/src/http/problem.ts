import type { AuthError } from '@neuracraft/auth-core';
import type { ErrorCode, Scope } from '@neuracraft/types';

/** The HTTP status each error code is answered with; one table for the whole server. */
export const STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  authentication_required: 401,
  invalid_api_key: 401,
  invalid_token: 401,
  invalid_session: 401,
  invalid_credentials: 401,
  insufficient_scope: 403,
  csrf_token_invalid: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_scope: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_token_type: 400,
  server_error: 500,
};

/** Named extras an error body may carry beside the three fields every one has. */
export interface ProblemExtras {
  readonly required_scopes?: readonly Scope[];
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/**
 * Whom a response answers: a request id, or a request's context with the headers every response to it
 * carries (`X-Request-Id`, `RateLimit`). Headers are given when a response is made and never set on it
 * afterwards, which keeps the Node adapter on its fast path.
 */
export type Origin =
  | string
  | { readonly requestId: string; readonly headers: Readonly<Record<string, string>> };

const baseHeaders = (origin: Origin): Record<string, string> =>
  typeof origin === 'string' ? { 'x-request-id': origin } : (origin.headers as Record<string, string>);
const requestIdOf = (origin: Origin): string => (typeof origin === 'string' ? origin : origin.requestId);

/** A JSON response with the request's headers attached. */
export function json(
  body: unknown,
  origin: Origin,
  status = 200,
  headers?: Record<string, string>,
): Response {
  return jsonText(JSON.stringify(body), origin, status, headers);
}

/** {@link json} of a body serialized already. */
export function jsonText(
  text: string,
  origin: Origin,
  status = 200,
  headers?: Record<string, string>,
): Response {
  // Spreading the request's headers first copies them in one step; the rest are added after.
  const all: Record<string, string> = { ...baseHeaders(origin), 'content-type': 'application/json' };
  if (headers !== undefined) {
    Object.assign(all, headers);
  }
  return new Response(text, { status, headers: all });
}

/** An empty response with the request's headers attached. */
export const empty = (origin: Origin, status = 204, headers?: Record<string, string>): Response =>
  new Response(null, { status, headers: { ...baseHeaders(origin), ...headers } });

/** The project's one error body: `{ error, error_description, request_id, ...extras }`. */
export function problem(
  code: ErrorCode,
  description: string,
  origin: Origin,
  extras: ProblemExtras = {},
  headers?: Record<string, string>,
): Response {
  return json(
    { error: code, error_description: description, request_id: requestIdOf(origin), ...extras },
    origin,
    STATUS[code],
    headers,
  );
}

/** An authentication or authorization denial in the same format, with its `WWW-Authenticate` challenge. */
export function denial(error: AuthError, origin: Origin, headers?: Record<string, string>): Response {
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.headers())) {
    own[name.toLowerCase()] = value;
  }
  return json(error.toBody(requestIdOf(origin)), origin, error.status, { ...own, ...headers });
}
