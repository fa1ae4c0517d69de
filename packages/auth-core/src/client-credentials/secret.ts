import { encodeBase62 } from '../lib/base62.js';
import { backend, randomBytes } from '../lib/crypto.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import { assertPepper } from '../lib/pepper.js';

/**
 * The format of a client secret: `ncs_` + 43 base62 characters (32 random bytes).
 *
 * @example
 * ```ts
 * CLIENT_SECRET_PATTERN.test(secret);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export const CLIENT_SECRET_PATTERN: RegExp = /^ncs_[0-9A-Za-z]{43}$/;

/**
 * The format of a `client_id`: the OAuth app's id, `app_` + 24 base62 characters.
 *
 * @example
 * ```ts
 * CLIENT_ID_PATTERN.test('app_dK3qZFvDa0VPzUjIbo0psOsC'); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.2
 */
export const CLIENT_ID_PATTERN: RegExp = /^app_[0-9A-Za-z]{24}$/;

/**
 * Generates a client secret: `ncs_` + 32 random bytes as 43 fixed-width base62 characters. Show it once;
 * store only {@link hashClientSecret}'s output.
 *
 * @example
 * ```ts
 * const secret = generateClientSecret(); // 'ncs_…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export const generateClientSecret = (): string => `ncs_${encodeBase62(randomBytes(32), 43)}`;

/**
 * Generates a `client_id` for a new OAuth app: `app_` + 24 base62 characters (136 random bits).
 *
 * @example
 * ```ts
 * const clientId = generateClientId(); // 'app_…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.2
 */
export const generateClientId = (): string => `app_${encodeBase62(randomBytes(17), 24)}`;

/**
 * Hashes a client secret for storage, with the same pepper scheme as API keys: base64url
 * SHA-256(`pepper ‖ secret`). The secret has 256 random bits, so one fast keyed hash suffices.
 *
 * @param pepper - a server secret of at least 16 characters.
 * @example
 * ```ts
 * const hash = await hashClientSecret(secret, pepper);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.3
 */
export function hashClientSecret(secret: string, pepper: string): MaybePromise<string> {
  assertPepper(pepper);
  return backend.sha256(pepper + secret);
}

/**
 * A non-secret hint of a client secret for listings: `ncs_` + its first 4 and last 4 characters.
 *
 * @example
 * ```ts
 * clientSecretHint(secret); // 'ncs_Ab3d…x9Yz'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.3
 */
export const clientSecretHint = (secret: string): string => `ncs_${secret.slice(4, 8)}…${secret.slice(-4)}`;
