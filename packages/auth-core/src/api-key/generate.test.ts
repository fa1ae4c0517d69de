import { describe, expect, it } from 'vitest';
import { encodeBase62, encodeBase62Number, encodeUint32Base62 } from '../lib/base62.js';
import { crc32Ascii } from '../lib/crc32.js';
import { generateApiKey } from './generate.js';
import { apiKeyHint } from './hint.js';
import { API_KEY_PATTERN, isApiKey } from './parse.js';

describe('generateApiKey', () => {
  it('makes 52-character keys of the spec pattern with a valid checksum, all distinct', () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(key).toHaveLength(52);
      expect(key).toMatch(API_KEY_PATTERN);
      expect(isApiKey(key)).toBe(true);
    }
  });

  it('checksum is the fixed-width base62 CRC32 of the 46 preceding characters', () => {
    const key = generateApiKey();
    expect(key.slice(46)).toBe(encodeUint32Base62(crc32Ascii(key.slice(0, 46))));
  });
});

describe('base62 and CRC32', () => {
  it.each<[string, { bytes: number[]; width: number; want: string }]>([
    ['zero', { bytes: [0, 0], width: 4, want: '0000' }],
    ['61', { bytes: [61], width: 2, want: '0z' }],
    ['62', { bytes: [62], width: 2, want: '10' }],
    ['256', { bytes: [1, 0], width: 3, want: '048' }],
  ])('RFC 4648-style fixed-width encoding: %s', (_name, { bytes, width, want }) => {
    expect(encodeBase62(new Uint8Array(bytes), width)).toBe(want);
  });

  it('32 bytes of 0xff fit in 43 digits', () => {
    expect(encodeBase62(new Uint8Array(32).fill(255), 43)).toHaveLength(43);
  });

  it('refuses a value wider than the width', () => {
    expect(() => encodeBase62Number(62n ** 3n, 3)).toThrow(RangeError);
  });

  it('32-bit values agree with the BigInt encoder', () => {
    for (const n of [0, 1, 61, 62, 0xffffffff, 123456789]) {
      expect(encodeUint32Base62(n)).toBe(encodeBase62Number(n, 6));
    }
  });

  it('CRC32 matches the zlib check value', () => {
    expect(crc32Ascii('123456789')).toBe(0xcbf43926);
    expect(crc32Ascii('')).toBe(0);
  });
});

describe('apiKeyHint', () => {
  it('shows the prefix, the first 4 and last 4 random characters, and not the checksum', () => {
    const key = generateApiKey();
    const hint = apiKeyHint(key);
    expect(hint).toBe(`nc_${key.slice(3, 7)}…${key.slice(42, 46)}`);
    expect(hint).toMatch(/^nc_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
    expect(hint).not.toContain(key.slice(46));
  });
});
