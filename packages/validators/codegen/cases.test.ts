import { describe, expect, it } from 'vitest';
import { statusFor, unboundedPlaces } from './cases.js';

describe('unboundedPlaces', () => {
  const doc = { components: { schemas: { Name: { type: 'string' } } } };

  it('finds strings, arrays and open write objects without limits, through references', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { $ref: '#/components/schemas/Name' },
        tags: { type: 'array', items: { type: 'string', maxLength: 5 } },
        kind: { type: 'string', enum: ['a'] },
        meta: { type: 'object', maxProperties: 5, additionalProperties: { type: 'string' } },
      },
    };
    expect(unboundedPlaces(doc, schema, 'body', true)).toEqual([
      'body: an object without additionalProperties: false or maxProperties',
      '#/components/schemas/Name: a string without maxLength',
      'body/properties/tags: an array without maxItems',
      'body/properties/meta/additionalProperties: a string without maxLength',
    ]);
    expect(unboundedPlaces(doc, schema, 'body', false)).toHaveLength(3);
  });
});

describe('statusFor', () => {
  it.each([
    ['201', ['201'], 201],
    ['4XX', ['400', '4XX'], 401],
    ['default', ['200', '1XX', 'default'], 201],
  ] as const)('%s among %j → %i', (key, documented, want) => {
    expect(statusFor(key, documented)).toBe(want);
  });
});
