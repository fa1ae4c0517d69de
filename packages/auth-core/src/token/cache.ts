import type { AccessTokenClaims } from './claims.js';

/**
 * Options of {@link createTokenCache}.
 *
 * @example
 * ```ts
 * createTokenCache({ maxEntries: 50_000 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 */
export interface TokenCacheOptions {
  /** How many verified tokens to hold; the least recently used goes first. Default: 10,000. */
  readonly maxEntries?: number;
}

/**
 * Verified tokens by the hash of the token: a bounded LRU that never returns a token at or past its
 * `exp`, and forgets a token as soon as it is purged for revocation.
 *
 * @example
 * ```ts
 * revocations.on('revoked', (jti) => verifier.cache?.purge(jti));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
export interface TokenCache {
  /** The claims cached under a token hash, if present and not expired at `nowMs` (default: now). */
  get(tokenHash: string, nowMs?: number): AccessTokenClaims | undefined;
  /** Caches verified claims under a token hash. */
  set(tokenHash: string, claims: AccessTokenClaims): void;
  /** Forgets the token with this `jti` (call it when a token is revoked); whether one was cached. */
  purge(jti: string): boolean;
  /** Forgets every token. */
  clear(): void;
  /** How many tokens are cached. */
  readonly size: number;
}

/**
 * Creates a bounded LRU of verified access tokens, keyed by a hash of the token so the cache holds no
 * bearer secret. A client reuses its token for its whole lifetime, so with the cache almost every
 * request costs a hash and a lookup instead of a signature check.
 *
 * @example
 * ```ts
 * const cache = createTokenCache({ maxEntries: 50_000 });
 * const verifier = createTokenVerifier({ keySet, issuer, audience, cache });
 * onRevoke((jti) => cache.purge(jti));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
export function createTokenCache(options: TokenCacheOptions = {}): TokenCache {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  // Map iteration order is insertion order: the first entry is the least recently used.
  const entries = new Map<string, AccessTokenClaims>();
  const byJti = new Map<string, string>();
  let newest: string | undefined;

  const remove = (hash: string, claims: AccessTokenClaims): void => {
    entries.delete(hash);
    if (byJti.get(claims.jti) === hash) {
      byJti.delete(claims.jti);
    }
    if (newest === hash) {
      newest = undefined;
    }
  };

  return {
    get(hash, nowMs = Date.now()) {
      const claims = entries.get(hash);
      if (claims === undefined) {
        return undefined;
      }
      if (nowMs >= claims.exp * 1000) {
        remove(hash, claims);
        return undefined;
      }
      if (newest !== hash) {
        entries.delete(hash);
        entries.set(hash, claims);
        newest = hash;
      }
      return claims;
    },
    set(hash, claims) {
      const previous = entries.get(hash);
      if (previous !== undefined) {
        remove(hash, previous);
      }
      entries.set(hash, claims);
      byJti.set(claims.jti, hash);
      newest = hash;
      if (entries.size > maxEntries) {
        const [oldest, oldestClaims] = entries.entries().next().value as [string, AccessTokenClaims];
        remove(oldest, oldestClaims);
      }
    },
    purge(jti) {
      const hash = byJti.get(jti);
      if (hash === undefined) {
        return false;
      }
      remove(hash, entries.get(hash)!);
      return true;
    },
    clear() {
      entries.clear();
      byJti.clear();
      newest = undefined;
    },
    get size() {
      return entries.size;
    },
  };
}
