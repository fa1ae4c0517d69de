import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './format';

describe('formatDuration', () => {
  it.each([
    ['nothing', { given: 0, want: 'no time' }],
    ['one second', { given: 1, want: '1 second' }],
    ['seconds that are not whole minutes', { given: 90, want: '90 seconds' }],
    ['whole minutes', { given: 900, want: '15 minutes' }],
    ['one hour', { given: 3600, want: '1 hour' }],
    ['the default grace period', { given: 86_400, want: '1 day' }],
    ['the longest grace period', { given: 2_592_000, want: '30 days' }],
  ])('%s', (_, { given, want }) => {
    expect(formatDuration(given)).toBe(want);
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-05-14T10:00:00Z');
  it.each([
    ['a few seconds ahead', { given: '2026-05-14T10:00:05Z', want: 'in 5 seconds' }],
    ['minutes ago', { given: '2026-05-14T09:57:00Z', want: '3 minutes ago' }],
    ['hours ahead', { given: '2026-05-14T12:00:00Z', want: 'in 2 hours' }],
    ['yesterday', { given: '2026-05-13T10:00:00Z', want: 'yesterday' }],
  ])('%s', (_, { given, want }) => {
    expect(formatRelative(given, now, 'en')).toBe(want);
  });
});
