import { CHECKSUM_START } from './format.js';

/**
 * A non-secret hint to show in key listings: `nc_` + the first 4 and last 4 of the 43 random characters,
 * e.g. `nc_Ab3d…x9Yz`. It reveals about 48 of 256 random bits and none of the checksum.
 *
 * @example
 * ```ts
 * apiKeyHint(key); // 'nc_Ab3d…x9Yz'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.3
 */
export function apiKeyHint(key: string): string {
  return `nc_${key.slice(3, 7)}…${key.slice(CHECKSUM_START - 4, CHECKSUM_START)}`;
}
