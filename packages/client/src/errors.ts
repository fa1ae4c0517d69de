import type { components, ErrorCode, Scope } from '@neuracraft/types';

/**
 * The one error body of the API (`components.schemas.Error`).
 *
 * @example
 * ```ts
 * const body: ErrorBody = { error: 'invalid_token', error_description: 'The access token expired.', request_id: 'req_…' };
 * ```
 */
export type ErrorBody = components['schemas']['Error'];

/**
 * One problem found by input validation (`issues` of a 400 `invalid_request`).
 *
 * @example
 * ```ts
 * const issue: ErrorIssue = { path: '/steps/0/uses', message: 'must match pattern' };
 * ```
 */
export type ErrorIssue = NonNullable<ErrorBody['issues']>[number];

// A body that is not the API's (a proxy's HTML page, an empty 502) still gets a code from the spec's enum.
const codeFor = (status: number): ErrorCode =>
  status >= 500
    ? 'server_error'
    : status === 429
      ? 'rate_limited'
      : status === 404
        ? 'not_found'
        : status === 401
          ? 'authentication_required'
          : 'invalid_request';

/**
 * An error answered by the NeuraCraft API (or its token endpoint), with the `code` to branch on.
 *
 * Every error body of the API has the same shape — `{ error, error_description, request_id }`, in the
 * OAuth style — and this class gives it names: `code` is one of the spec's `ErrorCode`s
 * (`invalid_api_key`, `invalid_token`, `insufficient_scope`, `invalid_client`, …). Branch on `code`,
 * never on `description`, which is meant for humans and may change.
 *
 * By default the client returns it as `error` of `{ data, error }`; with `throwOnError: true` it is thrown.
 *
 * @example
 * ```ts
 * const { data, error } = await client.POST('/v1/pipelines', { body: { name: 'Nightly sync' } });
 * if (error?.code === 'insufficient_scope') {
 *   console.log(`ask for one of: ${error.requiredScopes?.join(', ')}`); // ['pipeline:write']
 * }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (the error body it follows)
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 (`invalid_token`, `insufficient_scope`)
 */
export class NeuraCraftError extends Error {
  override readonly name = 'NeuraCraftError';
  /** HTTP status of the response, e.g. `401`. */
  readonly status: number;
  /** Machine-readable code from the spec's `ErrorCode` enum, e.g. `'invalid_api_key'`. */
  readonly code: ErrorCode;
  /** Human-readable explanation (`error_description`); may change, do not parse it. */
  readonly description: string;
  /** On `insufficient_scope`: the scopes the operation accepts, any one of which suffices. */
  readonly requiredScopes: readonly Scope[] | undefined;
  /** Id of the request in the server's logs (`request_id`, also the `X-Request-Id` header). */
  readonly requestId: string | undefined;
  /** On `invalid_request` from input validation: each problem found, with a JSON Pointer to it. */
  readonly issues: readonly ErrorIssue[] | undefined;
  /** The response it was read from. Its body has been read already. */
  readonly response: Response | undefined;

  /**
   * @param status HTTP status of the response.
   * @param body The parsed response body; anything that is not an API error body gets a code from the status.
   * @param response The response, kept for its headers.
   */
  constructor(status: number, body?: unknown, response?: Response) {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<ErrorBody>;
    // Not checked against ERROR_CODES at run time: that would put the spec's tables in every bundle.
    const code = typeof b.error === 'string' && b.error ? b.error : codeFor(status);
    const description = typeof b.error_description === 'string' ? b.error_description : `HTTP ${status}`;
    super(`${code}: ${description}`);
    this.status = status;
    this.code = code;
    this.description = description;
    this.requiredScopes = b.required_scopes;
    this.requestId = b.request_id ?? response?.headers.get('x-request-id') ?? undefined;
    this.issues = b.issues;
    this.response = response;
  }
}

/**
 * Whether `value` is a {@link NeuraCraftError} — and, given a `code`, one with that code.
 *
 * Works across copies of this package (duplicated in a bundle, or from another realm), where
 * `instanceof` would not.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET('/v1/pipelines');
 * } catch (e) {
 *   if (isNeuraCraftError(e, 'invalid_api_key')) {
 *     // e.code is 'invalid_api_key', e.status is 401
 *   }
 * }
 * ```
 */
export function isNeuraCraftError<C extends ErrorCode = ErrorCode>(
  value: unknown,
  code?: C,
): value is NeuraCraftError & { readonly code: C } {
  return (
    (value instanceof NeuraCraftError ||
      (value instanceof Error &&
        value.name === 'NeuraCraftError' &&
        typeof (value as { code?: unknown }).code === 'string')) &&
    (code === undefined || (value as NeuraCraftError).code === code)
  );
}
