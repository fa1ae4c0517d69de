import type { ErrorCode } from '@neuracraft/types';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiKey, createClient, isNeuraCraftError, NeuraCraftError, type Result } from '../src/index.js';
import { createKey } from './support/server.js';

const { url, dataDir } = inject('api');

describe('every error the server answers surfaces as a typed NeuraCraftError', () => {
  let reader: string;
  let writer: string;
  beforeAll(async () => {
    ({ key: reader } = await createKey(dataDir, 'pipeline:read'));
    ({ key: writer } = await createKey(dataDir, 'pipeline:read pipeline:write'));
  });

  const cases: [string, () => Promise<Result<unknown>>, number, ErrorCode, Partial<NeuraCraftError>?][] = [
    [
      'no credential',
      () => createClient({ baseUrl: url }).GET('/v1/pipelines'),
      401,
      'authentication_required',
    ],
    [
      'an API key that does not exist',
      () => createClient({ baseUrl: url, auth: apiKey(`nc_${'A'.repeat(49)}`) }).GET('/v1/pipelines'),
      401,
      'invalid_api_key',
    ],
    [
      'a bearer token that is not one of ours',
      () =>
        createClient({ baseUrl: url }).GET('/v1/pipelines', {
          headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln' },
        }),
      401,
      'invalid_token',
    ],
    [
      'two credentials at once',
      () =>
        createClient({ baseUrl: url, auth: apiKey(reader) }).GET('/v1/pipelines', {
          headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln' },
        }),
      400,
      'invalid_request',
    ],
    [
      'a key without the scope',
      () =>
        createClient({ baseUrl: url, auth: apiKey(reader) }).POST('/v1/pipelines', {
          body: { name: 'x', steps: [] },
        }),
      403,
      'insufficient_scope',
      { requiredScopes: expect.arrayContaining(['pipeline:write']) },
    ],
    [
      'an unknown id',
      () =>
        createClient({ baseUrl: url, auth: apiKey(reader) }).GET('/v1/pipelines/{id}', {
          params: { path: { id: 'pl_000000000000000000000000' } },
        }),
      404,
      'not_found',
    ],
    [
      'a body that breaks the schema',
      () =>
        createClient({ baseUrl: url, auth: apiKey(writer) }).POST('/v1/pipelines', {
          body: { name: '', steps: [] },
        }),
      400,
      'invalid_request',
      {
        issues: [
          expect.objectContaining({ path: expect.stringMatching(/\/name$/), message: expect.any(String) }),
        ],
      },
    ],
    [
      'a body too large',
      () =>
        createClient({ baseUrl: url, auth: apiKey(writer) }).POST('/v1/pipelines', {
          body: { name: 'big', description: 'x'.repeat(1_100_000), steps: [] },
        }),
      413,
      'payload_too_large',
    ],
    [
      'a body that is not JSON',
      () =>
        createClient({ baseUrl: url, auth: apiKey(writer) }).POST('/v1/pipelines', {
          body: { name: 'x', steps: [] },
          headers: { 'Content-Type': 'text/plain' },
        }),
      415,
      'unsupported_media_type',
    ],
  ];

  it.each(cases)('%s', async (_, call, status, code, more = {}) => {
    const { data, error, response } = await call();
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(NeuraCraftError);
    expect(error).toMatchObject({ name: 'NeuraCraftError', status, code, response, ...more });
    expect(error?.requestId).toBe(response.headers.get('X-Request-Id'));
    expect(error?.description).toEqual(expect.any(String));
    expect(error?.message).toBe(`${code}: ${error?.description}`);
    expect(isNeuraCraftError(error, code)).toBe(true);
  });

  it('answers 409 conflict to an Idempotency-Key reused with another body', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(writer) });
    const header = { 'Idempotency-Key': `conflict-${Date.now()}` };
    const first = await client.POST('/v1/pipelines', {
      params: { header },
      body: { name: 'first', steps: [] },
    });
    const again = await client.POST('/v1/pipelines', {
      params: { header },
      body: { name: 'first', steps: [] },
    });
    expect(again.data).toEqual(first.data);
    const other = await client.POST('/v1/pipelines', {
      params: { header },
      body: { name: 'second', steps: [] },
    });
    expect(other.error).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('throws the same error with throwOnError: true', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(`nc_${'A'.repeat(49)}`), throwOnError: true });
    const thrown = await client.GET('/v1/pipelines').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(NeuraCraftError);
    expect(isNeuraCraftError(thrown, 'invalid_api_key')).toBe(true);
    expect(isNeuraCraftError(thrown, 'invalid_token')).toBe(false);
  });

  it('paginate throws, whatever throwOnError says', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(`nc_${'A'.repeat(49)}`) });
    const iterate = async () => {
      for await (const _ of client.paginate('/v1/pipelines')) {
        // nothing
      }
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'invalid_api_key', status: 401 });
  });

  it('rejects (does not return an error) on a network fault', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', auth: apiKey(reader), retry: false });
    await expect(client.GET('/v1/pipelines')).rejects.toThrow(TypeError);
  });
});
