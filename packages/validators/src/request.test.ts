import { OPERATIONS, OPERATIONS_BY_ROUTE } from '@neuracraft/types';
import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { invalidRequests, validRequest } from '../codegen/cases.js';
import { type Json, readOperations } from '../codegen/operations.js';
import { validateRequest } from './request.js';

const doc = spec as unknown as Json;
const operations = readOperations(doc);

describe('every operation of the spec', () => {
  it('is covered: the table has exactly the operations of @neuracraft/types', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: a request built from the examples is valid',
    (id, op) => {
      const result = validateRequest(id as keyof typeof OPERATIONS, validRequest(op));
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: several invalid requests',
    (_id, op) => {
      expect(invalidRequests(doc, op).length).toBeGreaterThanOrEqual(3);
    },
  );

  const invalid = operations.flatMap((op) =>
    invalidRequests(doc, op).map(
      (c) => [`${op.operationId}: ${c.name}`, { op: op.operationId, ...c }] as const,
    ),
  );
  it.each(invalid)('%s → one issue at its path', (_name, { op, input, path }) => {
    const result = validateRequest(op as keyof typeof OPERATIONS, input);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('operations are named by operationId or by route', () => {
  it.each(Object.entries(OPERATIONS_BY_ROUTE))('%s', (route, operation) => {
    const valid = validRequest(operations.find((op) => op.operationId === operation.operationId)!);
    expect(validateRequest(route as keyof typeof OPERATIONS_BY_ROUTE, valid)).toEqual(
      validateRequest(operation.operationId, structuredClone(valid)),
    );
  });

  it('throws on a key that names no operation: a programming error, not bad input', () => {
    expect(() => validateRequest('noSuchOperation' as 'getMe')).toThrow(TypeError);
  });
});

const PIPELINE = {
  name: 'Nightly sales sync',
  steps: [{ name: 'fetch-orders', uses: 'http-request@1', with: { url: 'https://shop.example.com' } }],
};
const WORKFLOW = { name: 'Nightly', pipeline_id: 'pl_2Zt0bCqL4RmW7xYk9aQe1vNs' };

describe('issues: exact paths and messages a person can act on', () => {
  it.each([
    [
      'string length',
      { op: 'createPipeline', input: { body: { ...PIPELINE, name: '' } } },
      [{ path: '/body/name', message: 'body/name: must be a string of 1–200 characters' }],
    ],
    [
      'string type (no coercion in JSON bodies)',
      { op: 'createPipeline', input: { body: { ...PIPELINE, name: 42 } } },
      [{ path: '/body/name', message: 'body/name: must be a string of 1–200 characters' }],
    ],
    [
      'missing member',
      { op: 'createPipeline', input: { body: { steps: [] } } },
      [{ path: '/body/name', message: 'body/name: is required' }],
    ],
    [
      'unknown member (additionalProperties: false)',
      { op: 'createPipeline', input: { body: { ...PIPELINE, colour: 'red' } } },
      [
        {
          path: '/body/colour',
          message: 'body/colour: is not a known member (known: name, description, steps)',
        },
      ],
    ],
    [
      'nested array item',
      {
        op: 'createPipeline',
        input: { body: { name: 'p', steps: [{ name: 's' }, { name: 't', uses: 'x@1', run: 1 }] } },
      },
      [
        { path: '/body/steps/0/uses', message: 'body/steps/0/uses: is required' },
        {
          path: '/body/steps/1/run',
          message: 'body/steps/1/run: is not a known member (known: name, uses, with)',
        },
      ],
    ],
    [
      'pattern',
      { op: 'createWorkflow', input: { body: { ...WORKFLOW, pipeline_id: 'wf_2Zt0bCqL4RmW7xYk9aQe1vNs' } } },
      [
        {
          path: '/body/pipeline_id',
          message:
            'body/pipeline_id: must be a string of at most 27 characters matching ^pl_[0-9A-Za-z]{24}$',
        },
      ],
    ],
    [
      'discriminator: unknown kind',
      { op: 'createWorkflow', input: { body: { ...WORKFLOW, trigger: { type: 'cron' } } } },
      [{ path: '/body/trigger/type', message: 'body/trigger/type: must be one of "manual", "schedule"' }],
    ],
    [
      'discriminator: kind missing',
      { op: 'createWorkflow', input: { body: { ...WORKFLOW, trigger: {} } } },
      [
        {
          path: '/body/trigger/type',
          message: 'body/trigger/type: is required (one of "manual", "schedule")',
        },
      ],
    ],
    [
      'discriminator: member of the chosen kind missing',
      { op: 'createWorkflow', input: { body: { ...WORKFLOW, trigger: { type: 'schedule' } } } },
      [{ path: '/body/trigger/cron', message: 'body/trigger/cron: is required' }],
    ],
    [
      'enum items and uniqueness',
      {
        op: 'createApiKey',
        input: { body: { name: 'k', scopes: ['pipeline:read', 'pipeline:read', 'all'] } },
      },
      [
        {
          path: '/body/scopes/2',
          message:
            'body/scopes/2: must be one of "pipeline:read", "pipeline:write", "workflow:execute", "plugin:manage", "admin:all"',
        },
        {
          path: '/body/scopes',
          message: 'body/scopes: must not repeat an item (items 0 and 1 are the same)',
        },
      ],
    ],
    [
      'format, nullable',
      { op: 'createApiKey', input: { body: { name: 'k', expires_at: 'next week' } } },
      [
        {
          path: '/body/expires_at',
          message: 'body/expires_at: must be an RFC 3339 date-time such as 2026-01-31T09:30:00Z or null',
        },
      ],
    ],
    [
      'integer range',
      { op: 'rotateApiKey', input: { params: { id: 'key_1' }, body: { grace_period_seconds: -1 } } },
      [
        {
          path: '/body/grace_period_seconds',
          message: 'body/grace_period_seconds: must be an integer from 0 to 2592000',
        },
      ],
    ],
    [
      'minProperties',
      { op: 'updatePipeline', input: { params: { id: 'pl_1' }, body: {} } },
      [{ path: '/body', message: 'body: must be an object with at least 1 member' }],
    ],
    [
      'member names',
      { op: 'installPlugin', input: { body: { name: 'http', version: '1.0.0', config: { '': 1 } } } },
      [
        {
          path: '/body/config/',
          message: 'body/config/: is not an allowed member name: a name must be a string of 1–100 characters',
        },
      ],
    ],
    ['body required', { op: 'createPipeline', input: {} }, [{ path: '/body', message: 'body: is required' }]],
    [
      'no body taken',
      { op: 'deletePipeline', input: { params: { id: 'pl_1' }, body: {} } },
      [{ path: '/body', message: 'body: must be absent: this operation takes no request body' }],
    ],
    [
      'query integer',
      { op: 'listPipelines', input: { query: { limit: 'ten' } } },
      [{ path: '/query/limit', message: 'query/limit: must be an integer from 1 to 100' }],
    ],
    [
      'query parameter repeated',
      { op: 'listPipelines', input: { query: { limit: ['10', '20'] } } },
      [{ path: '/query/limit', message: 'query/limit: must be given once, as an integer from 1 to 100' }],
    ],
    [
      'header, any case of name',
      { op: 'createPipeline', input: { headers: { 'IDEMPOTENCY-KEY': 'clé' }, body: PIPELINE } },
      [
        {
          path: '/headers/idempotency-key',
          message: 'headers/idempotency-key: must be a string of 1–255 characters matching ^[\\x20-\\x7E]+$',
        },
      ],
    ],
    [
      'path parameter missing',
      { op: 'getPipeline', input: {} },
      [{ path: '/params/id', message: 'params/id: is required' }],
    ],
    [
      'form field repeated (RFC 6749 §3.2: invalid_request)',
      {
        op: 'createToken',
        input: {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: { grant_type: 'client_credentials', scope: ['pipeline:read', 'pipeline:write'] },
        },
      },
      [
        {
          path: '/body/scope',
          message: 'body/scope: must be given once, as a string of at most 500 characters',
        },
      ],
    ],
    [
      'all issues at once, in order',
      { op: 'listPipelines', input: { query: { limit: '0', cursor: '' } } },
      [
        { path: '/query/limit', message: 'query/limit: must be an integer from 1 to 100' },
        { path: '/query/cursor', message: 'query/cursor: must be a string of 1–200 characters' },
      ],
    ],
  ] as const)('%s', (_name, { op, input }, issues) => {
    expect(validateRequest(op, input)).toEqual({ ok: false, issues });
  });

  it('escapes member names in paths (RFC 6901 §3)', () => {
    const result = validateRequest('createPipeline', { body: { ...PIPELINE, 'a/b~c': 1 } });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['/body/a~1b~0c']);
  });

  it('reports at most 100 issues, as the Error schema allows', () => {
    const steps = Array.from({ length: 100 }, () => ({ name: '', uses: '' }));
    const result = validateRequest('createPipeline', { body: { name: 'p', steps } });
    expect(result.ok ? 0 : result.issues.length).toBe(100);
  });

  it('never repeats the value sent: a secret in the wrong place stays out of the message', () => {
    const secret = 'ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4XP';
    const result = validateRequest('createPipeline', { body: { name: 'p', description: { secret } } });
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('values: coerced, defaulted, declared only', () => {
  it('coerces query parameters and fills in defaults', () => {
    expect(validateRequest('listPipelines', { query: { limit: '5' } })).toEqual({
      ok: true,
      value: { params: {}, query: { limit: 5 }, headers: {}, body: undefined },
    });
    expect(validateRequest('GET /v1/pipelines', {})).toMatchObject({
      ok: true,
      value: { query: { limit: 20 } },
    });
  });

  it('reads URLSearchParams and Headers', () => {
    const result = validateRequest('listPipelines', {
      query: new URLSearchParams('limit=7&cursor=abc&utm_source=x'),
      headers: new Headers({ 'Idempotency-Key': 'k' }),
    });
    expect(result).toMatchObject({ ok: true, value: { query: { limit: 7, cursor: 'abc' }, headers: {} } });
  });

  it('leaves undeclared query parameters and headers out', () => {
    const result = validateRequest('createPipeline', {
      query: { debug: '1' },
      headers: { 'Idempotency-Key': 'abc', 'X-API-Key': 'nc_…', 'Content-Type': 'application/json' },
      body: PIPELINE,
    });
    expect(result).toMatchObject({ ok: true, value: { query: {}, headers: { 'idempotency-key': 'abc' } } });
  });

  it('fills in body defaults', () => {
    const result = validateRequest('createWorkflow', { body: { ...WORKFLOW } });
    expect(result).toMatchObject({
      ok: true,
      value: { body: { ...WORKFLOW, trigger: { type: 'manual' }, enabled: true } },
    });
    const key = validateRequest('createApiKey', { body: { name: 'CI deploy' } });
    expect(key).toMatchObject({
      ok: true,
      value: { body: { scopes: ['pipeline:read', 'pipeline:write', 'workflow:execute', 'plugin:manage'] } },
    });
  });

  it('takes an optional body as absent', () => {
    expect(validateRequest('triggerWorkflow', { params: { id: 'wf_1' } })).toMatchObject({
      ok: true,
      value: { body: undefined },
    });
  });

  it('reads a form body from an object or URLSearchParams, without changing the input', () => {
    const form = { grant_type: ['client_credentials'], scope: 'pipeline:read' };
    const result = validateRequest('createToken', {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form,
    });
    expect(result).toMatchObject({
      ok: true,
      value: { body: { grant_type: 'client_credentials', scope: 'pipeline:read' } },
    });
    expect(form.grant_type).toEqual(['client_credentials']);
    const params = validateRequest('createToken', {
      body: new URLSearchParams('grant_type=client_credentials&scope=a&scope=b'),
    });
    expect(params.ok ? [] : params.issues.map((i) => i.path)).toEqual(['/body/scope']);
  });
});

describe('hostile input', () => {
  it('keeps a form field named __proto__ a plain field', () => {
    const result = validateRequest('createToken', {
      body: new URLSearchParams('grant_type=client_credentials&__proto__=a&__proto__=b'),
    });
    expect(result.ok).toBe(true);
    expect(Object.getPrototypeOf(result.ok ? result.value.body : null)).toBe(Object.prototype);
  });

  it('refuses a JSON member named __proto__ as unknown', () => {
    const body = JSON.parse('{"name":"p","__proto__":{"admin":true}}');
    const result = validateRequest('createPipeline', { body });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['/body/__proto__']);
  });

  it('refuses a body that is not JSON data', () => {
    expect(validateRequest('createPipeline', { body: 'name=p' })).toEqual({
      ok: false,
      issues: [{ path: '/body', message: 'body: must be an object' }],
    });
  });
});
