import { ERROR_CODES, OPERATIONS, SCOPE_DESCRIPTIONS, SCOPES } from '@neuracraft/types';
import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { type ErrorRow, readErrors, readScopes } from './spec-model.js';

/** A copy of the real spec that can be changed freely (untyped, as JSON is). */
const copyOfSpec = () => JSON.parse(JSON.stringify(spec));

const error = (code: string, summary?: string) => ({
  content: { 'application/json': { examples: { [code]: { summary, value: { error: code } } } } },
});

describe('readScopes', () => {
  it('reads the scopes of the spec as the generated types do', () => {
    const rows = readScopes(spec);
    expect(rows.map((r) => r.scope)).toEqual([...SCOPES]);
    expect(Object.fromEntries(rows.map((r) => [r.scope, r.description]))).toEqual(SCOPE_DESCRIPTIONS);
    for (const row of rows) {
      const expected = Object.values(OPERATIONS)
        .filter((op) =>
          op.security.some((alt) => Object.values(alt).some((scopes) => scopes?.includes(row.scope))),
        )
        .map((op) => op.operationId);
      expect(row.operations.map((op) => op.operationId)).toEqual(expected);
    }
  });

  it('shows a scope added to the spec, with the operations that require it', () => {
    const doc = copyOfSpec();
    doc.components.securitySchemes.OAuth2.flows.clientCredentials.scopes['pipeline:delete'] =
      'Delete pipelines';
    doc.paths['/v1/pipelines/{id}'].delete.security = [
      { ApiKeyAuth: ['pipeline:delete'] },
      { OAuth2: ['pipeline:delete'] },
    ];
    const row = readScopes(doc).find((r) => r.scope === 'pipeline:delete');
    expect(row?.description).toBe('Delete pipelines');
    expect(row?.operations.map((op) => `${op.method} ${op.path}`)).toEqual(['delete /v1/pipelines/{id}']);
  });

  it.each([
    [
      'scopes of every oauth2 flow, in order, the first description winning',
      {
        components: {
          securitySchemes: {
            Key: { type: 'apiKey', in: 'header', name: 'X-Key' },
            A: {
              type: 'oauth2',
              flows: { clientCredentials: { tokenUrl: '/t', scopes: { 'a:r': 'Read A' } } },
            },
            B: {
              type: 'oauth2',
              flows: { clientCredentials: { tokenUrl: '/t', scopes: { 'b:w': 'Write B', 'a:r': 'x' } } },
            },
          },
        },
        paths: {},
      },
      [
        { scope: 'a:r', description: 'Read A', operations: [] },
        { scope: 'b:w', description: 'Write B', operations: [] },
      ],
    ],
    [
      'root security for operations without their own, none for public ones, $refs followed',
      {
        security: [{ O: ['s'] }],
        components: {
          securitySchemes: { O: { $ref: '#/components/x/O' } },
          x: { O: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/t', scopes: { s: 'S' } } } } },
        },
        paths: {
          '/a': {
            get: { operationId: 'getA', summary: 'A', tags: ['Things'] },
            post: { operationId: 'pub', security: [] },
          },
        },
      },
      [
        {
          scope: 's',
          description: 'S',
          operations: [{ operationId: 'getA', method: 'get', path: '/a', summary: 'A', tag: 'Things' }],
        },
      ],
    ],
  ])('%s', (_, doc, want) => {
    expect(readScopes(doc)).toEqual(want);
  });
});

describe('readErrors', () => {
  it('lists every error code of the spec', () => {
    expect(
      readErrors(spec)
        .map((r) => r.code)
        .sort(),
    ).toEqual([...ERROR_CODES].sort());
  });

  it.each<[string, unknown, ErrorRow[]]>([
    [
      'statuses from the examples of responses, shared ones through $ref',
      {
        components: {
          schemas: { ErrorCode: { enum: ['nope', 'denied'] } },
          responses: { Denied: error('denied', 'Denied') },
        },
        paths: {
          '/a': {
            get: {
              responses: { '401': { $ref: '#/components/responses/Denied' }, '404': error('nope', 'Gone') },
            },
          },
          '/b': { get: { responses: { '403': { $ref: '#/components/responses/Denied' } } } },
        },
      },
      [
        { code: 'denied', statuses: [401, 403], when: 'Denied' },
        { code: 'nope', statuses: [404], when: 'Gone' },
      ],
    ],
    [
      'the ErrorCode description’s table for meanings, and for statuses no example shows',
      {
        components: {
          schemas: {
            ErrorCode: {
              enum: ['late', 'busy', 'odd'],
              description:
                '| code | status | meaning |\n| --- | --- | --- |\n| `busy` | 429 | Slow down. |\n| `late` | 400 | Too late. |',
            },
          },
        },
        paths: { '/a': { post: { responses: { '409': error('late', 'ignored') } } } },
      },
      [
        { code: 'late', statuses: [409], when: 'Too late.' },
        { code: 'busy', statuses: [429], when: 'Slow down.' },
        { code: 'odd', statuses: [], when: '' },
      ],
    ],
  ])('%s', (_, doc, want) => {
    expect(readErrors(doc)).toEqual(want);
  });

  it('shows an error code added to the spec, with the status of the response that carries it', () => {
    const doc = copyOfSpec();
    doc.components.schemas.ErrorCode.enum.push('key_leaked');
    doc.paths['/v1/me'].get.responses['401'] = error(
      'key_leaked',
      'The key was found in a public repository',
    );
    const row = readErrors(doc).find((r) => r.code === 'key_leaked');
    expect(row).toEqual({
      code: 'key_leaked',
      statuses: [401],
      when: 'The key was found in a public repository',
    });
  });
});
