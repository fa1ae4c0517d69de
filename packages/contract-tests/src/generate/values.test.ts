import type { OperationId } from '@neuracraft/types';
import { validateRequest } from '@neuracraft/validators';
import { describe, expect, it } from 'vitest';
import { allOperations } from '../spec/document.js';
import { createRng } from './prng.js';
import { generateValue } from './values.js';

const withBodies = allOperations().filter((op) => op.body !== null);
const withParameters = allOperations().filter((op) => op.parameters.some((p) => p.in === 'query'));

const paramsOf = (op: (typeof withBodies)[number]) =>
  Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, 'an-id']));

const asForm = (value: unknown) =>
  Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

describe('generateValue', () => {
  it.each(withBodies.map((op) => [op.operationId, op] as const))(
    'generates bodies of %s that the validators accept',
    (_, op) => {
      const rng = createRng(11);
      for (let i = 0; i < 60; i++) {
        const minimal = i % 3 === 0;
        const value = generateValue(op.body!.schema, { rng, minimal });
        const body = op.body!.mediaType === 'application/json' ? value : asForm(value);
        const result = validateRequest(op.operationId as OperationId, {
          params: paramsOf(op),
          headers: { 'content-type': op.body!.mediaType },
          body,
        });
        expect(result.ok ? [] : result.issues, JSON.stringify(value)).toEqual([]);
      }
    },
  );

  it.each(withParameters.map((op) => [op.operationId, op] as const))(
    'generates query parameters of %s that the validators accept',
    (_, op) => {
      const rng = createRng(12);
      for (let i = 0; i < 40; i++) {
        const query = Object.fromEntries(
          op.parameters
            .filter((p) => p.in === 'query')
            .map((p) => [p.name, String(generateValue(p.schema, { rng }))]),
        );
        const body = op.body ? generateValue(op.body.schema, { rng, minimal: true }) : undefined;
        const result = validateRequest(op.operationId as OperationId, { params: paramsOf(op), query, body });
        expect(result.ok ? [] : result.issues, JSON.stringify(query)).toEqual([]);
      }
    },
  );

  it('is reproducible from the seed', () => {
    const schema = withBodies[0]!.body!.schema;
    expect(generateValue(schema, { rng: createRng(5) })).toEqual(
      generateValue(schema, { rng: createRng(5) }),
    );
  });

  it('uses what a link supplies', () => {
    const value = generateValue(
      {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^pl_[0-9A-Za-z]{24}$' } },
      },
      { rng: createRng(1), link: (s) => (s.pattern ? { value: 'pl_linked' } : undefined) },
    );
    expect(value).toEqual({ id: 'pl_linked' });
  });
});
