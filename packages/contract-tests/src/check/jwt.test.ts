import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, jwkProblems, signatureProblem } from './jwt.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function keyPair(alg: 'ES256' | 'EdDSA' | 'RS256'): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid: `k-${alg}`, alg, use: 'sig' } };
}

function jwt(
  alg: 'ES256' | 'EdDSA' | 'RS256',
  privateKey: KeyObject,
  payload: Record<string, unknown>,
): string {
  const input = `${b64({ alg, typ: 'at+jwt', kid: `k-${alg}` })}.${b64(payload)}`;
  const signature = sign(
    alg === 'EdDSA' ? null : 'sha256',
    Buffer.from(input),
    alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey,
  );
  return `${input}.${signature.toString('base64url')}`;
}

describe('signatureProblem (RFC 7515 §5.2)', () => {
  it.each(['ES256', 'EdDSA', 'RS256'] as const)('verifies %s tokens against the JWK Set', (alg) => {
    const { privateKey, jwk } = keyPair(alg);
    const token = jwt(alg, privateKey, { sub: 'app_x' });
    expect(signatureProblem(token, [jwk])).toBeUndefined();
    expect(decodeJwt(token)?.payload).toEqual({ sub: 'app_x' });
    const tampered = `${token.split('.').slice(0, 2).join('.')}.${b64('nope')}`;
    expect(signatureProblem(tampered, [jwk])).toMatch(/does not verify|could not be checked/);
  });

  it('names a kid the set does not hold', () => {
    const { privateKey } = keyPair('ES256');
    expect(signatureProblem(jwt('ES256', privateKey, {}), [])).toMatch(/kid "k-ES256" is not in the JWK Set/);
  });
});

describe('jwkProblems (RFC 7517, RFC 7518 §6)', () => {
  const { jwk } = keyPair('ES256');
  it.each([
    ['a public EC key', jwk, []],
    ['private key material', { ...jwk, d: 'secret' }, [/publishes private key material \(d\)/]],
    ['use other than sig', { ...jwk, use: 'enc' }, [/use "enc"/]],
    [
      'alg that does not fit kty',
      { ...jwk, alg: 'RS256' },
      [/needs kty RSA/, /needs the member n/, /needs the member e/],
    ],
    ['an unknown alg', { ...jwk, alg: 'HS256' }, [/no supported alg/]],
  ])('%s', (_, key, want) => {
    const problems = jwkProblems(key as Record<string, unknown>);
    expect(problems).toHaveLength(want.length);
    want.forEach((pattern, i) => {
      expect(problems[i]).toMatch(pattern);
    });
  });
});
