import { describe, expect, it } from 'vitest';
import { type Json, readOperations, SpecError } from './operations.js';

const doc: Json = {
  paths: {
    '/things/{id}': {
      parameters: [
        { name: 'id', in: 'path', schema: { type: 'string' } },
        { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
      ],
      get: {
        operationId: 'getThing',
        parameters: [
          { $ref: '#/components/parameters/Tags' },
          {
            name: 'x-trace',
            in: 'header',
            required: true,
            schema: { type: 'string', maxLength: 5 },
            example: 't-1',
          },
          { name: 'ids', in: 'header', schema: { $ref: '#/components/schemas/Ids' } },
          { name: 'page', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
        ],
        responses: {
          '200': { $ref: '#/components/responses/Thing' },
          '4xx': { description: 'client error' },
          default: { description: 'other', content: { 'Application/JSON': { schema: { type: 'object' } } } },
        },
      },
      put: {
        operationId: 'putThing',
        requestBody: { $ref: '#/components/requestBodies/Thing' },
        responses: { '204': { description: 'done' } },
      },
    },
  },
  components: {
    parameters: {
      Tags: {
        name: 'tags',
        in: 'query',
        explode: false,
        schema: { type: 'array', items: { type: 'string' } },
        example: ['a', 'b'],
      },
    },
    schemas: { Ids: { type: 'array', items: { type: 'string' } }, Thing: { type: 'object' } },
    requestBodies: {
      Thing: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Thing' },
            example: { a: 1 },
            examples: {
              other: { value: { b: 2 } },
              external: { externalValue: 'https://example.com/x.json' },
            },
          },
        },
      },
    },
    responses: {
      Thing: {
        description: 'a thing',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
      },
    },
  },
};

describe('readOperations', () => {
  const [get, put] = readOperations(doc);

  it('merges path-item and operation parameters, the operation’s winning, header names lower-cased', () => {
    expect(get?.params.header).toEqual({
      names: ['x-trace', 'ids'],
      split: ['ids'],
      schema: {
        type: 'object',
        properties: {
          'x-trace': { type: 'string', maxLength: 5 },
          ids: { $ref: '#/components/schemas/Ids' },
        },
        required: ['x-trace'],
      },
      example: { 'x-trace': 't-1' },
    });
  });

  it('makes path parameters required and splits unexploded query arrays only', () => {
    expect(get?.params.path?.schema).toEqual({
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
    });
    expect(get?.params.query?.names).toEqual(['tags', 'page']);
    expect(get?.params.query?.split).toEqual(['tags']);
    expect(get?.params.query?.example).toEqual({ tags: ['a', 'b'] });
  });

  it('reads responses by status, ranges upper-cased, media types lower-cased', () => {
    expect(Object.keys(get?.responses ?? {})).toEqual(['200', '4XX', 'default']);
    expect(get?.responses['4XX']).toEqual([]);
    expect(get?.responses.default?.[0]?.mediaType).toBe('application/json');
    expect(get?.body).toBeNull();
  });

  it('follows request body references and collects inline examples', () => {
    expect(put?.body).toEqual({
      required: true,
      media: [
        {
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Thing' },
          examples: [
            { name: 'example', value: { a: 1 } },
            { name: 'other', value: { b: 2 } },
          ],
        },
      ],
    });
    expect(put?.params).toEqual({
      path: expect.objectContaining({ names: ['id'] }),
      query: null,
      header: expect.anything(),
    });
  });

  it.each([
    ['an operation without operationId', { '/x': { get: { responses: {} } } }, 'GET /x: has no operationId'],
    [
      'a cookie parameter',
      {
        '/x': {
          get: { operationId: 'x', parameters: [{ name: 's', in: 'cookie', schema: {} }], responses: {} },
        },
      },
      'GET /x: cookie parameter s is not supported',
    ],
    [
      'a parameter with content instead of schema',
      {
        '/x': {
          get: { operationId: 'x', parameters: [{ name: 'q', in: 'query', content: {} }], responses: {} },
        },
      },
      'GET /x parameter query:q: only parameters with a "schema" are supported',
    ],
    [
      'a deepObject parameter',
      {
        '/x': {
          get: {
            operationId: 'x',
            parameters: [{ name: 'q', in: 'query', style: 'deepObject', schema: {} }],
            responses: {},
          },
        },
      },
      'GET /x parameter query:q: style "deepObject" is not supported',
    ],
    [
      'an external reference',
      { '/x': { get: { operationId: 'x', parameters: [{ $ref: 'other.yaml#/p' }], responses: {} } } },
      'GET /x.parameters[0]: cannot follow $ref "other.yaml#/p"',
    ],
    [
      'a media type without schema',
      { '/x': { get: { operationId: 'x', responses: { '200': { content: { 'text/plain': {} } } } } } },
      'GET /x response 200.content.text/plain: has no schema',
    ],
  ])('fails on %s, naming the place', (_name, paths, message) => {
    expect(() => readOperations({ paths })).toThrow(new SpecError(message));
  });
});
