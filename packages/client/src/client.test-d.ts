import type { components, ErrorCode } from '@neuracraft/types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  apiKey,
  clientCredentials,
  createClient,
  isNeuraCraftError,
  type ListPath,
  type NeuraCraftError,
} from './index.js';

type Pipeline = components['schemas']['Pipeline'];

const client = createClient({ baseUrl: 'http://localhost:8080', auth: apiKey('nc_x') });
const strict = createClient({ baseUrl: 'http://localhost:8080', auth: apiKey('nc_x'), throwOnError: true });

describe('paths', () => {
  it('accepts every path of the spec with its method', () => {
    client.GET('/v1/pipelines');
    client.GET('/v1/me');
    client.POST('/v1/pipelines', { body: { name: 'n', steps: [] } });
    client.PATCH('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } }, body: { name: 'n' } });
    client.DELETE('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } } });
  });

  it('rejects a path the spec does not have', () => {
    // @ts-expect-error: no such path
    client.GET('/v1/pipeline');
    // @ts-expect-error: no such path
    client.GET('/v2/pipelines');
  });

  it('rejects a method the path does not have', () => {
    // @ts-expect-error: /v1/me has no POST
    client.POST('/v1/me', {});
    // @ts-expect-error: pipelines are modified with PATCH, not PUT
    client.PUT('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } }, body: { name: 'n' } });
  });
});

describe('parameters and bodies', () => {
  it('rejects a missing required path parameter', () => {
    // @ts-expect-error: params.path.id is required
    client.GET('/v1/pipelines/{id}');
    // @ts-expect-error: params.path.id is required
    client.GET('/v1/pipelines/{id}', { params: { path: {} } });
    // @ts-expect-error: params.path.id is a string
    client.GET('/v1/pipelines/{id}', { params: { path: { id: 1 } } });
  });

  it('rejects a missing required body and a missing required body field', () => {
    // @ts-expect-error: createPipeline needs a body
    client.POST('/v1/pipelines');
    // @ts-expect-error: name is required
    client.POST('/v1/pipelines', { body: { description: 'no name', steps: [] } });
  });

  it('rejects a body field the schema does not have, or of the wrong type', () => {
    // @ts-expect-error: PipelineCreate has no `title`
    client.POST('/v1/pipelines', { body: { name: 'n', steps: [], title: 't' } });
    // @ts-expect-error: name is a string
    client.POST('/v1/pipelines', { body: { name: 42, steps: [] } });
    // @ts-expect-error: a step needs `uses`
    client.POST('/v1/pipelines', { body: { name: 'n', steps: [{ name: 's' }] } });
  });

  it('types the query and header parameters', () => {
    client.GET('/v1/pipelines', { params: { query: { limit: 10, cursor: 'c' } } });
    client.POST('/v1/pipelines', {
      params: { header: { 'Idempotency-Key': 'k' } },
      body: { name: 'n', steps: [] },
    });
    // @ts-expect-error: limit is a number
    client.GET('/v1/pipelines', { params: { query: { limit: '10' } } });
    // @ts-expect-error: no such query parameter
    client.GET('/v1/pipelines', { params: { query: { page: 2 } } });
  });
});

describe('results', () => {
  it('returns { data } or { error: NeuraCraftError } by default', async () => {
    const r = await client.GET('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } } });
    if (r.error) {
      expectTypeOf(r.error).toEqualTypeOf<NeuraCraftError>();
      expectTypeOf(r.error.code).toEqualTypeOf<ErrorCode>();
      expectTypeOf(r.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(r.data).toEqualTypeOf<Pipeline>();
    }
  });

  it('returns { data } with throwOnError', async () => {
    const { data } = await strict.GET('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } } });
    expectTypeOf(data).toEqualTypeOf<Pipeline>();
    expectTypeOf(await strict.POST('/v1/pipelines', { body: { name: 'n', steps: [] } })).not.toHaveProperty(
      'error',
    );
  });

  it('types a success without a body as undefined', async () => {
    const { data } = await strict.DELETE('/v1/pipelines/{id}', { params: { path: { id: 'pl_1' } } });
    expectTypeOf(data).toEqualTypeOf<undefined>();
  });

  it('follows parseAs', async () => {
    const { data } = await strict.GET('/metrics', { parseAs: 'text' });
    expectTypeOf(data).toEqualTypeOf<string>();
    const { data: json } = await strict.GET('/healthz');
    expectTypeOf(json).toEqualTypeOf<components['schemas']['Health']>();
  });

  it('narrows errors by code', () => {
    const e: unknown = undefined;
    if (isNeuraCraftError(e, 'insufficient_scope')) {
      expectTypeOf(e.code).toEqualTypeOf<'insufficient_scope'>();
      expectTypeOf(e.requiredScopes).toEqualTypeOf<readonly components['schemas']['Scope'][] | undefined>();
    }
    // @ts-expect-error: not an error code of the spec
    isNeuraCraftError(e, 'invalid_key');
  });
});

describe('paginate', () => {
  it('yields the items of a list path', async () => {
    for await (const p of client.paginate('/v1/pipelines', { params: { query: { limit: 100 } } })) {
      expectTypeOf(p).toEqualTypeOf<Pipeline>();
    }
    for await (const ex of client.paginate('/v1/executions', { params: { query: { status: 'running' } } })) {
      expectTypeOf(ex).toEqualTypeOf<components['schemas']['Execution']>();
    }
  });

  it('accepts only list paths', () => {
    expectTypeOf<'/v1/pipelines'>().toExtend<ListPath>();
    expectTypeOf<'/v1/me'>().not.toExtend<ListPath>();
    // @ts-expect-error: /v1/me is not a list
    client.paginate('/v1/me');
    // @ts-expect-error: not a status of the spec
    client.paginate('/v1/executions', { params: { query: { status: 'done' } } });
    // @ts-expect-error: a POST-only path
    client.paginate('/v1/workflows/{id}/executions', { params: { path: { id: 'wf_1' } } });
  });
});

describe('auth', () => {
  it('takes the spec scopes and the two client authentication methods', () => {
    clientCredentials({ clientId: 'a', clientSecret: 's', scopes: ['pipeline:read', 'workflow:execute'] });
    clientCredentials({
      clientId: 'a',
      clientSecret: 's',
      authMethod: 'client_secret_post',
      scopes: 'pipeline:read',
    });
    // @ts-expect-error: not a scope of the spec
    clientCredentials({ clientId: 'a', clientSecret: 's', scopes: ['pipelines:read'] });
    // @ts-expect-error: not a client authentication method the server supports
    clientCredentials({ clientId: 'a', clientSecret: 's', authMethod: 'private_key_jwt' });
    // @ts-expect-error: the secret is required
    clientCredentials({ clientId: 'a' });
  });
});
