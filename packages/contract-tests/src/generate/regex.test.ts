import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';
import { stringMatching, stringNotMatching } from './regex.js';

function patternsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) {
      patternsOf(item, out);
    }
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        out.add(value);
      } else {
        patternsOf(value, out);
      }
    }
  }
  return out;
}

const SPEC_PATTERNS = [...patternsOf(spec)];

describe('stringMatching', () => {
  it('finds the patterns of the spec', () => {
    expect(SPEC_PATTERNS.length).toBeGreaterThan(10);
  });

  it.each(SPEC_PATTERNS)('generates strings matching %s', (pattern) => {
    const rng = createRng(1);
    const re = new RegExp(pattern, 'u');
    for (let i = 0; i < 50; i++) {
      expect(stringMatching(pattern, rng)).toMatch(re);
    }
  });

  it.each(SPEC_PATTERNS)('finds a string not matching %s', (pattern) => {
    const value = stringNotMatching(pattern, createRng(2));
    expect(value).toBeDefined();
    expect(new RegExp(pattern, 'u').test(value!)).toBe(false);
  });

  it.each([
    ['alternation and groups', '^(ab|cd)+$'],
    ['classes with escapes', '^[\\x41-\\x43\\-]{3}$'],
    ['negated classes', '^[^a-z]{4}$'],
    ['shorthands', '^\\d\\w\\s$'],
    ['optional parts', '^a?b*c+$'],
  ])('supports %s', (_, pattern) => {
    const rng = createRng(3);
    for (let i = 0; i < 20; i++) {
      expect(stringMatching(pattern, rng)).toMatch(new RegExp(pattern, 'u'));
    }
  });

  it('keeps within maxLength and favours long values when asked', () => {
    const rng = createRng(4);
    const lengths = Array.from(
      { length: 30 },
      () => stringMatching('^[a-z]{0,62}$', rng, { unique: true }).length,
    );
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(8);
    expect(stringMatching('^[a-z]{0,62}$', rng, { maxLength: 3 }).length).toBeLessThanOrEqual(3);
  });
});
