/**
 * The largest request body, in bytes, that the API accepts: 1 MiB, as the spec's `413` response says.
 * A server should refuse a longer body with `413 payload_too_large` before reading or parsing it.
 *
 * @example
 * ```ts
 * import { MAX_BODY_BYTES } from '@neuracraft/validators';
 *
 * const length = Number(request.headers.get('content-length') ?? 0);
 * if (length > MAX_BODY_BYTES) {
 *   return new Response(null, { status: 413 });
 * }
 * ```
 */
export const MAX_BODY_BYTES = 1024 * 1024;
