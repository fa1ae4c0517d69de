import { fail, ok, type Result } from '../errors.js';
import { base62Digit } from '../lib/base62.js';
import { CRC32_TABLE, crc32Step } from '../lib/crc32.js';
import { API_KEY_LENGTH, API_KEY_PREFIX, CHECKSUM_START } from './format.js';

export { API_KEY_LENGTH, API_KEY_PREFIX };

/**
 * The exact format of an API key, anchored: `nc_` and 49 base62 characters (43 random + 6 checksum).
 *
 * @example
 * ```ts
 * API_KEY_PATTERN.test(key);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const API_KEY_PATTERN: RegExp = /^nc_[0-9A-Za-z]{49}$/;

/**
 * The regex a secret scanner uses to find API keys in text: whole words only, global. Use it with
 * `String.prototype.matchAll` or `replace`, which do not share its `lastIndex`.
 *
 * @example
 * ```ts
 * const leaked = [...text.matchAll(API_KEY_SCANNER)].map((m) => m[0]).filter(isApiKey);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const API_KEY_SCANNER: RegExp = /\bnc_[0-9A-Za-z]{49}\b/g;

/**
 * Why a string is not an API key.
 *
 * @example
 * ```ts
 * const problem: ApiKeyFormatError | null = checkApiKey(value);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export type ApiKeyFormatError = 'malformed' | 'bad_checksum';

// CRC-32 state after the prefix `nc_`, so the hot loop starts at the random part.
const PREFIX_CRC = crc32Step(-1, API_KEY_PREFIX, 0, API_KEY_PREFIX.length);

/**
 * Checks prefix, length, alphabet and checksum in one pass without allocating; `null` when the key is
 * well formed. On the hot path of every request, hence written out by hand.
 *
 * @example
 * ```ts
 * checkApiKey('nc_short'); // 'malformed'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function checkApiKey(value: string): ApiKeyFormatError | null {
  if (typeof value !== 'string' || value.length !== API_KEY_LENGTH || !value.startsWith(API_KEY_PREFIX)) {
    return 'malformed';
  }
  let crc = PREFIX_CRC;
  for (let i = API_KEY_PREFIX.length; i < CHECKSUM_START; i++) {
    const c = value.charCodeAt(i);
    if (base62Digit(c) < 0) {
      return 'malformed';
    }
    crc = CRC32_TABLE[(crc ^ c) & 0xff]! ^ (crc >>> 8);
  }
  let checksum = 0;
  for (let i = CHECKSUM_START; i < API_KEY_LENGTH; i++) {
    const digit = base62Digit(value.charCodeAt(i));
    if (digit < 0) {
      return 'malformed';
    }
    checksum = checksum * 62 + digit;
  }
  return checksum === (crc ^ -1) >>> 0 ? null : 'bad_checksum';
}

/**
 * Whether `value` is a well-formed API key: prefix, length, alphabet and CRC32 checksum. No lookup.
 *
 * @example
 * ```ts
 * isApiKey('nc_typo'); // false
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export const isApiKey = (value: string): boolean => checkApiKey(value) === null;

/**
 * The parts of a well-formed API key.
 *
 * @example
 * ```ts
 * const { random, checksum }: ParsedApiKey = parsed.value;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 */
export interface ParsedApiKey {
  /** The whole key. */
  readonly key: string;
  /** The 43 random base62 characters. */
  readonly random: string;
  /** The 6 base62 characters of the CRC32 checksum. */
  readonly checksum: string;
}

/**
 * Parses an API key without any lookup: garbage (wrong prefix, length or alphabet) and typos (bad
 * checksum) are `invalid_api_key`, with `reason` `malformed` or `bad_checksum`. Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseApiKey(header);
 * if (!parsed.ok) return parsed.error.toResponse(requestId); // 401 invalid_api_key
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function parseApiKey(value: string): Result<ParsedApiKey> {
  const problem = checkApiKey(value);
  if (problem !== null) {
    return fail('invalid_api_key', { reason: problem });
  }
  return ok({ key: value, random: value.slice(3, CHECKSUM_START), checksum: value.slice(CHECKSUM_START) });
}
