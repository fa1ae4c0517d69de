import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { isIdempotencyKey } from './idempotency.js';
import { validateRequest } from './request.js';

describe('isIdempotencyKey: 1–255 printable ASCII', () => {
  const cases = [
    ['a UUID', '4f1c2a7e-9b3d-4c8e-a6f0-2d5b7e9c1a34', true],
    ['one character', 'k', true],
    ['255 characters', 'k'.repeat(255), true],
    ['spaces and punctuation', 'order 42: retry #1 ~!', true],
    ['empty', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['non-ASCII', 'clé', false],
    ['a control character', 'key\u0000', false],
    ['a newline', 'key\n', false],
    ['DEL', 'key\u007f', false],
    ['not a string', 42, false],
  ] as const;

  it.each(cases)('%s', (_name, given, want) => {
    expect(isIdempotencyKey(given)).toBe(want);
  });

  it.each(cases.filter(([, given]) => typeof given === 'string'))(
    'agrees with the spec’s Idempotency-Key parameter: %s',
    (_name, given, want) => {
      const result = validateRequest('createPipeline', {
        headers: { 'idempotency-key': given as string },
        body: { name: 'p' },
      });
      expect(result.ok).toBe(want);
    },
  );

  it('is the spec’s parameter', () => {
    const parameters = spec.components.parameters as Record<string, { schema: Record<string, unknown> }>;
    expect(parameters.IdempotencyKey?.schema).toMatchObject({ minLength: 1, maxLength: 255 });
  });
});
