import type { SigningKey } from '../token/keys.js';
import { encodeBase64urlText } from './base64url.js';
import { backend } from './crypto.js';
import { keyHandles } from './key-handles.js';
import type { MaybePromise } from './maybe-promise.js';

/** Signs a JWS in compact serialization (RFC 7515 §7.1) with a key's private half. */
export async function signCompact(key: SigningKey, header: object, payload: object): Promise<string> {
  const handle = keyHandles.get(key)?.sign;
  if (handle === null || handle === undefined) {
    throw new TypeError(`signing key ${key.kid} holds no private key`);
  }
  const input = `${encodeBase64urlText(JSON.stringify(header))}.${encodeBase64urlText(JSON.stringify(payload))}`;
  return `${input}.${await backend.sign(key.alg, handle, input)}`;
}

/** Verifies the signature of a JWS signing input with a key, using the key's own algorithm. */
export function verifySignature(key: SigningKey, input: string, signature: string): MaybePromise<boolean> {
  const handles = keyHandles.get(key);
  return handles === undefined ? false : backend.verify(key.alg, handles.verify, input, signature);
}
