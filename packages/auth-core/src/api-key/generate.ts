import { encodeBase62, encodeUint32Base62 } from '../lib/base62.js';
import { crc32Ascii } from '../lib/crc32.js';
import { randomBytes } from '../lib/crypto.js';
import { API_KEY_PREFIX } from './format.js';

/**
 * Generates a new API key: `nc_` + 32 random bytes as 43 fixed-width base62 characters + the CRC32 of the
 * 46 preceding characters (prefix included) as 6 fixed-width base62 characters — 52 characters in all.
 * Show it once; store only {@link hashApiKey}'s output and {@link apiKeyHint}'s.
 *
 * @example
 * ```ts
 * const key = generateApiKey(); // 'nc_4f0Xk…' (52 characters)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4086#section-3
 */
export function generateApiKey(): string {
  const head = API_KEY_PREFIX + encodeBase62(randomBytes(32), 43);
  return head + encodeUint32Base62(crc32Ascii(head));
}
