import pino, { type DestinationStream, type Logger } from 'pino';

/** Anything that looks like one of our secrets, wherever it appears in a logged string. */
const SECRET_PATTERN =
  /\b(?:nc_[0-9A-Za-z]{49}|ncs_[0-9A-Za-z]{43}|nc_session_[0-9A-Za-z_-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+)\b/g;

/** Replaces every key, client secret, session token or JWT in `text` with `[REDACTED]`. */
export const scrub = (text: string): string => text.replace(SECRET_PATTERN, '[REDACTED]');

// Named fields only: wildcard paths cost on every line, and request lines are built from safe fields.
// Anything that still slips through is caught by the scrub below.
const REDACT_PATHS = [
  'key',
  'client_secret',
  'password',
  'token',
  'access_token',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/**
 * The server's JSON logger. Known secret fields are redacted by path, and every string that still looks
 * like a secret is scrubbed before the line is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        streamWrite: (line) =>
          line.includes('nc_') || line.includes('ncs_') || line.includes('eyJ') ? scrub(line) : line,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? buffered(),
  );
}

/**
 * Standard output, written in 4 KiB batches rather than a write per line (a write per request costs
 * more than the request), and flushed every 250 ms, on demand and at exit. At most 16 MiB waits.
 */
function buffered(): DestinationStream {
  // A reader that stops reading must not grow the server without bound: past 16 MiB, lines are dropped.
  const stream = pino.destination({ fd: 1, sync: false, minLength: 4096, maxLength: 16 * 1024 * 1024 });
  const timer = setInterval(() => stream.flush(), 250);
  timer.unref();
  process.once('exit', () => stream.flushSync());
  return stream;
}

export type { Logger };
