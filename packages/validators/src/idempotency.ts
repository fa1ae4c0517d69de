const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Whether a value is a usable `Idempotency-Key` header value: 1–255 printable ASCII characters
 * (`0x20`–`0x7E`), such as a UUID.
 *
 * @example
 * ```ts
 * import { isIdempotencyKey } from '@neuracraft/validators';
 *
 * isIdempotencyKey('4f7c2b1e-8d3a-4c56-9e0f-1a2b3c4d5e6f'); // → true
 * isIdempotencyKey(''); // → false
 * isIdempotencyKey('clé'); // → false
 * ```
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}
