import { describe, expect, it } from 'vitest';
import { sessionAuth } from './session-auth';

type OnRequest = (params: { request: Request }) => Promise<Request | undefined> | Request | undefined;
type OnResponse = (params: {
  request: Request;
  response: Response;
}) => Promise<Response | undefined> | Response | undefined;

const ORIGIN = 'http://127.0.0.1:8080';

function setup(token: string | null = 'csrf-token-of-the-session') {
  let ended = 0;
  const auth = sessionAuth(() => {
    ended++;
  });
  auth.setCsrfToken(token);
  const onRequest = auth.onRequest as unknown as OnRequest;
  const onResponse = auth.onResponse as unknown as OnResponse;
  return {
    send: async (method: string, path = '/v1/api-keys') =>
      (await onRequest({ request: new Request(`${ORIGIN}${path}`, { method }) })) as Request,
    answer: async (path: string, status: number, body: unknown) => {
      await onResponse({
        request: new Request(`${ORIGIN}${path}`),
        response: new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      });
      return ended;
    },
  };
}

describe('sessionAuth: the CSRF header', () => {
  it.each([
    ['POST', { want: 'csrf-token-of-the-session' }],
    ['PATCH', { want: 'csrf-token-of-the-session' }],
    ['PUT', { want: 'csrf-token-of-the-session' }],
    ['DELETE', { want: 'csrf-token-of-the-session' }],
    ['GET', { want: null }],
    ['HEAD', { want: null }],
  ])('%s → X-CSRF-Token %s', async (method, { want }) => {
    const request = await setup().send(method);
    expect(request.headers.get('X-CSRF-Token')).toBe(want);
    expect(request.credentials).toBe('same-origin');
  });

  it('sends none before sign-in, or after the token is forgotten', async () => {
    expect((await setup(null).send('POST')).headers.get('X-CSRF-Token')).toBeNull();
  });
});

describe('sessionAuth: an ended session', () => {
  it.each([
    ['invalid_session on a list', { given: ['/v1/api-keys', 401, { error: 'invalid_session' }], want: 1 }],
    [
      'authentication_required (no cookie)',
      { given: ['/auth/session', 401, { error: 'authentication_required' }], want: 1 },
    ],
    [
      'a wrong password is not an ended session',
      { given: ['/auth/login', 401, { error: 'invalid_credentials' }], want: 0 },
    ],
    ['a 401 of another kind', { given: ['/v1/api-keys', 401, { error: 'invalid_api_key' }], want: 0 }],
    ['a refused CSRF token', { given: ['/v1/api-keys', 403, { error: 'csrf_token_invalid' }], want: 0 }],
    ['a body that is not JSON', { given: ['/v1/api-keys', 401, undefined], want: 0 }],
    ['success', { given: ['/v1/api-keys', 200, { data: [] }], want: 0 }],
  ] as const)('%s', async (_, { given: [path, status, body], want }) => {
    expect(await setup().answer(path, status, body)).toBe(want);
  });
});
