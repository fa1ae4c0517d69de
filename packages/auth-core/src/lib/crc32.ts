const TABLE = new Int32Array(256);
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
  let crc = -1;
  for (let i = 0; i < end; i++) {
    crc = TABLE[(crc ^ value.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}
