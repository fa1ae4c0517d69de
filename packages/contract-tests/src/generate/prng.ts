/**
 * A seeded pseudo-random generator: the same seed gives the same inputs, so a failure found by
 * fuzzing is reproduced by running again with the seed the report prints.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of a list, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** A fresh random seed: a 32-bit unsigned integer. */
export const randomSeed = (): number => Math.floor(Math.random() * 0x1_0000_0000) >>> 0;

/**
 * Derives an independent seed for one named stream (e.g. one operation) of a run.
 *
 * @example
 * ```ts
 * const rng = createRng(deriveSeed(result.seed, 'listPipelines fuzz 7')); // input #7 of listPipelines
 * ```
 */
export function deriveSeed(seed: number, key: string): number {
  // FNV-1a over the seed and the key, then one round of mixing.
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seeded generator: sfc32, seeded through splitmix32 — small, fast and good enough for test inputs.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(1, 6); // the same number every time for seed 42
 * ```
 */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 0x1_0000_0000;
  };
  for (let i = 0; i < 12; i++) {
    next();
  }
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) {
        throw new RangeError('pick from an empty list');
      }
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    sample: (items, count) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, Math.max(0, Math.min(count, pool.length)));
    },
  };
  return rng;
}
