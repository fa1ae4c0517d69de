const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  LOOKUP[ALPHABET.charCodeAt(i)] = i;
}

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes unpadded base64url; `null` when a character is outside the alphabet or the length is impossible. */
export function decodeBase64url(value: string): Uint8Array<ArrayBuffer> | null {
  if (value.length % 4 === 1) {
    return null;
  }
  const out = new Uint8Array(Math.floor((value.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) {
      return null;
    }
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export const utf8 = (value: string): Uint8Array<ArrayBuffer> =>
  encoder.encode(value) as Uint8Array<ArrayBuffer>;

/** Decodes base64url to a UTF-8 string; `null` on bad base64url or bad UTF-8. */
export function decodeBase64urlText(value: string): string | null {
  const bytes = decodeBase64url(value);
  if (bytes === null) {
    return null;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Encodes a string's UTF-8 bytes as base64url. */
export const encodeBase64urlText = (value: string): string => encodeBase64url(utf8(value));

/**
 * Whether `value[start, end)` is canonical unpadded base64url (RFC 4648 §5, §3.5): every character in
 * the alphabet, a length that whole bytes can have, and the unused low bits of the last character zero.
 * So no two such strings decode to the same bytes.
 */
export function isBase64url(value: string, start = 0, end = value.length): boolean {
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || LOOKUP[c]! < 0) {
      return false;
    }
  }
  const rest = (end - start) % 4;
  if (rest === 0) {
    return true;
  }
  // 2 characters carry one byte (4 bits left over), 3 carry two (2 left over); 1 carries none.
  const last = LOOKUP[value.charCodeAt(end - 1)]!;
  return rest === 2 ? (last & 0x0f) === 0 : rest === 3 && (last & 0x03) === 0;
}
