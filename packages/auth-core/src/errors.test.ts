import { ERROR_CODES } from '@neuracraft/types';
import { describe, expect, it } from 'vitest';
import { AUTH_ERRORS, AuthError, type AuthErrorCode, type AuthErrorOptions, fail, ok } from './errors.js';

describe('AUTH_ERRORS', () => {
  it('uses only codes of the spec error body', () => {
    for (const code of Object.keys(AUTH_ERRORS)) {
      expect(ERROR_CODES).toContain(code);
    }
  });

  it.each<[AuthErrorCode, number]>([
    ['invalid_request', 400],
    ['authentication_required', 401],
    ['invalid_api_key', 401],
    ['invalid_token', 401],
    ['invalid_session', 401],
    ['insufficient_scope', 403],
    ['invalid_client', 401],
    ['invalid_grant', 400],
    ['invalid_scope', 400],
    ['unauthorized_client', 400],
    ['unsupported_grant_type', 400],
    ['unsupported_token_type', 400],
  ])('RFC 6749 §5.2 / RFC 6750 §3.1: %s → %i', (code, status) => {
    expect(new AuthError(code).status).toBe(status);
  });
});

describe('AuthError.headers', () => {
  it.each<[string, { code: AuthErrorCode; options?: AuthErrorOptions; want: string | undefined }]>([
    [
      'RFC 6750 §3.1: no credential → bare Bearer challenge',
      { code: 'authentication_required', want: 'Bearer realm="neuracraft"' },
    ],
    [
      'RFC 6750 §3: invalid_token → error and error_description',
      {
        code: 'invalid_token',
        options: { description: 'The access token expired.' },
        want: 'Bearer realm="neuracraft", error="invalid_token", error_description="The access token expired."',
      },
    ],
    [
      'RFC 6750 §3.1: insufficient_scope → scope attribute',
      {
        code: 'insufficient_scope',
        options: {
          challenge: 'bearer',
          description: 'Needs more.',
          requiredScopes: ['pipeline:read', 'admin:all'],
        },
        want: 'Bearer realm="neuracraft", error="insufficient_scope", error_description="Needs more.", scope="pipeline:read admin:all"',
      },
    ],
    [
      'RFC 6750 §3.1: insufficient_scope without required scopes has no scope attribute',
      {
        code: 'insufficient_scope',
        options: { challenge: 'bearer', description: 'No.', requiredScopes: [] },
        want: 'Bearer realm="neuracraft", error="insufficient_scope", error_description="No."',
      },
    ],
    [
      'RFC 6750 §3: characters outside the quoted-string set are dropped',
      {
        code: 'invalid_token',
        options: { description: 'a "quoted" \\ é\nline' },
        want: 'Bearer realm="neuracraft", error="invalid_token", error_description="a quoted  line"',
      },
    ],
    [
      'RFC 9110 §15.5.2: invalid_api_key keeps a bare Bearer challenge',
      { code: 'invalid_api_key', want: 'Bearer realm="neuracraft"' },
    ],
    [
      'RFC 6749 §5.2: invalid_client after HTTP Basic → Basic challenge',
      { code: 'invalid_client', options: { challenge: 'basic' }, want: 'Basic realm="neuracraft"' },
    ],
    [
      'RFC 6749 §5.2: invalid_client after client_secret_post → none',
      { code: 'invalid_client', want: undefined },
    ],
    ['RFC 6749 §5.2: invalid_scope → none', { code: 'invalid_scope', want: undefined }],
    [
      'RFC 6750 §3.1: insufficient_scope with challenge null → none',
      { code: 'insufficient_scope', options: { challenge: null }, want: undefined },
    ],
  ])('%s', (_name, { code, options, want }) => {
    const headers = new AuthError(code, options).headers();
    expect(headers['WWW-Authenticate']).toBe(want);
    expect(headers['Cache-Control']).toBe('no-store');
  });
});

describe('AuthError body and response', () => {
  it('RFC 6749 §5.2: body has error, error_description, request_id', () => {
    expect(new AuthError('invalid_api_key').toBody('req_1')).toEqual({
      error: 'invalid_api_key',
      error_description: AUTH_ERRORS.invalid_api_key.description,
      request_id: 'req_1',
    });
  });

  it('RFC 6750 §3.1: insufficient_scope body names required_scopes', () => {
    const body = new AuthError('insufficient_scope', { requiredScopes: ['pipeline:write'] }).toBody('r');
    expect(body.required_scopes).toEqual(['pipeline:write']);
  });

  it('toResponse gives status, headers and JSON body', async () => {
    const response = new AuthError('invalid_token').toResponse('req_2');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'invalid_token', request_id: 'req_2' });
  });

  it('keeps reason and cause internal', () => {
    const cause = new Error('db down');
    const error = new AuthError('invalid_api_key', { reason: 'revoked', cause });
    expect(error.reason).toBe('revoked');
    expect(error.cause).toBe(cause);
    expect(Object.keys(error.toBody('r'))).toEqual(['error', 'error_description', 'request_id']);
    expect(new AuthError('invalid_grant').reason).toBe('invalid_grant');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AuthError');
  });

  it('ok and fail build results', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    const denied = fail('invalid_scope', { reason: 'x' });
    expect(denied.ok).toBe(false);
    expect(denied.error.code).toBe('invalid_scope');
    const error = new AuthError('invalid_grant');
    expect(fail(error).error).toBe(error);
  });
});
