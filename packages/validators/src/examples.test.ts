import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { statusFor, validRequest } from '../codegen/cases.js';
import { type Json, readOperations } from '../codegen/operations.js';
import { validateRequest } from './request.js';
import { validateResponse } from './response.js';

// An example in the spec that does not match its schema fails here, and so fails the build.
const operations = readOperations(spec as unknown as Json);

const responseExamples = operations.flatMap((op) =>
  Object.entries(op.responses).flatMap(([status, media]) =>
    media.flatMap((m) =>
      m.examples.map(
        (example) =>
          [
            `${op.operationId} ${status} ${m.mediaType} ${example.name}`,
            {
              op: op.operationId,
              status: statusFor(status, Object.keys(op.responses)),
              media: m.mediaType,
              example,
            },
          ] as const,
      ),
    ),
  ),
);

const requestExamples = operations.flatMap((op) =>
  (op.body?.media ?? []).flatMap((m) =>
    m.examples.map(
      (example) =>
        [`${op.operationId} ${m.mediaType} ${example.name}`, { op, media: m.mediaType, example }] as const,
    ),
  ),
);

describe('every example of the spec matches its schema', () => {
  it('has examples to check', () => {
    expect(responseExamples.length).toBeGreaterThanOrEqual(operations.length);
    expect(requestExamples.length).toBeGreaterThan(0);
  });

  it.each(responseExamples)('response %s', (_name, { op, status, media, example }) => {
    const result = validateResponse(op as 'getMe', status, structuredClone(example.value), media);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(requestExamples)('request %s', (_name, { op, media, example }) => {
    const valid = validRequest(op);
    const input = {
      ...valid,
      headers: { ...valid.headers, 'content-type': media },
      body: structuredClone(example.value),
    };
    const result = validateRequest(op.operationId as 'getMe', input);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))('parameters of %s', (_id, op) => {
    // validRequest reads every parameter example; a required parameter without one throws.
    const result = validateRequest(op.operationId as 'getMe', validRequest(op));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
