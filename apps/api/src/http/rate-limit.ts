import type { Rate } from '../config.js';

/** The outcome of counting one event against a rate. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window resets (at least 1). */
  readonly resetSeconds: number;
}

/**
 * Counts events per key in fixed windows. The in-memory one serves a single process; one backed by a
 * shared store (Redis) serves many, behind the same interface.
 */
export interface RateLimiter {
  hit(key: string, rate: Rate, now?: number): RateDecision | Promise<RateDecision>;
  /** Counts without consuming: would one more event be allowed? */
  peek(key: string, rate: Rate, now?: number): RateDecision | Promise<RateDecision>;
}

interface Window {
  start: number;
  count: number;
}

/** A fixed-window counter in process memory, bounded in size: the oldest windows are dropped first. */
export function memoryRateLimiter(maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, Window>();
  const current = (key: string, rate: Rate, now: number): Window => {
    let w = windows.get(key);
    if (w !== undefined && now - w.start < rate.windowMs) {
      return w;
    }
    if (w === undefined || now - w.start >= rate.windowMs) {
      if (w !== undefined) {
        windows.delete(key);
      } else if (windows.size >= maxKeys) {
        windows.delete(windows.keys().next().value as string);
      }
      w = { start: now - (now % rate.windowMs), count: 0 };
      windows.set(key, w);
    }
    return w;
  };
  const decide = (w: Window, rate: Rate, now: number, counted: boolean): RateDecision => ({
    allowed: counted ? w.count <= rate.limit : w.count < rate.limit,
    limit: rate.limit,
    remaining: Math.max(0, rate.limit - w.count),
    resetSeconds: Math.max(1, Math.ceil((w.start + rate.windowMs - now) / 1000)),
  });
  return {
    hit(key, rate, now = Date.now()) {
      const w = current(key, rate, now);
      w.count++;
      return decide(w, rate, now, true);
    },
    peek(key, rate, now = Date.now()) {
      // Looking is not counting: a key never hit keeps no window.
      const w = windows.get(key);
      if (w === undefined || now - w.start >= rate.windowMs) {
        return {
          allowed: rate.limit > 0,
          limit: rate.limit,
          remaining: rate.limit,
          resetSeconds: Math.max(1, Math.ceil((rate.windowMs - (now % rate.windowMs)) / 1000)),
        };
      }
      return decide(w, rate, now, false);
    },
  };
}

/** The part of Redis the shared limiter uses. */
export interface RedisCounter {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

// INCR the window's counter, giving it a lifetime on first use; answers the count.
const HIT =
  "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

/**
 * A fixed-window counter in Redis, shared by every server on it: a credential's quota is one quota, on
 * however many instances its requests land.
 */
export function redisRateLimiter(redis: RedisCounter, prefix = 'nc:rl:'): RateLimiter {
  const windowOf = (key: string, rate: Rate, now: number) => {
    const start = now - (now % rate.windowMs);
    return { name: `${prefix}${key}:${start}`, start };
  };
  const decide = (count: number, start: number, rate: Rate, now: number, counted: boolean): RateDecision => ({
    allowed: counted ? count <= rate.limit : count < rate.limit,
    limit: rate.limit,
    remaining: Math.max(0, rate.limit - count),
    resetSeconds: Math.max(1, Math.ceil((start + rate.windowMs - now) / 1000)),
  });
  return {
    async hit(key, rate, now = Date.now()) {
      const w = windowOf(key, rate, now);
      const count = Number(await redis.eval(HIT, 1, w.name, rate.windowMs));
      return decide(count, w.start, rate, now, true);
    },
    async peek(key, rate, now = Date.now()) {
      const w = windowOf(key, rate, now);
      return decide(Number((await redis.get(w.name)) ?? 0), w.start, rate, now, false);
    },
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
