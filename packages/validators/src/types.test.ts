import type { components } from '@neuracraft/types';
import { describe, expectTypeOf, it } from 'vitest';
import { validateRequest } from './request.js';
import { validateResponse } from './response.js';

// Checked by `tsc` (pnpm typecheck): the values carry the spec's types.
describe('typed results', () => {
  it('types a request by operationId or route', () => {
    const list = validateRequest('listPipelines', { query: { limit: '5' } });
    if (list.ok) {
      expectTypeOf(list.value.query.limit).toEqualTypeOf<number | undefined>();
      expectTypeOf(list.value.body).toEqualTypeOf<undefined>();
    }
    const create = validateRequest('POST /v1/pipelines', { body: { name: 'p' } });
    if (create.ok) {
      expectTypeOf(create.value.body).toEqualTypeOf<components['schemas']['PipelineCreate']>();
      expectTypeOf(create.value.headers['idempotency-key']).toEqualTypeOf<string | undefined>();
    }
    const get = validateRequest('getPipeline', { params: { id: 'pl_1' } });
    if (get.ok) {
      expectTypeOf(get.value.params.id).toEqualTypeOf<string>();
    }
    const trigger = validateRequest('triggerWorkflow', { params: { id: 'wf_1' } });
    if (trigger.ok) {
      expectTypeOf(trigger.value.body).toEqualTypeOf<components['schemas']['ExecutionCreate'] | undefined>();
    }
  });

  it('types a response by status', () => {
    const ok = validateResponse('getPipeline', 200, {});
    if (ok.ok) {
      expectTypeOf(ok.value).toEqualTypeOf<components['schemas']['Pipeline']>();
    }
    const error = validateResponse('GET /v1/pipelines/{id}', 404, {});
    if (error.ok) {
      expectTypeOf(error.value).toEqualTypeOf<components['schemas']['Error']>();
    }
    const none = validateResponse('deletePipeline', 204, undefined);
    if (none.ok) {
      expectTypeOf(none.value).toEqualTypeOf<undefined>();
    }
  });

  it('accepts only operations of the spec', () => {
    // @ts-expect-error not an operation
    expectTypeOf(validateRequest).toBeCallableWith('noSuchOperation', {});
  });
});
