/**
 * The shape of an API key: `nc_`, then 43 base62 characters of key material and a 6-character base62
 * CRC32 checksum. Publish it so secret scanners can find leaked keys.
 *
 * @example
 * ```ts
 * import { API_KEY_PATTERN } from '@neuracraft/validators';
 *
 * const leaked = logLine.match(new RegExp(API_KEY_PATTERN.source.slice(1, -1), 'g'));
 * ```
 */
export const API_KEY_PATTERN = /^nc_[0-9A-Za-z]{49}$/;

/**
 * The shape of an OAuth client id: `app_` and 24 base62 characters.
 *
 * @example
 * ```ts
 * CLIENT_ID_PATTERN.test('app_7Hq2LmX9pR4tVz1KcB8nW3yD'); // → true
 * ```
 */
export const CLIENT_ID_PATTERN = /^app_[0-9A-Za-z]{24}$/;

/**
 * The shape of an OAuth client secret: `ncs_` and 43 base62 characters.
 *
 * @example
 * ```ts
 * CLIENT_SECRET_PATTERN.test('ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4XP'); // → true
 * ```
 */
export const CLIENT_SECRET_PATTERN = /^ncs_[0-9A-Za-z]{43}$/;

/**
 * Whether a value has the shape of an API key ({@link API_KEY_PATTERN}). Only the shape is checked:
 * the checksum and the key itself are verified by `@neuracraft/auth-core`.
 *
 * @example
 * ```ts
 * import { isApiKeyShape } from '@neuracraft/validators';
 *
 * isApiKeyShape('nc_' + 'A'.repeat(49)); // → true
 * isApiKeyShape('your_api_key_here'); // → false
 * ```
 */
export function isApiKeyShape(value: unknown): value is string {
  return typeof value === 'string' && API_KEY_PATTERN.test(value);
}

/**
 * Whether a value has the shape of an OAuth client id ({@link CLIENT_ID_PATTERN}).
 *
 * @example
 * ```ts
 * import { isClientIdShape } from '@neuracraft/validators';
 *
 * isClientIdShape('app_0123456789abcdefABCDEFGH'); // → true
 * isClientIdShape('your_client_id'); // → false
 * ```
 */
export function isClientIdShape(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_ID_PATTERN.test(value);
}

/**
 * Whether a value has the shape of an OAuth client secret ({@link CLIENT_SECRET_PATTERN}).
 *
 * @example
 * ```ts
 * import { isClientSecretShape } from '@neuracraft/validators';
 *
 * isClientSecretShape('ncs_' + 'x'.repeat(43)); // → true
 * ```
 */
export function isClientSecretShape(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_SECRET_PATTERN.test(value);
}
