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

/** The project's one error body: `{ error, error_description, request_id, ...extras }`. */
export function problem(
  code: ErrorCode,
  description: string,
  requestId: string,
  extras: ProblemExtras = {},
  headers: Record<string, string> = {},
  status: number = STATUS[code],
): Response {
  return new Response(JSON.stringify({ error: code, error_description: description, request_id: requestId, ...extras }), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
  });
}

/** A JSON response with the request id attached. */
export function json(body: unknown, requestId: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
  });
}

/** An empty response with the request id attached. */
export const empty = (requestId: string, status = 204, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers: { 'x-request-id': requestId, ...headers } });
