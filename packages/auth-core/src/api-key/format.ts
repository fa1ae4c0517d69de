/**
 * The prefix of every API key; it makes leaked keys findable by secret scanners.
 *
 * @example
 * ```ts
 * key.startsWith(API_KEY_PREFIX); // 'nc_'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const API_KEY_PREFIX = 'nc_';

/**
 * The length of an API key: `nc_` (3) + 43 random base62 characters + 6 checksum characters = 52.
 *
 * @example
 * ```ts
 * key.length === API_KEY_LENGTH; // 52
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const API_KEY_LENGTH = 52;

/**
 * Where the random part ends and the CRC32 checksum starts.
 *
 * @example
 * ```ts
 * key.slice(CHECKSUM_START); // the 6 checksum characters
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const CHECKSUM_START = API_KEY_LENGTH - 6;
