import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, decodeBase64urlText, encodeBase64url, isBase64url } from './base64url.js';

describe('base64url', () => {
  it.each<[string, { given: string; want: number[] | null }]>([
    ['empty', { given: '', want: [] }],
    ['one byte', { given: '_w', want: [255] }],
    ['two bytes', { given: 'AAE', want: [0, 1] }],
    ['RFC 4648 §5 alphabet', { given: '-_8', want: [251, 255] }],
    ['impossible length', { given: 'A', want: null }],
    ['padding is not base64url', { given: 'AA==', want: null }],
    ['non-ASCII', { given: 'ÄA', want: null }],
  ])('RFC 4648 §5: %s', (_name, { given, want }) => {
    const got = decodeBase64url(given);
    expect(got === null ? null : [...got]).toEqual(want);
  });

  it('property: encode then decode is the identity, and matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const encoded = encodeBase64url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(isBase64url(encoded)).toBe(true);
        expect([...decodeBase64url(encoded)!]).toEqual([...bytes]);
      }),
    );
  });

  it('RFC 4648 §3.5: only the canonical spelling is base64url, so no two spellings share the bytes', () => {
    expect(['AA', 'AAE', 'AAAA', ''].map((v) => isBase64url(v))).toEqual([true, true, true, true]);
    // Set unused bits in the last character, or a length no bytes have.
    expect(['AB', 'AAF', 'A', 'AAAAA', 'Ag_'].map((v) => isBase64url(v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 70 }), (bytes) => {
        const encoded = encodeBase64url(bytes);
        const same = [...alphabet]
          .map((c) => encoded.slice(0, -1) + c)
          .filter((other) => Buffer.from(other, 'base64url').equals(Buffer.from(bytes)));
        expect(same.filter((other) => isBase64url(other))).toEqual([encoded]);
      }),
    );
  });

  it('text decoding refuses bad base64url and bad UTF-8', () => {
    expect(decodeBase64urlText('A')).toBeNull();
    expect(decodeBase64urlText('_w')).toBeNull();
    expect(decodeBase64urlText('w6k')).toBe('é');
    expect(isBase64url('a+b')).toBe(false);
    expect(isBase64url('aé')).toBe(false);
  });
});
