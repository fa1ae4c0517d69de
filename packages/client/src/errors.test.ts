import { describe, expect, it } from 'vitest';
import { isNeuraCraftError, NeuraCraftError } from './errors.js';

describe('NeuraCraftError', () => {
  it.each([
    [
      'an API error body',
      {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description: 'Needs pipeline:write.',
          request_id: 'req_1',
          required_scopes: ['pipeline:write'],
        },
      },
      {
        code: 'insufficient_scope',
        description: 'Needs pipeline:write.',
        requestId: 'req_1',
        requiredScopes: ['pipeline:write'],
      },
    ],
    [
      'a 502 page from a proxy',
      { status: 502, body: '<html>Bad Gateway</html>' },
      { code: 'server_error', description: 'HTTP 502' },
    ],
    ['an empty 429', { status: 429, body: undefined }, { code: 'rate_limited' }],
    [
      'a body without a code',
      { status: 400, body: { error_description: 'x' } },
      { code: 'invalid_request', description: 'x' },
    ],
  ])('reads %s', (_, { status, body }, want) => {
    expect(new NeuraCraftError(status, body)).toMatchObject({ status, ...want });
  });

  it('is recognised across copies of the package, by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'NeuraCraftError', code: 'invalid_token' });
    expect(isNeuraCraftError(foreign)).toBe(true);
    expect(isNeuraCraftError(foreign, 'invalid_token')).toBe(true);
    expect(isNeuraCraftError(foreign, 'invalid_api_key')).toBe(false);
    expect(isNeuraCraftError(new Error('x'))).toBe(false);
    expect(isNeuraCraftError({ name: 'NeuraCraftError', code: 'invalid_token' })).toBe(false);
  });
});
