const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** A date and time for a table cell, e.g. `May 14, 2026, 9:30 AM`; `fallback` for null. */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : fallback;
}

/** A date for a narrow table cell, e.g. `May 14, 2026`. */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** `3 minutes ago`, `in 2 hours`, `now`: how far `iso` is from `now`, in the browser's language by default. */
export function formatRelative(iso: string, now = Date.now(), locale?: string): string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let value = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) {
      return relative.format(Math.round(value), unit);
    }
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

const UNITS: ReadonlyArray<[string, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** A whole number of seconds in the largest unit that divides it: `86400` → `1 day`, `90` → `90 seconds`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) {
    return 'no time';
  }
  const [unit, size] = UNITS.find(([, size]) => seconds % size === 0) ?? ['second', 1];
  const count = seconds / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
