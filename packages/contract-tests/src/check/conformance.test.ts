import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../http/client.js';
import { operationSpec } from '../spec/document.js';
import { conformanceProblems, errorCodeStatuses } from './conformance.js';

const respond = (status: number, headers: Record<string, string>, body?: unknown): HttpResponse => ({
  status,
  headers: new Headers(body === undefined ? headers : { 'content-type': 'application/json', ...headers }),
  text: body === undefined ? '' : JSON.stringify(body),
  json: body,
  malformedJson: false,
});

const page = { data: [], next_cursor: null };
const error = (code: string, requestId = 'req_1') => ({
  error: code,
  error_description: 'x',
  request_id: requestId,
});
const list = operationSpec('listPipelines');

describe('conformanceProblems', () => {
  it.each([
    ['a documented 200', respond(200, { 'x-request-id': 'req_1' }, page), []],
    ['a 5xx', respond(500, { 'x-request-id': 'req_1' }, error('server_error')), [/^server error 500/]],
    ['an undocumented status', respond(418, { 'x-request-id': 'req_1' }, page), [/^undocumented status 418/]],
    [
      'a body that breaks its schema',
      respond(200, { 'x-request-id': 'req_1' }, { data: 1, next_cursor: null }),
      [/^response body\/data: /],
    ],
    [
      'a member the schema does not declare',
      respond(200, { 'x-request-id': 'req_1' }, { ...page, total: 3 }),
      [/member \/total is not in the spec's schema/],
    ],
    [
      'a required header missing',
      respond(200, {}, page),
      [/header X-Request-Id: documented as required, missing/],
    ],
    [
      'an undocumented header',
      respond(200, { 'x-request-id': 'req_1', 'x-powered-by': 'me' }, page),
      [/header x-powered-by: not documented for 200/],
    ],
    [
      'request_id differing from X-Request-Id',
      respond(404, { 'x-request-id': 'req_1' }, error('not_found', 'req_2')),
      [/undocumented status 404/],
    ],
    [
      'an error code of another status',
      respond(400, { 'x-request-id': 'req_1' }, error('not_found')),
      [/error not_found is documented with status 404, answered with 400/],
    ],
  ])('%s', (_, response, want) => {
    const problems = conformanceProblems(list, response);
    expect(problems).toHaveLength(want.length);
    want.forEach((pattern, i) => {
      expect(problems[i]).toMatch(pattern);
    });
  });

  it('checks request_id against X-Request-Id', () => {
    const problems = conformanceProblems(
      operationSpec('getPipeline'),
      respond(404, { 'x-request-id': 'req_1' }, error('not_found', 'req_2')),
    );
    expect(problems).toEqual(['body request_id req_2 differs from X-Request-Id req_1']);
  });

  it('checks documented header values (enum)', () => {
    const problems = conformanceProblems(
      operationSpec('createToken'),
      respond(
        401,
        { 'x-request-id': 'req_1', 'cache-control': 'public', pragma: 'no-cache' },
        error('invalid_client'),
      ),
    );
    expect(problems).toEqual(['header Cache-Control: must be "no-store", got "public"']);
  });

  it('allows the headers it is told to', () => {
    const response = respond(200, { 'x-request-id': 'req_1', 'x-cache': 'HIT' }, page);
    expect(
      conformanceProblems(list, response, { allowedHeaders: new Set(['content-type', 'x-cache']) }),
    ).toEqual([]);
  });

  it('reads the status of each error code from the spec', () => {
    expect(errorCodeStatuses().get('insufficient_scope')).toBe(403);
    expect(errorCodeStatuses().get('invalid_client')).toBe(401);
  });
});
