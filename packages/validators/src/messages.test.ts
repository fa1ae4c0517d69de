import { expect, describe as group, it } from 'vitest';
import { describe } from './messages.js';

group('describe: what a schema accepts, in words', () => {
  it.each([
    ['bounded string', { type: 'string', minLength: 1, maxLength: 200 }, 'a string of 1–200 characters'],
    ['fixed length', { type: 'string', minLength: 52, maxLength: 52 }, 'a string of exactly 52 characters'],
    ['upper bound', { type: 'string', maxLength: 1 }, 'a string of at most 1 character'],
    ['lower bound', { type: 'string', minLength: 2 }, 'a string of at least 2 characters'],
    ['pattern', { type: 'string', pattern: '^a+$' }, 'a string matching ^a+$'],
    ['format', { type: 'string', format: 'email', maxLength: 254 }, 'an email address'],
    ['unknown format', { type: 'string', format: 'x-thing' }, 'a string'],
    ['nullable', { type: ['string', 'null'], maxLength: 5 }, 'a string of at most 5 characters or null'],
    ['integer range', { type: 'integer', minimum: 1, maximum: 100 }, 'an integer from 1 to 100'],
    ['integer floor', { type: 'integer', minimum: 0 }, 'an integer of at least 0'],
    [
      'exclusive',
      { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 },
      'a number greater than 0 and that is a multiple of 0.5',
    ],
    ['boolean', { type: 'boolean' }, 'true or false'],
    ['enum', { type: 'string', enum: ['a', 'b'] }, 'one of "a", "b"'],
    ['single enum', { type: 'string', enum: ['no-store'] }, '"no-store"'],
    ['const', { const: 3 }, '3'],
    [
      'array',
      { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true },
      'an array of 1–5 items with no item repeated',
    ],
    ['object', { type: 'object', minProperties: 1 }, 'an object with at least 1 member'],
    ['object, bounded', { type: 'object', maxProperties: 50 }, 'an object with at most 50 members'],
    ['no type', {}, 'a valid value'],
  ])('%s', (_name, schema, want) => {
    expect(describe(schema)).toBe(want);
  });

  it('says the length of a formatted string when the length is what failed', () => {
    expect(describe({ type: 'string', format: 'date-time', maxLength: 64 }, 'maxLength')).toBe(
      'an RFC 3339 date-time such as 2026-01-31T09:30:00Z of at most 64 characters',
    );
  });
});
