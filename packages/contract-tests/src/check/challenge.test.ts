import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.js';

describe('parseChallenges (RFC 9110 §11.6.1)', () => {
  it.each([
    ['a bare scheme', 'Bearer', [{ scheme: 'bearer', params: {} }]],
    ['a realm', 'Bearer realm="neuracraft"', [{ scheme: 'bearer', params: { realm: 'neuracraft' } }]],
    [
      'RFC 6750 §3 error and scope',
      'Bearer realm="x", error="insufficient_scope", scope="pipeline:read pipeline:write"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'x', error: 'insufficient_scope', scope: 'pipeline:read pipeline:write' },
        },
      ],
    ],
    [
      'two challenges and a token value',
      'Basic realm="a", Bearer error=invalid_token',
      [
        { scheme: 'basic', params: { realm: 'a' } },
        { scheme: 'bearer', params: { error: 'invalid_token' } },
      ],
    ],
    [
      'escaped quotes',
      'Bearer error_description="say \\"hi\\""',
      [{ scheme: 'bearer', params: { error_description: 'say "hi"' } }],
    ],
  ])('%s', (_, header, want) => {
    expect(parseChallenges(header)).toEqual(want);
  });
});
