import { describe, expect, it } from 'vitest';
import {
  createKeySet,
  exportSigningKey,
  generateSigningKey,
  importJwks,
  importSigningKey,
  jwkThumbprint,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
} from './keys.js';

describe('generateSigningKey', () => {
  it.each<[SigningAlgorithm, { kty: string; crv?: string }]>([
    ['ES256', { kty: 'EC', crv: 'P-256' }],
    ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }],
    ['RS256', { kty: 'RSA' }],
  ])('RFC 7518 §3.1: %s keys', async (alg, { kty, crv }) => {
    const key = await generateSigningKey(alg);
    expect(key.alg).toBe(alg);
    expect(key.canSign).toBe(true);
    expect(key.publicJwk).toMatchObject({ kty, alg, use: 'sig', kid: key.kid });
    if (crv !== undefined) {
      expect(key.publicJwk.crv).toBe(crv);
    }
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.kid).toBe(await jwkThumbprint(key.publicJwk));
  });

  it('defaults to ES256', async () => {
    expect((await generateSigningKey()).alg).toBe('ES256');
  });

  it('takes a chosen kid', async () => {
    expect((await generateSigningKey('ES256', { kid: 'k1' })).kid).toBe('k1');
  });

  it('RFC 8725 §3.1: refuses none and HMAC', async () => {
    await expect(generateSigningKey('HS256' as SigningAlgorithm)).rejects.toThrow(TypeError);
    expect(SIGNING_ALGORITHMS).not.toContain('none');
  });
});

describe('jwkThumbprint', () => {
  it('RFC 7638 §3.1: the example RSA key', async () => {
    const jwk = {
      kty: 'RSA' as const,
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
    };
    expect(await jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});

describe('export and import', () => {
  it.each(SIGNING_ALGORITHMS)('RFC 7517 §4: %s private JWK round-trips', async (alg) => {
    const key = await generateSigningKey(alg);
    const jwk = exportSigningKey(key);
    expect(jwk.d).toEqual(expect.any(String));
    const again = await importSigningKey(jwk);
    expect(again.kid).toBe(key.kid);
    expect(again.alg).toBe(alg);
    expect(again.canSign).toBe(true);
    expect(again.publicJwk).toEqual(key.publicJwk);
  });

  it('a public JWK verifies only', async () => {
    const key = await generateSigningKey();
    const pub = await importSigningKey(key.publicJwk);
    expect(pub.canSign).toBe(false);
    expect(() => exportSigningKey(pub)).toThrow(TypeError);
  });

  it('infers alg from kty/crv when the JWK has none', async () => {
    for (const alg of SIGNING_ALGORITHMS) {
      const { alg: _alg, kid: _kid, use: _use, ...bare } = exportSigningKey(await generateSigningKey(alg));
      expect((await importSigningKey(bare)).alg).toBe(alg);
    }
  });

  it.each<[string, JsonWebKey]>([
    ['HMAC alg', { kty: 'oct', k: 'AAAA', alg: 'HS256' }],
    ['none alg', { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', alg: 'none' }],
    ['unknown kty', { kty: 'oct', k: 'AAAA' }],
    ['EC on another curve', { kty: 'EC', crv: 'P-384', x: 'a', y: 'b' }],
    ['ES256 alg on an OKP key', { kty: 'OKP', crv: 'Ed25519', x: 'a', alg: 'ES256' }],
    ['missing member', { kty: 'EC', crv: 'P-256', x: 'a' }],
    ['short RSA modulus', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }],
  ])('RFC 7517 §4 / RFC 8725 §3.1: refuses %s', async (_name, jwk) => {
    await expect(importSigningKey(jwk)).rejects.toThrow(TypeError);
  });
});

describe('createKeySet', () => {
  it('RFC 7517 §5: the first key that can sign signs, all verify, JWKS is public only', async () => {
    const old = await generateSigningKey('EdDSA');
    const current = await generateSigningKey('ES256');
    const verifyOnly = await importSigningKey((await generateSigningKey('RS256')).publicJwk);
    const set = createKeySet([verifyOnly, current, old]);
    expect(set.signingKey).toBe(current);
    expect(set.get(old.kid)).toBe(old);
    expect(set.get('nope')).toBeUndefined();
    const jwks = set.toJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([verifyOnly.kid, current.kid, old.kid]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    expect(set.keys).toHaveLength(3);
  });

  it('a verify-only set has no signing key', async () => {
    const key = await importSigningKey((await generateSigningKey()).publicJwk);
    expect(createKeySet([key]).signingKey).toBeNull();
  });

  it('refuses two keys with one kid, and foreign objects', async () => {
    const key = await generateSigningKey('ES256', { kid: 'same' });
    const twin = await generateSigningKey('ES256', { kid: 'same' });
    expect(() => createKeySet([key, twin])).toThrow(TypeError);
    expect(() => createKeySet([{ ...key }])).toThrow(TypeError);
  });

  it('importJwks keeps signature keys it understands and drops private parts', async () => {
    const a = await generateSigningKey('ES256');
    const b = await generateSigningKey('EdDSA');
    const set = await importJwks({
      keys: [
        exportSigningKey(a),
        b.publicJwk,
        { ...b.publicJwk, kid: 'enc', use: 'enc' },
        { kty: 'oct', k: 'AAAA', kid: 'hmac' },
        { ...a.publicJwk, kid: undefined },
      ] as JsonWebKey[],
    });
    expect(set.keys.map((k) => k.kid)).toEqual([a.kid, b.kid]);
    expect(set.signingKey).toBeNull();
  });
});
