import { describe, expect, it } from 'vitest';
import { parseRate } from '../src/config.js';
import { memoryRateLimiter, rateLimitHeaders, setRateLimitHeaders } from '../src/http/rate-limit.js';

const rate = parseRate('TEST_RATE', '3/1s')!;
const T0 = 1_700_000_000_000; // a window boundary of 1 s

describe('memoryRateLimiter', () => {
  it('counts hits in a fixed window and refuses the one past the limit', () => {
    const limiter = memoryRateLimiter();
    const decisions = [1, 2, 3, 4].map((i) => limiter.hit('k', rate, T0 + i));
    // The in-memory limiter answers at once, never with a promise.
    expect(decisions.map((d) => !(d instanceof Promise) && d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => !(d instanceof Promise) && d.remaining)).toEqual([2, 1, 0, 0]);
    expect(limiter.hit('k', rate, T0 + 1000)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 1 });
  });

  it('peeks without counting: a key never hit stays at its full quota', () => {
    const limiter = memoryRateLimiter();
    for (let i = 0; i < 5; i++) {
      expect(limiter.peek('fresh', rate, T0 + 400)).toEqual({
        allowed: true,
        limit: 3,
        remaining: 3,
        resetSeconds: 1,
      });
    }
    limiter.hit('fresh', rate, T0 + 400);
    expect(limiter.peek('fresh', rate, T0 + 401)).toMatchObject({ allowed: true, remaining: 2 });
    limiter.hit('fresh', rate, T0 + 402);
    limiter.hit('fresh', rate, T0 + 403);
    expect(limiter.peek('fresh', rate, T0 + 404)).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.peek('fresh', rate, T0 + 1000)).toMatchObject({ allowed: true, remaining: 3 });
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
