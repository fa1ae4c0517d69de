import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62_ALPHABET } from '../lib/base62.js';
import { generateApiKey } from './generate.js';
import { API_KEY_PATTERN, API_KEY_SCANNER, checkApiKey, isApiKey, parseApiKey } from './parse.js';

const key = generateApiKey();

describe('parseApiKey', () => {
  it.each<[string, { given: string; want: 'malformed' | 'bad_checksum' | null }]>([
    ['a generated key is well formed', { given: key, want: null }],
    ['empty string', { given: '', want: 'malformed' }],
    ['wrong prefix', { given: `xx_${key.slice(3)}`, want: 'malformed' }],
    ['upper-case prefix', { given: `NC_${key.slice(3)}`, want: 'malformed' }],
    ['one character short', { given: key.slice(0, -1), want: 'malformed' }],
    ['one character long', { given: `${key}0`, want: 'malformed' }],
    ['character outside base62', { given: `${key.slice(0, 10)}-${key.slice(11)}`, want: 'malformed' }],
    ['character outside base62 in the checksum', { given: `${key.slice(0, -1)}-`, want: 'malformed' }],
    ['non-ASCII character', { given: `${key.slice(0, 10)}é${key.slice(11)}`, want: 'malformed' }],
    ['surrounding whitespace', { given: ` ${key.slice(0, -1)}`, want: 'malformed' }],
    [
      'typo in the random part',
      { given: `nc_${key[3] === 'a' ? 'b' : 'a'}${key.slice(4)}`, want: 'bad_checksum' },
    ],
    [
      'typo in the checksum',
      { given: `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`, want: 'bad_checksum' },
    ],
  ])('RFC 6750 §3.1 invalid_api_key: %s', (_name, { given, want }) => {
    expect(checkApiKey(given)).toBe(want);
    const parsed = parseApiKey(given);
    expect(parsed.ok).toBe(want === null);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('invalid_api_key');
      expect(parsed.error.status).toBe(401);
      expect(parsed.error.reason).toBe(want);
      if (given.length > 20) {
        expect(parsed.error.description).not.toContain(given.slice(3, 20));
      }
    }
  });

  it('splits a key into random part and checksum', () => {
    const parsed = parseApiKey(key);
    expect(parsed).toEqual({ ok: true, value: { key, random: key.slice(3, 46), checksum: key.slice(46) } });
  });

  it('rejects non-strings without throwing', () => {
    expect(checkApiKey(undefined as unknown as string)).toBe('malformed');
    expect(isApiKey(42 as unknown as string)).toBe(false);
  });

  it('property: any string is parsed to a valid key or rejected, never thrown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(key)), (value) => {
        const parsed = parseApiKey(value);
        if (parsed.ok) {
          expect(API_KEY_PATTERN.test(value)).toBe(true);
          expect(parsed.value.key).toBe(value);
        } else {
          expect(parsed.error.code).toBe('invalid_api_key');
        }
      }),
    );
  });

  it('property: strings of the right shape pass only with the right checksum', () => {
    const base62 = fc.constantFrom(...BASE62_ALPHABET);
    fc.assert(
      fc.property(fc.string({ unit: base62, minLength: 49, maxLength: 49 }), (body) => {
        const candidate = `nc_${body}`;
        expect(API_KEY_PATTERN.test(candidate)).toBe(true);
        expect(checkApiKey(candidate)).not.toBe('malformed');
      }),
    );
  });

  it('property: the checksum catches every single-character change', () => {
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateApiKey()),
        fc.integer({ min: 3, max: 51 }),
        fc.constantFrom(...BASE62_ALPHABET),
        (original, position, replacement) => {
          fc.pre(original[position] !== replacement);
          const changed = original.slice(0, position) + replacement + original.slice(position + 1);
          expect(checkApiKey(changed)).toBe('bad_checksum');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('API_KEY_SCANNER', () => {
  it.each<[string, { text: (k: string) => string; found: boolean }]>([
    ['a key alone', { text: (k) => k, found: true }],
    ['a key in an env file', { text: (k) => `NEURACRAFT_API_KEY=${k}\n`, found: true }],
    ['a key in a header', { text: (k) => `-H "X-API-Key: ${k}"`, found: true }],
    ['a key glued to a word', { text: (k) => `abc${k}`, found: false }],
    ['a key followed by more base62', { text: (k) => `${k}x`, found: false }],
    ['a key followed by an underscore', { text: (k) => `${k}_`, found: false }],
  ])('finds %s', (_name, { text, found }) => {
    const matches = [...text(key).matchAll(API_KEY_SCANNER)].map((m) => m[0]);
    expect(matches).toEqual(found ? [key] : []);
  });
});
