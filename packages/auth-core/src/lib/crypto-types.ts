import type { MaybePromise } from './maybe-promise.js';

/** A JWS algorithm this package signs and verifies with. */
export type Algorithm = 'ES256' | 'EdDSA' | 'RS256';

/** A key as the runtime holds it (a Node `KeyObject` or a Web `CryptoKey`), opaque to the rest. */
export type KeyHandle = object;

/** The cryptography one runtime offers, behind one shape: synchronous where the runtime allows it. */
export interface CryptoBackend {
  readonly name: 'node' | 'web';
  /** SHA-256 of the UTF-8 bytes of `data`, base64url. */
  sha256(data: string): MaybePromise<string>;
  /** Decodes a base64url segment already checked to hold only base64url characters. */
  decodeText(segment: string): string | null;
  generateKeyPair(alg: Algorithm): Promise<{ privateJwk: JsonWebKey; publicJwk: JsonWebKey }>;
  importKey(alg: Algorithm, jwk: JsonWebKey, use: 'sign' | 'verify'): Promise<KeyHandle>;
  /** Signs ASCII `data`; the signature is base64url (ES256 in the JOSE r‖s form). */
  sign(alg: Algorithm, key: KeyHandle, data: string): MaybePromise<string>;
  /** Verifies a base64url signature over ASCII `data`; `false` for any malformed signature. */
  verify(alg: Algorithm, key: KeyHandle, data: string, signature: string): MaybePromise<boolean>;
}
