const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Reads an RFC 3339 `date-time` (`2026-01-31T12:00:00Z`, `2026-01-31T13:00:00.5+01:00`) as
 * milliseconds since the epoch, or `undefined` when the text is not one. Stricter than `Date.parse`:
 * the time zone is required and every field is range-checked.
 *
 * @example
 * ```ts
 * import { parseDateTime } from '@neuracraft/validators';
 *
 * parseDateTime('2026-05-14T11:30:00+02:00'); // → 1778751000000
 * parseDateTime('2026-05-14 09:30'); // → undefined
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
export function parseDateTime(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (m === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1];
  if (days === undefined || day < 1 || day > days || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  if (offsetHours > 23 || offsetMinutes > 59) {
    return undefined;
  }
  const sign = m[8] === '-' ? -1 : 1;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  // A leap second (:60) is read as the first instant of the next minute.
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/**
 * Whether `expiresAt` is an RFC 3339 `date-time` strictly later than `now`. Use it for the
 * `expires_at` of a new API key: the server's clock, not the schema, decides what "future" means.
 *
 * @param expiresAt - the timestamp to check; anything that is not an RFC 3339 date-time is `false`.
 * @param now - the current time, as a `Date` or epoch milliseconds. Default: `Date.now()`.
 * @example
 * ```ts
 * import { isFutureTimestamp } from '@neuracraft/validators';
 *
 * isFutureTimestamp('2030-01-01T00:00:00Z', new Date('2026-01-01T00:00:00Z')); // → true
 * isFutureTimestamp('2020-01-01T00:00:00Z'); // → false
 * isFutureTimestamp('tomorrow'); // → false
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
export function isFutureTimestamp(expiresAt: unknown, now: Date | number = Date.now()): boolean {
  if (typeof expiresAt !== 'string') {
    return false;
  }
  const at = parseDateTime(expiresAt);
  return at !== undefined && at > (typeof now === 'number' ? now : now.getTime());
}
