import { describe, expect, it } from 'vitest';
import { retryAfter } from './retry.js';

describe('retryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('2026-05-14T09:30:00Z');
  it.each([
    ['delay-seconds', '30', 30_000],
    ['zero', '0', 0],
    ['an HTTP-date', 'Thu, 14 May 2026 09:30:05 GMT', 5000],
    ['an HTTP-date in the past', 'Thu, 14 May 2026 09:29:00 GMT', 0],
    ['nothing', null, undefined],
    ['garbage', 'soon', undefined],
    ['a negative number', '-5', undefined],
  ])('reads %s', (_, header, want) => {
    expect(retryAfter(header, now)).toBe(want);
  });
});
