import { describe, expect, it } from 'vitest';
import { createTokenCache } from './cache.js';
import type { AccessTokenClaims } from './claims.js';

const claims = (jti: string, exp = 2_000_000_000): AccessTokenClaims => ({
  iss: 'i',
  sub: 's',
  aud: 'a',
  exp,
  iat: 1,
  jti,
  client_id: 'app',
  scope: '',
  org_id: 'o',
});

describe('createTokenCache', () => {
  it('returns what was set, and nothing at or past exp', () => {
    const cache = createTokenCache();
    const c = claims('t1', 100);
    cache.set('h1', c);
    expect(cache.get('h1', 99_999)).toBe(c);
    expect(cache.get('h1', 100_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createTokenCache({ maxEntries: 2 });
    cache.set('a', claims('a'));
    cache.set('b', claims('b'));
    expect(cache.get('a', 0)).toBeDefined(); // a is now the most recent
    expect(cache.get('a', 0)).toBeDefined(); // already the most recent
    cache.set('c', claims('c'));
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBeDefined();
    expect(cache.get('c', 0)).toBeDefined();
    expect(cache.size).toBe(2);
    expect(cache.purge('b')).toBe(false);
  });

  it('RFC 7009 §2.2: purge(jti) forgets a revoked token at once', () => {
    const cache = createTokenCache();
    cache.set('h', claims('jti-1'));
    expect(cache.purge('jti-1')).toBe(true);
    expect(cache.get('h', 0)).toBeUndefined();
    expect(cache.purge('jti-1')).toBe(false);
  });

  it('re-setting a hash replaces its entry', () => {
    const cache = createTokenCache();
    cache.set('h', claims('x'));
    cache.set('other', claims('y'));
    const replacement = claims('x2');
    cache.set('h', replacement);
    expect(cache.get('h', 0)).toBe(replacement);
    expect(cache.purge('x')).toBe(false);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('h', 0)).toBeUndefined();
  });

  it('two hashes with one jti: purging follows the latest', () => {
    const cache = createTokenCache();
    cache.set('h1', claims('same'));
    cache.set('h2', claims('same'));
    cache.purge('same');
    expect(cache.get('h2', 0)).toBeUndefined();
    cache.set('h3', claims('j'));
    expect(cache.get('h1', 0)).toBeDefined();
    cache.set('h1', claims('j2'));
    expect(cache.purge('same')).toBe(false);
  });

  it.each([0, -1, 1.5])('refuses maxEntries %s', (maxEntries) => {
    expect(() => createTokenCache({ maxEntries })).toThrow(RangeError);
  });
});
