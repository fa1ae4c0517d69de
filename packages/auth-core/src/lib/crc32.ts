/** The CRC-32 lookup table (reflected polynomial 0xEDB88320). */
export const CRC32_TABLE: Int32Array = new Int32Array(256);
const TABLE = CRC32_TABLE;
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  TABLE[n] = c;
}

/**
 * CRC-32 (IEEE 802.3, as zlib computes it) of the characters of an ASCII string from 0 to `end`.
 * Detects every burst error of up to 32 bits, hence every single changed character.
 */
export function crc32Ascii(value: string, end = value.length): number {
  return (crc32Step(-1, value, 0, end) ^ -1) >>> 0;
}

/** Feeds characters `start` to `end` of an ASCII string into a running CRC-32 state (initially -1). */
export function crc32Step(state: number, value: string, start: number, end: number): number {
  let crc = state;
  for (let i = start; i < end; i++) {
    crc = TABLE[(crc ^ value.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return crc;
}
