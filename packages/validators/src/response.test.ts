import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { requiredOf, resolve, statusFor } from '../codegen/cases.js';
import { type Json, readOperations } from '../codegen/operations.js';
import { validateResponse } from './response.js';

const doc = spec as unknown as Json;
const operations = readOperations(doc);

interface Case {
  readonly op: string;
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
  readonly path: string;
}

/** Responses of the operation that must fail, each at exactly one place. */
function invalidResponses(op: (typeof operations)[number]): [string, Case][] {
  const cases: [string, Case][] = [];
  const documented = Object.keys(op.responses);
  const id = op.operationId;
  const undocumented = [200, 201, 204, 418, 500, 503].find(
    (s) => !documented.includes(String(s)) && !documented.includes(`${String(s).charAt(0)}XX`),
  );
  if (undocumented !== undefined && !documented.includes('default')) {
    cases.push([
      `${id}: status ${undocumented} undocumented`,
      { op: id, status: undocumented, body: {}, path: '/status' },
    ]);
  }
  for (const [key, media] of Object.entries(op.responses)) {
    const status = statusFor(key, documented);
    const first = media[0];
    if (first === undefined) {
      cases.push([
        `${id} ${key}: a body where none is sent`,
        { op: id, status, body: { a: 1 }, path: '/body' },
      ]);
      continue;
    }
    cases.push([
      `${id} ${key}: undeclared content type`,
      { op: id, status, body: {}, contentType: 'application/xml', path: '/headers/content-type' },
    ]);
    const schema = resolve(doc, first.schema);
    const example = first.examples[0]?.value;
    if (schema.type === 'object' || schema.allOf !== undefined) {
      cases.push([`${id} ${key}: not an object`, { op: id, status, body: ['x'], path: '/body' }]);
    } else if (schema.type === 'string') {
      cases.push([`${id} ${key}: not a string`, { op: id, status, body: 42, path: '/body' }]);
    }
    if (example !== null && typeof example === 'object' && !Array.isArray(example)) {
      for (const name of requiredOf(doc, schema)) {
        const { [name]: _dropped, ...rest } = example as Record<string, unknown>;
        cases.push([`${id} ${key}: without ${name}`, { op: id, status, body: rest, path: `/body/${name}` }]);
      }
    }
  }
  return cases;
}

describe('every operation of the spec: responses', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s has several invalid responses',
    (_id, op) => {
      expect(invalidResponses(op).length).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(operations.flatMap(invalidResponses))(
    '%s → one issue at its path',
    (_name, { op, status, body, contentType, path }) => {
      const result = validateResponse(op as 'getMe', status, body, contentType);
      expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([path]);
    },
  );
});

const PIPELINE = {
  id: 'pl_2Zt0bCqL4RmW7xYk9aQe1vNs',
  name: 'Nightly sales sync',
  description: null,
  steps: [],
  created_at: '2026-05-14T09:30:00Z',
  updated_at: '2026-05-14T09:30:00Z',
};

describe('validateResponse', () => {
  it.each([
    [
      'a documented status and body',
      { op: 'getPipeline', status: 200, body: PIPELINE },
      { ok: true, value: PIPELINE },
    ],
    [
      'by route, with a content type',
      {
        op: 'GET /v1/pipelines/{id}',
        status: 200,
        body: PIPELINE,
        contentType: 'application/json; charset=utf-8',
      },
      { ok: true, value: PIPELINE },
    ],
    [
      'no body where none is documented',
      { op: 'deletePipeline', status: 204, body: undefined },
      { ok: true, value: undefined },
    ],
    [
      'an empty text body where none is documented',
      { op: 'deletePipeline', status: 204, body: '' },
      { ok: true, value: undefined },
    ],
    [
      'an undocumented status',
      { op: 'deletePipeline', status: 200, body: undefined },
      {
        ok: false,
        issues: [
          {
            path: '/status',
            message:
              'status: 200 is not a documented status of deletePipeline (documented: 204, 400, 401, 403, 404, 409, 429)',
          },
        ],
      },
    ],
    [
      'a body member of the wrong shape, not coerced',
      { op: 'getPipeline', status: 200, body: { ...PIPELINE, created_at: 1778751000 } },
      {
        ok: false,
        issues: [
          {
            path: '/body/created_at',
            message: 'body/created_at: must be an RFC 3339 date-time such as 2026-01-31T09:30:00Z',
          },
        ],
      },
    ],
    [
      'an error body with an unknown code',
      {
        op: 'getPipeline',
        status: 404,
        body: { error: 'missing', error_description: 'x', request_id: 'req_1' },
      },
      {
        ok: false,
        issues: [
          {
            path: '/body/error',
            message: expect.stringMatching(/^body\/error: must be one of "invalid_request", /),
          },
        ],
      },
    ],
  ] as const)('%s', (_name, { op, status, body, ...rest }, want) => {
    const contentType = 'contentType' in rest ? rest.contentType : undefined;
    expect(validateResponse(op, status, body, contentType)).toEqual(want);
  });

  it('does not change the body it checks', () => {
    const body = { grace_period_seconds: undefined, ...PIPELINE };
    const before = structuredClone(body);
    validateResponse('getPipeline', 200, body);
    expect(body).toEqual(before);
  });
});
