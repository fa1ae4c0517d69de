/** The base62 alphabet in ASCII order, as the key format's regex `[0-9A-Za-z]` reads it. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const BIG_62 = 62n;

/** Encodes bytes as a big-endian base62 number, left-padded with `0` to exactly `width` digits. */
export function encodeBase62(bytes: Uint8Array, width: number): string {
  let n = 0n;
  for (const byte of bytes) {
    n = (n << 8n) | BigInt(byte);
  }
  return encodeBase62Number(n, width);
}

/** Encodes a non-negative integer in base62, left-padded with `0` to exactly `width` digits. */
export function encodeBase62Number(value: bigint | number, width: number): string {
  let n = BigInt(value);
  let out = '';
  while (n > 0n) {
    out = BASE62_ALPHABET[Number(n % BIG_62)] + out;
    n /= BIG_62;
  }
  if (out.length > width) {
    throw new RangeError(`value does not fit in ${width} base62 digits`);
  }
  return out.padStart(width, '0');
}

const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62_ALPHABET.length; i++) {
  DIGITS[BASE62_ALPHABET.charCodeAt(i)] = i;
}

/** The value of a base62 digit given its char code, or -1 when it is not one. */
export const base62Digit = (charCode: number): number => (charCode < 128 ? DIGITS[charCode]! : -1);

/** Encodes a 32-bit unsigned integer in exactly 6 base62 digits (62^6 > 2^32), without BigInt. */
export function encodeUint32Base62(value: number): string {
  let n = value >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = BASE62_ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}
