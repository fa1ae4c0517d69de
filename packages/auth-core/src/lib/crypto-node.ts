import type * as NodeCrypto from 'node:crypto';
import type { Algorithm, CryptoBackend, KeyHandle } from './crypto-types.js';

type NodeCryptoModule = typeof NodeCrypto;

/** The Node backend: synchronous `node:crypto` one-shot calls, measured fastest on Node (see BENCHMARKS.md). */
export function createNodeBackend(crypto: NodeCryptoModule): CryptoBackend {
  const hash: (data: string) => string =
    typeof crypto.hash === 'function'
      ? (data) => crypto.hash('sha256', data, 'base64url')
      : (data) => crypto.createHash('sha256').update(data).digest('base64url');
  const digestOf = (alg: Algorithm): string | null => (alg === 'EdDSA' ? null : 'sha256');
  // ES256 signatures are r‖s in JOSE (RFC 7518 §3.4), not DER.
  const keyFor = (alg: Algorithm, key: KeyHandle): NodeCrypto.KeyLike | NodeCrypto.VerifyKeyObjectInput =>
    alg === 'ES256'
      ? { key: key as NodeCrypto.KeyObject, dsaEncoding: 'ieee-p1363' }
      : (key as NodeCrypto.KeyObject);
  return {
    name: 'node',
    sha256: hash,
    decodeText: (segment) => Buffer.from(segment, 'base64url').toString('utf8'),
    generateKeyPair(alg) {
      const pair =
        alg === 'ES256'
          ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : alg === 'EdDSA'
            ? crypto.generateKeyPairSync('ed25519')
            : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      return Promise.resolve({
        privateJwk: pair.privateKey.export({ format: 'jwk' }) as JsonWebKey,
        publicJwk: pair.publicKey.export({ format: 'jwk' }) as JsonWebKey,
      });
    },
    importKey(_alg, jwk, use) {
      const input = { key: jwk as NodeCrypto.JsonWebKey, format: 'jwk' as const };
      return Promise.resolve(use === 'sign' ? crypto.createPrivateKey(input) : crypto.createPublicKey(input));
    },
    sign(alg, key, data) {
      const signer = keyFor(alg, key) as NodeCrypto.SignKeyObjectInput;
      return crypto.sign(digestOf(alg), Buffer.from(data, 'latin1'), signer).toString('base64url');
    },
    verify(alg, key, data, signature) {
      const bytes = Buffer.from(signature, 'base64url');
      if (alg !== 'RS256' && bytes.length !== 64) {
        return false;
      }
      try {
        return crypto.verify(digestOf(alg), Buffer.from(data, 'latin1'), keyFor(alg, key), bytes);
      } catch {
        return false;
      }
    },
  };
}
