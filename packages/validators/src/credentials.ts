/**
 * The shape of an API key: `nc_`, then 43 base62 characters of key material and a 6-character base62
 * CRC32 checksum. Publish it so secret scanners can find leaked keys.
 */
export const API_KEY_PATTERN = /^nc_[0-9A-Za-z]{49}$/;

/** The shape of an OAuth client id: `app_` and 24 base62 characters. */
export const CLIENT_ID_PATTERN = /^app_[0-9A-Za-z]{24}$/;

/** The shape of an OAuth client secret: `ncs_` and 43 base62 characters. */
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
