import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitSecurityModule } from './emit.js';
import { readSecurityModel, SpecError } from './security.js';

const base = (extra: string) =>
  parse(`
openapi: 3.1.0
info: { title: fixture, version: '1' }
components:
  securitySchemes:
    Key: { type: apiKey, in: header, name: X-API-Key }
    OAuth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: /oauth/token
          scopes: { 'a:read': Read A, 'a:write': Write A }
  schemas:
    ErrorCode: { type: string, enum: [nope, denied] }
${extra}
`);

describe('readSecurityModel', () => {
  it.each([
    [
      'root-level security is the fallback for an operation without its own',
      `
security: [{ Key: [] }]
paths: { /a: { get: { operationId: getA, responses: { '200': { description: ok } } } } }`,
      [{ Key: [] }],
    ],
    [
      '`security: []` overrides the root and makes the operation public',
      `
security: [{ Key: [] }]
paths: { /a: { get: { operationId: getA, security: [], responses: { '200': { description: ok } } } } }`,
      [],
    ],
    [
      'no security anywhere means public (OpenAPI 3.1 §4.8.10)',
      `
paths: { /a: { get: { operationId: getA, responses: { '200': { description: ok } } } } }`,
      [],
    ],
    [
      'alternatives are kept apart (OR) and scopes inside one together (AND)',
      `
paths:
  /a:
    get:
      operationId: getA
      security: [{ Key: ['a:read', 'a:write'] }, { OAuth: ['a:read'] }, { Key: [], OAuth: ['a:write'] }]
      responses: { '200': { description: ok } }`,
      [{ Key: ['a:read', 'a:write'] }, { OAuth: ['a:read'] }, { Key: [], OAuth: ['a:write'] }],
    ],
  ])('%s', (_name, paths, want) => {
    const model = readSecurityModel(base(paths));
    expect(model.operations[0]?.security).toEqual(want);
  });

  it.each([
    [
      'an unknown scheme',
      `paths: { /a: { get: { operationId: getA, security: [{ Nope: [] }], responses: {} } } }`,
      'GET /a: security scheme "Nope" is not declared in components.securitySchemes',
    ],
    [
      'an unknown scope',
      `paths: { /a: { get: { operationId: getA, security: [{ Key: ['b:read'] }], responses: {} } } }`,
      'GET /a: scope "b:read" of scheme "Key" is not declared by any oauth2 flow',
    ],
    [
      'a missing operationId',
      `paths: { /a: { get: { security: [], responses: {} } } }`,
      'GET /a: operationId is missing',
    ],
    [
      'a duplicate operationId',
      `paths: { /a: { get: { operationId: x, responses: {} } }, /b: { get: { operationId: x, responses: {} } } }`,
      'GET /b: operationId "x" is used twice',
    ],
  ])('fails generation with a clear message on %s', (_name, paths, message) => {
    expect(() => readSecurityModel(base(paths))).toThrow(new SpecError(message));
  });

  it('reads scopes with their descriptions, schemes, error codes and response codes', () => {
    const model = readSecurityModel(
      base(`
paths:
  /a/{id}:
    post:
      operationId: postA
      x-shows-secret: true
      requestBody: { required: true, content: { application/json: { schema: { type: object } } } }
      responses: { '201': { description: ok }, '404': { description: no }, default: { description: x } }`),
    );
    expect(model.scopes).toEqual([
      { name: 'a:read', description: 'Read A' },
      { name: 'a:write', description: 'Write A' },
    ]);
    expect(model.schemes).toEqual({
      Key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      OAuth: { type: 'oauth2', tokenUrl: '/oauth/token', scopes: ['a:read', 'a:write'] },
    });
    expect(model.errorCodes).toEqual(['nope', 'denied']);
    expect(model.operations[0]).toMatchObject({
      method: 'post',
      path: '/a/{id}',
      requestContentType: 'application/json',
      requestBodyRequired: true,
      responses: [201, 404],
      showsSecret: true,
    });
  });
});

describe('the generated table follows spec/openapi.yaml', () => {
  const spec = () => parse(readFileSync(new URL('../../../spec/openapi.yaml', import.meta.url), 'utf8'));

  it('changes when one operation changes its scope, with no other edit', () => {
    const doc = spec();
    const before = emitSecurityModule(readSecurityModel(doc));
    doc.paths['/v1/pipelines'].get.security = [{ ApiKeyAuth: ['admin:all'] }, { OAuth2: ['admin:all'] }];
    const model = readSecurityModel(doc);
    const after = emitSecurityModule(model);

    expect(after).not.toEqual(before);
    expect(model.operations.find((op) => op.operationId === 'listPipelines')?.security).toEqual([
      { ApiKeyAuth: ['admin:all'] },
      { OAuth2: ['admin:all'] },
    ]);
  });

  it('is what the generator makes of the spec now (generate ran before the tests)', async () => {
    const { OPERATIONS, SCOPES } = await import('../src/generated/security.js');
    const model = readSecurityModel(spec());
    expect(SCOPES).toEqual(model.scopes.map((s) => s.name));
    expect(Object.keys(OPERATIONS)).toEqual(model.operations.map((op) => op.operationId));
  });
});
