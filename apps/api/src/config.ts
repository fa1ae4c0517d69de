import { resolve } from 'node:path';

/** A rate: at most `limit` events per `windowMs`. */
export interface Rate {
  readonly limit: number;
  readonly windowMs: number;
}

/** The server's settings, read from the environment and checked once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  /**
   * The issuer and base of every URL the server publishes. Empty when not given: the server then takes
   * the address it is bound to (`http://localhost:8080` by default), the CLI needs none.
   */
  readonly publicUrl: string;
  readonly secret: string | null;
  readonly tokenTtlSeconds: number;
  /** The algorithm of new token signing keys. */
  readonly signingAlg: 'ES256' | 'EdDSA' | 'RS256';
  readonly rateLimit: Rate | null;
  readonly authFailureLimit: Rate | null;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  /** Origins whose browser pages may call the API (CORS); empty for none. */
  readonly corsOrigins: readonly string[];
}

/** A setting that is present but wrong; the message says which and why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration like `30d`, `15m`, `1s` or `500ms` into milliseconds. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const value = Number(match[1]) * UNITS[match[2]!]!;
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

/** Parses `100/1s`, `20/1m` or `off`. */
export function parseRate(name: string, text: string): Rate | null {
  if (text === 'off') {
    return null;
  }
  const [count, window] = text.split('/');
  const limit = Number(count);
  const windowMs = window ? parseDuration(window) : null;
  if (!Number.isSafeInteger(limit) || limit < 1 || windowMs === null) {
    throw new ConfigError(`${name} must look like "100/1s", "20/1m" or "off", not ${JSON.stringify(text)}`);
  }
  return { limit, windowMs };
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`,
    );
  }
  return value;
}

function url(name: string, text: string): string {
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error();
    }
    return parsed.href.replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, not ${JSON.stringify(text)}`);
  }
}

function signingAlg(text: string): Config['signingAlg'] {
  if (text !== 'ES256' && text !== 'EdDSA' && text !== 'RS256') {
    throw new ConfigError(
      `NEURACRAFT_SIGNING_ALG must be ES256, EdDSA or RS256, not ${JSON.stringify(text)}`,
    );
  }
  return text;
}

function databaseUrl(text: string): string {
  if (!/^postgres(?:ql)?:\/\//.test(text)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return text;
}

function origins(text: string): string[] {
  return text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      if (o === '*') {
        return o;
      }
      const parsed = url('NEURACRAFT_CORS_ORIGINS', o);
      if (new URL(parsed).origin !== parsed) {
        throw new ConfigError(
          `NEURACRAFT_CORS_ORIGINS takes origins like https://app.example.com, not ${JSON.stringify(o)}`,
        );
      }
      return parsed;
    });
}

/**
 * Reads the configuration from `env`.
 *
 * @throws {ConfigError} naming the first setting that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer('PORT', env.PORT, 8080, 0, 65535);
  const secret = env.NEURACRAFT_SECRET ?? null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('NEURACRAFT_SECRET must be at least 32 characters long');
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.NEURACRAFT_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL ? databaseUrl(env.DATABASE_URL) : null,
    redisUrl: env.REDIS_URL || null,
    publicUrl:
      env.NEURACRAFT_PUBLIC_URL === undefined ? '' : url('NEURACRAFT_PUBLIC_URL', env.NEURACRAFT_PUBLIC_URL),
    secret,
    tokenTtlSeconds: integer('NEURACRAFT_TOKEN_TTL', env.NEURACRAFT_TOKEN_TTL, 3600, 60, 86_400),
    signingAlg: signingAlg(env.NEURACRAFT_SIGNING_ALG ?? 'ES256'),
    rateLimit: parseRate('NEURACRAFT_RATE_LIMIT', env.NEURACRAFT_RATE_LIMIT ?? '1000/1s'),
    authFailureLimit: parseRate(
      'NEURACRAFT_AUTH_FAILURE_LIMIT',
      env.NEURACRAFT_AUTH_FAILURE_LIMIT ?? '20/1m',
    ),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.NEURACRAFT_TRUST_PROXY === '1' || env.NEURACRAFT_TRUST_PROXY === 'true',
    corsOrigins: origins(env.NEURACRAFT_CORS_ORIGINS ?? ''),
  };
}
