import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The resources that have ids, and their prefixes. */
export const ID_PREFIX = {
  pipeline: 'pl',
  workflow: 'wf',
  execution: 'ex',
  plugin: 'plg',
  apiKey: 'key',
  oauthApp: 'app',
  secret: 'sec',
  auditEvent: 'evt',
  org: 'org',
  user: 'usr',
  request: 'req',
} as const;

let lastMs = 0;
let sequence = 0;

/**
 * A new id: prefix, 8 base62 characters of the time in ms, 16 random base62 characters (24 in all).
 * Ids made later sort after earlier ones, so they serve as the cursor of every list.
 */
export function newId(kind: keyof typeof ID_PREFIX): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence++;
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  let time = '';
  for (let n = ms * 64 + (sequence % 64), i = 0; i < 8; i++) {
    time = ALPHABET[n % 62] + time;
    n = Math.floor(n / 62);
  }
  const random = randomBytes(16);
  let tail = '';
  for (const byte of random) {
    tail += ALPHABET[byte % 62];
  }
  return `${ID_PREFIX[kind]}_${time}${tail}`;
}
