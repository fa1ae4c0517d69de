import { backend } from '../lib/crypto.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import { assertPepper } from '../lib/pepper.js';

/**
 * Hashes an API key for storage and lookup: base64url SHA-256 of `pepper ‖ key`, keyed by a server-side
 * pepper so a stolen table of hashes cannot be checked against guesses without it. The key carries 256
 * random bits, so one fast hash suffices (no password hashing), and the one-shot SHA-256 is several
 * times faster than HMAC-SHA256 on Node (measured in BENCHMARKS.md). Synchronous on Node, a promise on
 * Web Crypto runtimes; `await` works for both.
 *
 * @param pepper - a server secret of at least 16 characters (32 random bytes, base64url, recommended).
 * @example
 * ```ts
 * const hash = await hashApiKey(key, process.env.API_KEY_PEPPER!);
 * await db.insert({ hash, hint: apiKeyHint(key) });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6234
 */
export function hashApiKey(key: string, pepper: string): MaybePromise<string> {
  assertPepper(pepper);
  return backend.sha256(pepper + key);
}
