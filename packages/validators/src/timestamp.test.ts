import { describe, expect, it } from 'vitest';
import { isFutureTimestamp, parseDateTime } from './timestamp.js';

const NOW = Date.parse('2026-05-14T09:30:00Z');

describe('parseDateTime (RFC 3339 §5.6)', () => {
  it.each([
    ['UTC', '2026-05-14T09:30:00Z', NOW],
    ['lower-case t and z', '2026-05-14t09:30:00z', NOW],
    ['an offset', '2026-05-14T11:30:00+02:00', NOW],
    ['a negative offset', '2026-05-14T04:00:00-05:30', NOW],
    ['fractional seconds', '2026-05-14T09:30:00.250Z', NOW + 250],
    ['many fraction digits', '2026-05-14T09:30:00.123456789Z', NOW + 123],
    ['a leap day', '2028-02-29T00:00:00Z', Date.parse('2028-02-29T00:00:00Z')],
    ['a leap second', '2016-12-31T23:59:60Z', Date.parse('2017-01-01T00:00:00Z')],
  ])('reads %s', (_name, given, want) => {
    expect(parseDateTime(given)).toBe(want);
  });

  it.each([
    ['no time zone', '2026-05-14T09:30:00'],
    ['a date only', '2026-05-14'],
    ['a space for T', '2026-05-14 09:30:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-05-14T24:00:00Z'],
    ['minute 60', '2026-05-14T09:60:00Z'],
    ['an offset of 24 hours', '2026-05-14T09:30:00+24:00'],
    ['an epoch number as text', '1778751000'],
    ['words', 'tomorrow'],
  ])('rejects %s', (_name, given) => {
    expect(parseDateTime(given)).toBeUndefined();
  });
});

describe('isFutureTimestamp', () => {
  it.each([
    ['a minute later', '2026-05-14T09:31:00Z', true],
    ['the same instant', '2026-05-14T09:30:00Z', false],
    ['a millisecond later', '2026-05-14T09:30:00.001Z', true],
    ['earlier', '2026-05-14T09:29:59Z', false],
    ['later by offset only', '2026-05-14T10:30:00+00:30', true],
    ['malformed', 'next week', false],
    ['not a string', NOW + 1000, false],
    ['null (no expiry is not a timestamp)', null, false],
  ])('%s', (_name, given, want) => {
    expect(isFutureTimestamp(given, NOW)).toBe(want);
    expect(isFutureTimestamp(given, new Date(NOW))).toBe(want);
  });

  it('defaults now to the clock', () => {
    expect(isFutureTimestamp('2999-01-01T00:00:00Z')).toBe(true);
    expect(isFutureTimestamp('2000-01-01T00:00:00Z')).toBe(false);
  });
});
