import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './prng.js';

describe('createRng', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const take = (seed: number) => Array.from({ length: 8 }, createRng(seed).next);
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it.each([
    [
      'int stays within its bounds',
      (seed: number) => createRng(seed).int(-3, 3),
      (v: number) => v >= -3 && v <= 3,
    ],
    ['next is in [0, 1)', (seed: number) => createRng(seed).next(), (v: number) => v >= 0 && v < 1],
  ])('%s', (_, draw, holds) => {
    for (let seed = 0; seed < 500; seed++) {
      expect(holds(draw(seed))).toBe(true);
    }
  });

  it('samples distinct elements', () => {
    const picked = createRng(7).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(picked).size).toBe(3);
  });
});

describe('deriveSeed', () => {
  it('derives independent, stable seeds per key', () => {
    expect(deriveSeed(1, 'listPipelines fuzz 0')).toBe(deriveSeed(1, 'listPipelines fuzz 0'));
    expect(deriveSeed(1, 'listPipelines fuzz 0')).not.toBe(deriveSeed(1, 'listPipelines fuzz 1'));
    expect(deriveSeed(1, 'x')).not.toBe(deriveSeed(2, 'x'));
  });
});
