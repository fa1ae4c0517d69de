import { decodeBase64url, decodeBase64urlText, encodeBase64url, utf8 } from './base64url.js';
import type { Algorithm, CryptoBackend, KeyHandle } from './crypto-types.js';

const PARAMS: Record<
  Algorithm,
  { import: EcKeyImportParams | RsaHashedImportParams | Algorithm_; sign: EcdsaParams | Algorithm_ }
> = {
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { import: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  RS256: {
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
};
type Algorithm_ = { name: string };

// Only the key material: `alg`, `key_ops` or `ext` from a stored JWK must not make importKey refuse it.
const MEMBERS = ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi'] as const;
const material = (jwk: JsonWebKey): JsonWebKey =>
  Object.fromEntries(MEMBERS.filter((m) => jwk[m] !== undefined).map((m) => [m, jwk[m]]));

/** The Web Crypto backend, for runtimes without `node:crypto` (browsers, edge runtimes). */
export function createWebBackend(subtle: SubtleCrypto): CryptoBackend {
  return {
    name: 'web',
    async sha256(data) {
      return encodeBase64url(new Uint8Array(await subtle.digest('SHA-256', utf8(data))));
    },
    decodeText: decodeBase64urlText,
    async generateKeyPair(alg) {
      const generate =
        alg === 'RS256'
          ? { ...PARAMS.RS256.import, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
          : PARAMS[alg].import;
      const pair = (await subtle.generateKey(generate, true, ['sign', 'verify'])) as CryptoKeyPair;
      return {
        privateJwk: material(await subtle.exportKey('jwk', pair.privateKey)),
        publicJwk: material(await subtle.exportKey('jwk', pair.publicKey)),
      };
    },
    importKey(alg, jwk, use) {
      return subtle.importKey('jwk', material(jwk), PARAMS[alg].import, false, [use]);
    },
    async sign(alg, key, data) {
      return encodeBase64url(
        new Uint8Array(await subtle.sign(PARAMS[alg].sign, key as CryptoKey, utf8(data))),
      );
    },
    async verify(alg, key, data, signature) {
      const bytes = decodeBase64url(signature);
      if (bytes === null || (alg !== 'RS256' && bytes.length !== 64)) {
        return false;
      }
      try {
        return await subtle.verify(PARAMS[alg].sign, key as CryptoKey, bytes, utf8(data));
      } catch {
        return false;
      }
    },
  };
}

export type { KeyHandle };
