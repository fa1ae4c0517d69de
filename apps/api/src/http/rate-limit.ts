import type { Rate } from '../config.js';

/** The outcome of counting one event against a rate. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /**
   * Seconds (at least 1) until one more event would be allowed when this one was refused; else until
   * the current window ends.
   */
  readonly resetSeconds: number;
}

/**
 * Counts events per key in sliding windows. The in-memory one serves a single process; one backed by a
 * shared store (Redis) serves many, behind the same interface.
 */
export interface RateLimiter {
  hit(key: string, rate: Rate, now?: number): RateDecision | Promise<RateDecision>;
  /** Counts without consuming: would one more event be allowed? */
  peek(key: string, rate: Rate, now?: number): RateDecision | Promise<RateDecision>;
}

/**
 * The decision of a sliding-window counter: events are counted in fixed windows, and the previous
 * window's count weighs in by the share of it still inside the last `windowMs`. So a burst just before
 * a window boundary is still counted just after it: no key gets twice its limit across a boundary.
 *
 * @param previous - events of the window before the current one
 * @param count - events of the current window, this one included when `counted`
 * @param elapsed - ms since the current window started
 */
export function slidingDecision(
  previous: number,
  count: number,
  elapsed: number,
  rate: Rate,
  counted: boolean,
): RateDecision {
  const { limit, windowMs } = rate;
  const used = (previous * (windowMs - elapsed)) / windowMs + count;
  const allowed = counted ? used <= limit : used + 1 <= limit;
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - used)),
    resetSeconds: Math.max(
      1,
      Math.ceil((allowed ? windowMs - elapsed : untilAllowed(previous, count, elapsed, rate)) / 1000),
    ),
  };
}

// Ms until one more event fits: the previous window's weight shrinks as time goes, and once the current
// window ends its count becomes the shrinking one.
function untilAllowed(previous: number, count: number, elapsed: number, { limit, windowMs }: Rate): number {
  if (count + 1 <= limit) {
    const at = previous === 0 ? 0 : windowMs * (1 - (limit - count - 1) / previous);
    if (at <= windowMs) {
      return Math.max(0, at - elapsed);
    }
  }
  return windowMs - elapsed + Math.max(0, windowMs * (1 - (limit - 1) / count));
}

interface Window {
  start: number;
  count: number;
  previous: number;
}

/** A sliding-window counter in process memory, bounded in size: the oldest keys are dropped first. */
export function memoryRateLimiter(maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, Window>();
  // The key's counts as of `now`, moved on to the window `now` falls in.
  const current = (w: Window, rate: Rate, now: number): Window => {
    const start = now - (now % rate.windowMs);
    if (w.start !== start) {
      w.previous = start - w.start === rate.windowMs ? w.count : 0;
      w.start = start;
      w.count = 0;
    }
    return w;
  };
  return {
    hit(key, rate, now = Date.now()) {
      let w = windows.get(key);
      if (w === undefined) {
        if (windows.size >= maxKeys) {
          windows.delete(windows.keys().next().value as string);
        }
        w = { start: now - (now % rate.windowMs), count: 0, previous: 0 };
        windows.set(key, w);
      }
      current(w, rate, now).count++;
      return slidingDecision(w.previous, w.count, now - w.start, rate, true);
    },
    peek(key, rate, now = Date.now()) {
      // Looking is not counting: a key never hit keeps no window.
      const w = windows.get(key);
      return w === undefined
        ? slidingDecision(0, 0, now % rate.windowMs, rate, false)
        : slidingDecision(current(w, rate, now).previous, w.count, now - w.start, rate, false);
    },
  };
}

/** The part of Redis the shared limiter uses. */
export interface RedisCounter {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

// Counts one event in the current window's counter (kept for two windows, so the next one can weigh it)
// and answers it with the previous window's count.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, tonumber(redis.call('GET', KEYS[2]) or '0')}`;
const PEEK = `return {tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0')}`;

/**
 * A sliding-window counter in Redis, shared by every server on it: a credential's quota is one quota, on
 * however many instances its requests land.
 */
export function redisRateLimiter(redis: RedisCounter, prefix = 'nc:rl:'): RateLimiter {
  const run = async (script: string, key: string, rate: Rate, now: number, counted: boolean) => {
    const start = now - (now % rate.windowMs);
    const [count, previous] = (await redis.eval(
      script,
      2,
      `${prefix}${key}:${start}`,
      `${prefix}${key}:${start - rate.windowMs}`,
      2 * rate.windowMs,
    )) as [number, number];
    return slidingDecision(previous, count, now - start, rate, counted);
  };
  return {
    hit: (key, rate, now = Date.now()) => run(HIT, key, rate, now, true),
    peek: (key, rate, now = Date.now()) => run(PEEK, key, rate, now, false),
  };
}

// The policy of a rate never changes: its header value is worked out once per rate and name.
const policies = new WeakMap<Rate, Map<string, string>>();
function policyOf(rate: Rate, name: string): string {
  let named = policies.get(rate);
  if (named === undefined) {
    named = new Map();
    policies.set(rate, named);
  }
  let policy = named.get(name);
  if (policy === undefined) {
    policy = `"${name}";q=${rate.limit};w=${Math.ceil(rate.windowMs / 1000)}`;
    named.set(name, policy);
  }
  return policy;
}

/**
 * Sets the `RateLimit` and `RateLimit-Policy` headers (IETF httpapi-ratelimit-headers) on `headers`,
 * plus `Retry-After` when refused, and answers `headers`.
 *
 * @example
 * ```ts
 * setRateLimitHeaders(headers, limiter.hit('cred:key_1', rate), rate, 'credential');
 * // headers.ratelimit === '"credential";r=99;t=1'
 * ```
 */
export function setRateLimitHeaders(
  headers: Record<string, string>,
  d: RateDecision,
  rate: Rate,
  name: string,
): Record<string, string> {
  headers['ratelimit-policy'] = policyOf(rate, name);
  headers.ratelimit = `"${name}";r=${d.remaining};t=${d.resetSeconds}`;
  if (!d.allowed) {
    headers['retry-after'] = String(d.resetSeconds);
  }
  return headers;
}

/** The `RateLimit` and `RateLimit-Policy` headers (IETF httpapi-ratelimit-headers), plus `Retry-After` when refused. */
export function rateLimitHeaders(d: RateDecision, rate: Rate, name: string): Record<string, string> {
  return setRateLimitHeaders({}, d, rate, name);
}
