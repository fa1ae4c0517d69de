import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRate } from '../src/config.js';
import {
  memoryRateLimiter,
  type RateDecision,
  type RateLimiter,
  rateLimitHeaders,
  redisRateLimiter,
  setRateLimitHeaders,
} from '../src/http/rate-limit.js';

const rate = parseRate('TEST_RATE', '3/1s')!;
const T0 = 1_700_000_000_000; // a window boundary of 1 s

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.disconnect());

// One limiter per test: the memory one, or the Redis one under a prefix of its own.
const limiters: [string, () => RateLimiter][] = [
  ['memory', () => memoryRateLimiter()],
  ['Redis', () => redisRateLimiter(redis, `nc:test:${randomBytes(6).toString('hex')}:`)],
];

const hits = async (limiter: RateLimiter, key: string, times: number[]): Promise<RateDecision[]> => {
  const out: RateDecision[] = [];
  for (const t of times) {
    out.push(await limiter.hit(key, rate, t));
  }
  return out;
};

describe.each(limiters)('%s rate limiter', (_name, make) => {
  it('counts hits and refuses the one past the limit, with what is left in RateLimit terms', async () => {
    const decisions = await hits(make(), 'k', [T0 + 1, T0 + 2, T0 + 3, T0 + 4]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[0]).toMatchObject({ limit: 3, resetSeconds: 1 });
  });

  it('slides: a burst just before a window boundary still counts just after it', async () => {
    const limiter = make();
    await hits(limiter, 'k', [T0 + 900, T0 + 950, T0 + 990]);
    // 100 ms into the next window, 90 % of the previous one still weighs: 2.7 + 1 > 3.
    expect(await limiter.hit('k', rate, T0 + 1100)).toMatchObject({ allowed: false, remaining: 0 });
    // Refused: retry when the weight has shrunk enough, not at the next boundary.
    expect(await limiter.peek('k', rate, T0 + 1100)).toMatchObject({ allowed: false, resetSeconds: 1 });
    // Two windows on, the burst no longer counts.
    expect(await limiter.hit('k', rate, T0 + 3000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('lets events back in as the previous window slides out', async () => {
    const limiter = make();
    await hits(limiter, 'k', [T0 + 10, T0 + 20, T0 + 30]);
    // 3 × (1 − 0.4) = 1.8 still counted at 40 % of the next window: one more fits, a second does not.
    expect(await limiter.hit('k', rate, T0 + 1400)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.hit('k', rate, T0 + 1401)).toMatchObject({ allowed: false });
  });

  it('peeks without counting: a key never hit stays at its full quota', async () => {
    const limiter = make();
    for (let i = 0; i < 5; i++) {
      expect(await limiter.peek('fresh', rate, T0 + 400)).toEqual({
        allowed: true,
        limit: 3,
        remaining: 3,
        resetSeconds: 1,
      });
    }
    await limiter.hit('fresh', rate, T0 + 400);
    expect(await limiter.peek('fresh', rate, T0 + 401)).toMatchObject({ allowed: true, remaining: 2 });
    await hits(limiter, 'fresh', [T0 + 402, T0 + 403]);
    expect(await limiter.peek('fresh', rate, T0 + 404)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await limiter.peek('fresh', rate, T0 + 2000)).toMatchObject({ allowed: true, remaining: 3 });
  });
});

describe('memoryRateLimiter', () => {
  it('answers at once, never with a promise', () => {
    const limiter = memoryRateLimiter();
    expect(limiter.hit('k', rate, T0)).not.toBeInstanceOf(Promise);
    expect(limiter.peek('k', rate, T0)).not.toBeInstanceOf(Promise);
  });

  it('keeps at most maxKeys windows, dropping the oldest', () => {
    const limiter = memoryRateLimiter(2);
    limiter.hit('a', rate, T0);
    limiter.hit('a', rate, T0);
    limiter.hit('b', rate, T0);
    limiter.hit('c', rate, T0);
    expect(limiter.peek('a', rate, T0)).toMatchObject({ remaining: 3 });
    expect(limiter.peek('b', rate, T0)).toMatchObject({ remaining: 2 });
  });

  it('is not flushed by peeks: looking up many addresses leaves the counted windows alone', () => {
    const limiter = memoryRateLimiter(2);
    for (let i = 0; i < 3; i++) {
      limiter.hit('cred:key_1', rate, T0);
    }
    for (let i = 0; i < 100; i++) {
      limiter.peek(`authfail:ip:10.0.0.${i}`, rate, T0);
    }
    expect(limiter.hit('cred:key_1', rate, T0)).toMatchObject({ allowed: false, remaining: 0 });
  });
});

describe('rate limit headers', () => {
  it('name the policy and what is left, with Retry-After only when refused', () => {
    const allowed = { allowed: true, limit: 3, remaining: 2, resetSeconds: 1 };
    expect(rateLimitHeaders(allowed, rate, 'credential')).toEqual({
      'ratelimit-policy': '"credential";q=3;w=1',
      ratelimit: '"credential";r=2;t=1',
    });
    const headers = { 'x-request-id': 'req_1' };
    expect(
      setRateLimitHeaders(
        headers,
        { allowed: false, limit: 3, remaining: 0, resetSeconds: 1 },
        rate,
        'login',
      ),
    ).toBe(headers);
    expect(headers).toEqual({
      'x-request-id': 'req_1',
      'ratelimit-policy': '"login";q=3;w=1',
      ratelimit: '"login";r=0;t=1',
      'retry-after': '1',
    });
  });
});
