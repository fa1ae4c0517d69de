/**
 * What each resource does, over real HTTP against a real server process: pipelines, workflows,
 * executions, plugins, API keys, OAuth apps, audit events; and what every operation shares —
 * `Idempotency-Key`, cursor pagination, request validation.
 */
import { OPERATIONS, type OperationDescriptor, type OperationId } from '@neuracraft/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallOptions,
  call,
  createApp,
  createKey,
  createOrg,
  expectDocumented,
  expectError,
  type Json,
  type Org,
  type Reply,
  remember,
  requestToken,
  sleep,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';

let world: World;
let server: World['server'];
let a: Org;
let b: Org;

beforeAll(async () => {
  // Refusals are part of what is tested here; the throttle on failed authentication has its own tests.
  world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  ({ server, a, b } = world);
});

afterAll(async () => {
  const { lines, leaked } = await stopServersAndScanLogs();
  expect(lines).toBeGreaterThan(0);
  expect(leaked).toEqual([]);
});

/** A request of org A's admin (or of `org`'s). */
const as =
  (org: Org) =>
  (method: string, path: string, json?: unknown, extra: CallOptions = {}) =>
    call(server, method, path, { key: org.adminKey, ...(json !== undefined && { json }), ...extra });
const A = (method: string, path: string, json?: unknown, extra: CallOptions = {}) =>
  as(a)(method, path, json, extra);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

async function created(reply: Reply, op: OperationId): Promise<Json> {
  expect(reply.status, reply.text).toBe(201);
  expectDocumented(op, reply);
  return reply.body;
}
const newPipeline = async (org: Org = a, name = 'orders') =>
  created(
    await as(org)('POST', '/v1/pipelines', { name, steps: [{ name: 'fetch', uses: 'http-request@1' }] }),
    'createPipeline',
  );
const newWorkflow = async (org: Org = a, extra: Record<string, unknown> = {}) =>
  created(
    await as(org)('POST', '/v1/workflows', {
      name: 'daily',
      pipeline_id: (await newPipeline(org)).id,
      ...extra,
    }),
    'createWorkflow',
  );
const trigger = async (workflowId: string, inputs?: Record<string, unknown>) =>
  created(await A('POST', `/v1/workflows/${workflowId}/executions`, inputs && { inputs }), 'triggerWorkflow');

describe('pipelines', () => {
  it('POST /v1/pipelines creates one: 201, a pl_ id, the members given, description null and steps [] by default', async () => {
    const full = await created(
      await A('POST', '/v1/pipelines', {
        name: 'Daily orders',
        description: 'Pulls orders',
        steps: [{ name: 'fetch', uses: 'http-request@1.2', with: { url: 'https://example.com' } }],
      }),
      'createPipeline',
    );
    expect(full).toMatchObject({
      id: expect.stringMatching(/^pl_[0-9A-Za-z]{24}$/),
      name: 'Daily orders',
      description: 'Pulls orders',
      steps: [{ name: 'fetch', uses: 'http-request@1.2', with: { url: 'https://example.com' } }],
      created_at: expect.stringMatching(ISO),
    });
    expect(full.updated_at).toBe(full.created_at);
    const bare = await created(await A('POST', '/v1/pipelines', { name: 'bare' }), 'createPipeline');
    expect(bare).toMatchObject({ description: null, steps: [] });
  });

  it('GET answers it; PATCH replaces only the members given and moves updated_at', async () => {
    const p = await newPipeline();
    const got = await A('GET', `/v1/pipelines/${p.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(p);
    await sleep(5);
    const patched = await A('PATCH', `/v1/pipelines/${p.id}`, { description: 'now described' });
    expect(patched.status, patched.text).toBe(200);
    expectDocumented('updatePipeline', patched);
    expect(patched.body).toMatchObject({ name: p.name, steps: p.steps, description: 'now described' });
    expect(patched.body.updated_at > p.updated_at).toBe(true);
    expect((await A('GET', `/v1/pipelines/${p.id}`)).body).toEqual(patched.body);
  });

  it('DELETE answers 204; afterwards GET and DELETE are 404 not_found', async () => {
    const p = await newPipeline();
    const deleted = await A('DELETE', `/v1/pipelines/${p.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectError(await A('GET', `/v1/pipelines/${p.id}`), 404, 'not_found', 'getPipeline');
    expectError(await A('DELETE', `/v1/pipelines/${p.id}`), 404, 'not_found', 'deletePipeline');
  });

  it('a pipeline that a workflow still uses cannot be deleted → 409 conflict, and stays', async () => {
    const w = await newWorkflow();
    expectError(await A('DELETE', `/v1/pipelines/${w.pipeline_id}`), 409, 'conflict', 'deletePipeline');
    expect((await A('GET', `/v1/pipelines/${w.pipeline_id}`)).status).toBe(200);
  });
});

describe('workflows', () => {
  it('POST /v1/workflows creates one: a wf_ id, trigger manual and enabled by default', async () => {
    const w = await newWorkflow();
    expect(w).toMatchObject({
      id: expect.stringMatching(/^wf_[0-9A-Za-z]{24}$/),
      name: 'daily',
      trigger: { type: 'manual' },
      enabled: true,
    });
    const scheduled = await newWorkflow(a, {
      trigger: { type: 'schedule', cron: '0 6 * * *' },
      enabled: false,
    });
    expect(scheduled).toMatchObject({ trigger: { type: 'schedule', cron: '0 6 * * *' }, enabled: false });
  });

  it.each([
    ['names no pipeline', async () => 'pl_000000000000000000000000'],
    ["names org B's pipeline", async () => (await newPipeline(b)).id],
  ])('a pipeline_id that %s → 404 not_found, on create and on update', async (_, pipelineId) => {
    const id = await pipelineId();
    expectError(
      await A('POST', '/v1/workflows', { name: 'x', pipeline_id: id }),
      404,
      'not_found',
      'createWorkflow',
    );
    const w = await newWorkflow();
    expectError(
      await A('PATCH', `/v1/workflows/${w.id}`, { pipeline_id: id }),
      404,
      'not_found',
      'updateWorkflow',
    );
  });

  it('PATCH replaces the members given; DELETE answers 204 and leaves its executions readable', async () => {
    const w = await newWorkflow();
    const patched = await A('PATCH', `/v1/workflows/${w.id}`, {
      name: 'weekly',
      trigger: { type: 'schedule', cron: '0 0 * * 1' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'weekly',
      trigger: { type: 'schedule', cron: '0 0 * * 1' },
      enabled: true,
    });
    const ex = await trigger(w.id);
    expect((await A('DELETE', `/v1/workflows/${w.id}`)).status).toBe(204);
    expectError(await A('GET', `/v1/workflows/${w.id}`), 404, 'not_found', 'getWorkflow');
    const after = await A('GET', `/v1/executions/${ex.id}`);
    expect(after.status, after.text).toBe(200);
    expect(after.body).toEqual(ex);
  });

  it('triggering queues an execution: 201, an ex_ id, status queued, the inputs given ({} without a body)', async () => {
    const w = await newWorkflow();
    const ex = await trigger(w.id, { date: '2026-01-01', dry_run: true });
    expect(ex).toMatchObject({
      id: expect.stringMatching(/^ex_[0-9A-Za-z]{24}$/),
      workflow_id: w.id,
      pipeline_id: w.pipeline_id,
      status: 'queued',
      inputs: { date: '2026-01-01', dry_run: true },
      finished_at: null,
    });
    const noBody = await call(server, 'POST', `/v1/workflows/${w.id}/executions`, { key: a.adminKey });
    expect(noBody.status, noBody.text).toBe(201);
    expect(noBody.body).toMatchObject({ status: 'queued', inputs: {} });
  });

  it('a disabled workflow cannot be triggered → 409 conflict', async () => {
    const w = await newWorkflow(a, { enabled: false });
    expectError(await A('POST', `/v1/workflows/${w.id}/executions`, {}), 409, 'conflict', 'triggerWorkflow');
  });
});

describe('executions', () => {
  it('cancel moves a queued execution to canceled with finished_at; cancelling again → 409 conflict', async () => {
    const ex = await trigger((await newWorkflow()).id);
    const canceled = await A('POST', `/v1/executions/${ex.id}/cancel`);
    expect(canceled.status, canceled.text).toBe(200);
    expectDocumented('cancelExecution', canceled);
    expect(canceled.body).toMatchObject({
      id: ex.id,
      status: 'canceled',
      finished_at: expect.stringMatching(ISO),
    });
    expectError(await A('POST', `/v1/executions/${ex.id}/cancel`), 409, 'conflict', 'cancelExecution');
    expect((await A('GET', `/v1/executions/${ex.id}`)).body).toEqual(canceled.body);
  });

  it('lists newest first, filtered by workflow_id and by status', async () => {
    const w = await newWorkflow();
    const first = await trigger(w.id);
    const second = await trigger(w.id);
    await A('POST', `/v1/executions/${first.id}/cancel`);
    const all = await A('GET', `/v1/executions?workflow_id=${w.id}`);
    expect(all.status, all.text).toBe(200);
    expectDocumented('listExecutions', all);
    expect(all.body.data.map((e: Json) => e.id)).toEqual([second.id, first.id]);
    const queued = await A('GET', `/v1/executions?workflow_id=${w.id}&status=queued`);
    expect(queued.body.data.map((e: Json) => e.id)).toEqual([second.id]);
    const canceled = await A('GET', '/v1/executions?status=canceled');
    expect(canceled.body.data.every((e: Json) => e.status === 'canceled')).toBe(true);
    expect(canceled.body.data.map((e: Json) => e.id)).toContain(first.id);
  });
});

describe('plugins', () => {
  it('install: 201, a plg_ id, enabled and config {} by default; the same name again → 409 conflict', async () => {
    const p = await created(
      await A('POST', '/v1/plugins', { name: 'slack-notify', version: '1.2.3' }),
      'installPlugin',
    );
    expect(p).toMatchObject({
      id: expect.stringMatching(/^plg_[0-9A-Za-z]{24}$/),
      name: 'slack-notify',
      version: '1.2.3',
      enabled: true,
      config: {},
      installed_at: expect.stringMatching(ISO),
    });
    expectError(
      await A('POST', '/v1/plugins', { name: 'slack-notify', version: '2.0.0' }),
      409,
      'conflict',
      'installPlugin',
    );
  });

  it('names are per organization: org B installs a plugin that org A has', async () => {
    await created(await A('POST', '/v1/plugins', { name: 'per-org', version: '1.0.0' }), 'installPlugin');
    await created(await as(b)('POST', '/v1/plugins', { name: 'per-org', version: '1.0.0' }), 'installPlugin');
  });

  it('PATCH changes version, enabled and config; uninstall answers 204 and the name can be installed again', async () => {
    const p = await created(
      await A('POST', '/v1/plugins', { name: 'http-request', version: '1.0.0' }),
      'installPlugin',
    );
    const patched = await A('PATCH', `/v1/plugins/${p.id}`, {
      version: '1.1.0',
      enabled: false,
      config: { timeout: 5 },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'http-request',
      version: '1.1.0',
      enabled: false,
      config: { timeout: 5 },
    });
    expect((await A('DELETE', `/v1/plugins/${p.id}`)).status).toBe(204);
    expectError(await A('GET', `/v1/plugins/${p.id}`), 404, 'not_found', 'getPlugin');
    await created(
      await A('POST', '/v1/plugins', { name: 'http-request', version: '1.1.0' }),
      'installPlugin',
    );
  });
});

describe('API keys', () => {
  it('are created with every scope but admin:all by default; the key, shown once, works at once', async () => {
    const reply = await A('POST', '/v1/api-keys', { name: 'ci' });
    const key = await created(reply, 'createApiKey');
    remember(key.key);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(key).toMatchObject({
      id: expect.stringMatching(/^key_[0-9A-Za-z]{24}$/),
      name: 'ci',
      key: expect.stringMatching(/^nc_[0-9A-Za-z]{49}$/),
      scopes: ['pipeline:read', 'pipeline:write', 'workflow:execute', 'plugin:manage'],
      status: 'active',
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    });
    const me = await call(server, 'GET', '/v1/me', { key: key.key });
    expect(me.body).toEqual({
      org_id: a.id,
      credential: { type: 'api_key', id: key.id },
      scopes: key.scopes,
      client_id: null,
    });
    expectError(
      await call(server, 'GET', '/v1/api-keys', { key: key.key }),
      403,
      'insufficient_scope',
      'listApiKeys',
    );
  });

  it("the hint is nc_ and the first and last four characters of the key's random part, never its checksum (spec: ApiKey.hint)", async () => {
    const key = await createKey(server, a, ['pipeline:read']);
    const got = await A('GET', `/v1/api-keys/${key.id}`);
    expect(got.body.hint).toMatch(/^nc_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
    const random = key.key.slice(3, -6);
    expect(got.body.hint).toBe(`nc_${random.slice(0, 4)}…${random.slice(-4)}`);
  });

  it('admin:all is given only when asked for', async () => {
    const key = await createKey(server, a, ['admin:all']);
    expect(key.scopes).toEqual(['admin:all']);
    expect((await call(server, 'GET', '/v1/api-keys', { key: key.key })).status).toBe(200);
  });

  it('the key is never shown again: not by GET, not in the list, not in audit events', async () => {
    const key = await createKey(server, a, ['pipeline:read'], { name: 'shown once' });
    for (const path of [`/v1/api-keys/${key.id}`, '/v1/api-keys?limit=100', '/v1/audit-events?limit=100']) {
      const reply = await A('GET', path);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.text).not.toContain(key.key);
      expect(reply.text).not.toContain(key.key.slice(3, 20));
    }
    const got = await A('GET', `/v1/api-keys/${key.id}`);
    expectDocumented('getApiKey', got);
    expect(got.body).not.toHaveProperty('key');
    expect(got.body).not.toHaveProperty('hash');
  });

  it('last_used_at is written after a successful use', async () => {
    const key = await createKey(server, a, ['pipeline:read']);
    expect((await call(server, 'GET', '/v1/pipelines', { key: key.key })).status).toBe(200);
    let seen: string | null = null;
    for (let i = 0; i < 20 && seen === null; i++) {
      seen = (await A('GET', `/v1/api-keys/${key.id}`)).body.last_used_at;
      if (seen === null) {
        await sleep(100);
      }
    }
    expect(seen).toMatch(ISO);
    // Written at most once a minute per key: a second use at once leaves it as it was.
    expect((await call(server, 'GET', '/v1/pipelines', { key: key.key })).status).toBe(200);
    await sleep(300);
    expect((await A('GET', `/v1/api-keys/${key.id}`)).body.last_used_at).toBe(seen);
  });

  it('a key made with `neuracraft keys create --expires-in 2s` works, then is refused', async () => {
    const made = await server.cliJson<{ id: string; key: string; expires_at: string }>([
      'keys',
      'create',
      '--name',
      'short-lived',
      '--scopes',
      'pipeline:read',
      '--expires-in',
      '2s',
      '--org',
      a.id,
    ]);
    remember(made.key);
    expect(Date.parse(made.expires_at) - Date.now()).toBeLessThanOrEqual(2_000);
    const before = await call(server, 'GET', '/v1/pipelines', { key: made.key });
    if (Date.now() < Date.parse(made.expires_at)) {
      expect(before.status, before.text).toBe(200);
    }
    await sleep(Math.max(0, Date.parse(made.expires_at) - Date.now()) + 100);
    expectError(await call(server, 'GET', '/v1/pipelines', { key: made.key }), 401, 'invalid_api_key');
  });

  it('revoke: 204, the key is refused at once (401 invalid_api_key), stays listed as revoked; revoking again succeeds', async () => {
    const key = await createKey(server, a, ['pipeline:read']);
    expect((await call(server, 'GET', '/v1/pipelines', { key: key.key })).status).toBe(200);
    expect((await A('DELETE', `/v1/api-keys/${key.id}`)).status).toBe(204);
    expectError(
      await call(server, 'GET', '/v1/pipelines', { key: key.key }),
      401,
      'invalid_api_key',
      'listPipelines',
    );
    const got = await A('GET', `/v1/api-keys/${key.id}`);
    expect(got.body).toMatchObject({ status: 'revoked', revoked_at: expect.stringMatching(ISO) });
    const list = await A('GET', '/v1/api-keys?limit=100');
    expect(list.body.data.find((k: Json) => k.id === key.id)?.status).toBe('revoked');
    expect((await A('DELETE', `/v1/api-keys/${key.id}`)).status).toBe(204);
  });

  it('a key revoked with the CLI while the server runs is refused within seconds', async () => {
    const key = await createKey(server, a, ['pipeline:read']);
    expect((await call(server, 'GET', '/v1/pipelines', { key: key.key })).status).toBe(200);
    await server.cli(['keys', 'revoke', key.id, '--org', a.id]);
    let status = 200;
    for (let i = 0; i < 40 && status === 200; i++) {
      await sleep(250);
      status = (await call(server, 'GET', '/v1/pipelines', { key: key.key })).status;
    }
    expect(status).toBe(401);
  });

  it('expiry: a key with expires_at works until then and is refused after (401 invalid_api_key, status expired)', async () => {
    const key = await createKey(server, a, ['pipeline:read'], {
      expires_at: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(key.expires_at).toMatch(ISO);
    expect((await call(server, 'GET', '/v1/pipelines', { key: key.key })).status).toBe(200);
    await sleep(Date.parse(key.expires_at!) - Date.now() + 100);
    expectError(
      await call(server, 'GET', '/v1/pipelines', { key: key.key }),
      401,
      'invalid_api_key',
      'listPipelines',
    );
    expect((await A('GET', `/v1/api-keys/${key.id}`)).body.status).toBe('expired');
  });

  it('an expires_at in the past → 400 invalid_request', async () => {
    const reply = await A('POST', '/v1/api-keys', { name: 'late', expires_at: '2020-01-01T00:00:00Z' });
    expectError(reply, 400, 'invalid_request', 'createApiKey');
  });

  it('rotate: a new key with the same name, scopes and expiry; the old key keeps working for the grace period, then stops', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const old = await createKey(server, a, ['pipeline:read', 'workflow:execute'], {
      name: 'rotating',
      expires_at: expiresAt,
    });
    const reply = await A('POST', `/v1/api-keys/${old.id}/rotate`, { grace_period_seconds: 2 });
    const fresh = await created(reply, 'rotateApiKey');
    remember(fresh.key);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(fresh).toMatchObject({
      name: 'rotating',
      scopes: ['pipeline:read', 'workflow:execute'],
      expires_at: old.expires_at,
      key: expect.stringMatching(/^nc_[0-9A-Za-z]{49}$/),
      status: 'active',
    });
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.key).not.toBe(old.key);
    const oldNow = await A('GET', `/v1/api-keys/${old.id}`);
    expect(Date.parse(oldNow.body.expires_at)).toBeLessThanOrEqual(Date.now() + 2_500);
    for (const key of [old.key, fresh.key]) {
      expect((await call(server, 'GET', '/v1/pipelines', { key })).status).toBe(200);
    }
    await sleep(Date.parse(oldNow.body.expires_at) - Date.now() + 100);
    expectError(await call(server, 'GET', '/v1/pipelines', { key: old.key }), 401, 'invalid_api_key');
    expect((await call(server, 'GET', '/v1/pipelines', { key: fresh.key })).status).toBe(200);
  });

  it('rotate with grace_period_seconds 0: the old key is refused at once; the default grace is one day', async () => {
    const old = await createKey(server, a, ['pipeline:read']);
    expect((await call(server, 'GET', '/v1/pipelines', { key: old.key })).status).toBe(200);
    remember((await A('POST', `/v1/api-keys/${old.id}/rotate`, { grace_period_seconds: 0 })).body.key);
    expectError(await call(server, 'GET', '/v1/pipelines', { key: old.key }), 401, 'invalid_api_key');
    const other = await createKey(server, a, ['pipeline:read']);
    const rotated = await call(server, 'POST', `/v1/api-keys/${other.id}/rotate`, { key: a.adminKey });
    expect(rotated.status, rotated.text).toBe(201);
    remember(rotated.body.key);
    const graceEnds = Date.parse((await A('GET', `/v1/api-keys/${other.id}`)).body.expires_at);
    expect(Math.abs(graceEnds - (Date.now() + 86_400_000))).toBeLessThan(60_000);
  });

  it.each([
    ['revoked', async (id: string) => expect((await A('DELETE', `/v1/api-keys/${id}`)).status).toBe(204)],
    ['expired', async () => sleep(1_700)],
  ])('a key that is %s cannot be rotated → 409 conflict', async (_, spoil) => {
    const key = await createKey(server, a, ['pipeline:read'], {
      expires_at: new Date(Date.now() + 1_500).toISOString(),
    });
    await spoil(key.id);
    expectError(await A('POST', `/v1/api-keys/${key.id}/rotate`, {}), 409, 'conflict', 'rotateApiKey');
  });
});

describe('OAuth apps', () => {
  it('create: 201, client_id = id, the secret once (ncs_…), a hint, token lifetime 3600 by default, no-store', async () => {
    const reply = await A('POST', '/v1/oauth-apps', { name: 'reporting', scopes: ['pipeline:read'] });
    const app = await created(reply, 'createOAuthApp');
    remember(app.client_secret);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(app).toMatchObject({
      id: expect.stringMatching(/^app_[0-9A-Za-z]{24}$/),
      name: 'reporting',
      scopes: ['pipeline:read'],
      token_ttl_seconds: 3600,
      client_secret: expect.stringMatching(/^ncs_[0-9A-Za-z]{43}$/),
      secrets: [{ id: expect.stringMatching(/^sec_/), expires_at: null }],
    });
    expect(app.client_id).toBe(app.id);
    expect(app.secrets[0].hint).toBe(`${app.client_secret.slice(0, 8)}…${app.client_secret.slice(-4)}`);
    for (const path of [
      `/v1/oauth-apps/${app.id}`,
      '/v1/oauth-apps?limit=100',
      '/v1/audit-events?limit=100',
    ]) {
      const again = await A('GET', path);
      expect(again.status).toBe(200);
      expect(again.text).not.toContain(app.client_secret);
      expect(again.text).not.toContain('client_secret');
    }
    const token = await requestToken(server, app);
    expect(token.status, token.text).toBe(200);
    remember(token.body.access_token);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'pipeline:read' });
  });

  it.each([
    ['no scopes', { name: 'x', scopes: [] }],
    ['an unknown scope', { name: 'x', scopes: ['root'] }],
    ['a token lifetime under 60 s', { name: 'x', scopes: ['pipeline:read'], token_ttl_seconds: 59 }],
    ['a token lifetime over a day', { name: 'x', scopes: ['pipeline:read'], token_ttl_seconds: 86_401 }],
    ['no name', { scopes: ['pipeline:read'] }],
  ])('create with %s → 400 invalid_request', async (_, body) => {
    expectError(await A('POST', '/v1/oauth-apps', body), 400, 'invalid_request', 'createOAuthApp');
  });

  it('PATCH changes name, scopes and token lifetime; tokens issued afterwards follow them', async () => {
    const app = await createApp(server, a, ['pipeline:read', 'pipeline:write']);
    await sleep(5);
    const patched = await A('PATCH', `/v1/oauth-apps/${app.id}`, {
      name: 'renamed',
      scopes: ['workflow:execute'],
      token_ttl_seconds: 120,
    });
    expect(patched.status, patched.text).toBe(200);
    expectDocumented('updateOAuthApp', patched);
    expect(patched.body).toMatchObject({
      name: 'renamed',
      scopes: ['workflow:execute'],
      token_ttl_seconds: 120,
    });
    expect(patched.body.updated_at > patched.body.created_at).toBe(true);
    const token = await requestToken(server, app);
    remember(token.body.access_token);
    expect(token.body).toMatchObject({ scope: 'workflow:execute', expires_in: 120 });
    expectError(
      await requestToken(server, app, { scope: 'pipeline:read' }),
      400,
      'invalid_scope',
      'createToken',
    );
  });

  it('secret rotation (two secrets): both the old and the new secret get tokens until the grace period ends', async () => {
    const app = await createApp(server, a, ['pipeline:read']);
    const reply = await A('POST', `/v1/oauth-apps/${app.id}/secrets`, { grace_period_seconds: 2 });
    const rotated = await created(reply, 'rotateOAuthAppSecret');
    remember(rotated.client_secret);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(rotated).toMatchObject({
      client_id: app.client_id,
      client_secret: expect.stringMatching(/^ncs_[0-9A-Za-z]{43}$/),
      secret: { expires_at: null },
    });
    expect(rotated.client_secret).not.toBe(app.client_secret);
    expect(rotated.app.secrets).toHaveLength(2);
    const old = rotated.app.secrets.find((s: Json) => s.id !== rotated.secret.id);
    expect(Date.parse(old.expires_at)).toBeLessThanOrEqual(Date.now() + 2_500);
    for (const secret of [app.client_secret, rotated.client_secret]) {
      const token = await requestToken(server, { client_id: app.client_id, client_secret: secret });
      expect(token.status, token.text).toBe(200);
      remember(token.body.access_token);
    }
    await sleep(Date.parse(old.expires_at) - Date.now() + 100);
    expectError(await requestToken(server, app), 401, 'invalid_client', 'createToken');
    const fresh = await requestToken(server, {
      client_id: app.client_id,
      client_secret: rotated.client_secret,
    });
    expect(fresh.status).toBe(200);
    remember(fresh.body.access_token);
  });

  it('rotation with grace 0 ends the old secret at once; a third secret ends the oldest of two at once', async () => {
    const app = await createApp(server, a, ['pipeline:read']);
    const second = (await A('POST', `/v1/oauth-apps/${app.id}/secrets`, { grace_period_seconds: 0 })).body;
    remember(second.client_secret);
    expectError(await requestToken(server, app), 401, 'invalid_client');
    const third = (await A('POST', `/v1/oauth-apps/${app.id}/secrets`, { grace_period_seconds: 3600 })).body;
    const fourth = (await A('POST', `/v1/oauth-apps/${app.id}/secrets`, { grace_period_seconds: 3600 })).body;
    remember(third.client_secret);
    remember(fourth.client_secret);
    expect(fourth.app.secrets).toHaveLength(2);
    const status = async (secret: string) => {
      const reply = await requestToken(server, { client_id: app.client_id, client_secret: secret });
      if (reply.status === 200) {
        remember(reply.body.access_token);
      }
      return reply.status;
    };
    expect(await status(second.client_secret)).toBe(401);
    expect(await status(third.client_secret)).toBe(200);
    expect(await status(fourth.client_secret)).toBe(200);
  });

  it('delete: 204, the app is gone, its credentials are refused and the tokens it was issued are revoked', async () => {
    const app = await createApp(server, a, ['pipeline:read']);
    const token = await tokenFor(server, app);
    expect((await call(server, 'GET', '/v1/pipelines', { token })).status).toBe(200);
    expect((await A('DELETE', `/v1/oauth-apps/${app.id}`)).status).toBe(204);
    expectError(await A('GET', `/v1/oauth-apps/${app.id}`), 404, 'not_found', 'getOAuthApp');
    expectError(await requestToken(server, app), 401, 'invalid_client', 'createToken');
    expectError(await call(server, 'GET', '/v1/pipelines', { token }), 401, 'invalid_token', 'listPipelines');
  });
});

describe('audit events', () => {
  /** The one event of `action` on `targetId`. */
  async function eventOf(action: string, targetId: string): Promise<Json> {
    const reply = await A('GET', `/v1/audit-events?action=${action}&limit=100`);
    expect(reply.status, reply.text).toBe(200);
    expectDocumented('listAuditEvents', reply);
    const found = reply.body.data.filter((e: Json) => e.target?.id === targetId);
    expect(found, `${action} on ${targetId}`).toHaveLength(1);
    return found[0];
  }

  it('records every create, rotate, revoke, update and delete of keys and apps, with actor, target and request id', async () => {
    const actor = await createKey(server, a, ['admin:all'], { name: 'auditor' });
    const by = (method: string, path: string, json?: unknown) =>
      call(server, method, path, { key: actor.key, json });
    const made = await by('POST', '/v1/api-keys', { name: 'audited', scopes: ['pipeline:read'] });
    remember(made.body.key);
    const rotated = await by('POST', `/v1/api-keys/${made.body.id}/rotate`, {});
    remember(rotated.body.key);
    const revoked = await by('DELETE', `/v1/api-keys/${made.body.id}`);
    const app = await by('POST', '/v1/oauth-apps', { name: 'audited', scopes: ['pipeline:read'] });
    remember(app.body.client_secret);
    const updated = await by('PATCH', `/v1/oauth-apps/${app.body.id}`, { name: 'audited 2' });
    const secret = await by('POST', `/v1/oauth-apps/${app.body.id}/secrets`, {});
    remember(secret.body.client_secret);
    const deleted = await by('DELETE', `/v1/oauth-apps/${app.body.id}`);
    const cases: [string, Reply, string, string][] = [
      ['api_key.created', made, 'api_key', made.body.id],
      ['api_key.rotated', rotated, 'api_key', made.body.id],
      ['api_key.revoked', revoked, 'api_key', made.body.id],
      ['oauth_app.created', app, 'oauth_app', app.body.id],
      ['oauth_app.updated', updated, 'oauth_app', app.body.id],
      ['oauth_app.secret_rotated', secret, 'oauth_app', app.body.id],
      ['oauth_app.deleted', deleted, 'oauth_app', app.body.id],
    ];
    for (const [action, reply, type, id] of cases) {
      expect(reply.status, `${action}: ${reply.text}`).toBeLessThan(300);
      const event = await eventOf(action, id);
      expect(event).toMatchObject({
        id: expect.stringMatching(/^evt_[0-9A-Za-z]{24}$/),
        action,
        outcome: 'success',
        actor: { type: 'api_key', id: actor.id },
        target: { type, id },
        request_id: reply.headers.get('x-request-id'),
        ip: expect.any(String),
        created_at: expect.stringMatching(ISO),
      });
    }
  });

  it('records a denied admin action (outcome failure) with the credential that tried it', async () => {
    const intruder = await createKey(server, a, [
      'pipeline:read',
      'pipeline:write',
      'workflow:execute',
      'plugin:manage',
    ]);
    const denied = await call(server, 'POST', '/v1/api-keys', {
      key: intruder.key,
      json: { name: 'escalate' },
    });
    expectError(denied, 403, 'insufficient_scope', 'createApiKey');
    const reply = await A('GET', '/v1/audit-events?action=admin.denied&outcome=failure&limit=100');
    const event = reply.body.data.find((e: Json) => e.request_id === denied.body.request_id);
    expect(event).toMatchObject({
      action: 'admin.denied',
      outcome: 'failure',
      actor: { type: 'api_key', id: intruder.id },
      target: { type: 'operation', id: 'createApiKey' },
    });
    expect(reply.body.data.every((e: Json) => e.outcome === 'failure' && e.action === 'admin.denied')).toBe(
      true,
    );
  });

  it('names an access token as actor by its jti, and a CLI action as cli with no address', async () => {
    const app = await createApp(server, a, ['admin:all']);
    const token = await tokenFor(server, app);
    const made = await call(server, 'POST', '/v1/api-keys', {
      token,
      json: { name: 'by token', scopes: ['pipeline:read'] },
    });
    remember(made.body.key);
    const byToken = await eventOf('api_key.created', made.body.id);
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
    expect(byToken.actor).toEqual({ type: 'access_token', id: jti });
    const byCli = await server.cliJson<{ id: string; key: string }>([
      'keys',
      'create',
      '--name',
      'cli',
      '--org',
      a.id,
    ]);
    remember(byCli.key);
    expect(await eventOf('api_key.created', byCli.id)).toMatchObject({ actor: { type: 'cli' }, ip: null });
  });

  it("lists newest first and never another org's events", async () => {
    const reply = await A('GET', '/v1/audit-events?limit=100');
    const times = reply.body.data.map((e: Json) => e.created_at);
    expect(times).toEqual([...times].sort().reverse());
    const other = await as(b)('GET', '/v1/audit-events?limit=100');
    const mine = new Set(reply.body.data.map((e: Json) => e.id));
    expect(other.body.data.filter((e: Json) => mine.has(e.id))).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  const body = { name: 'idempotent', steps: [] };

  it('the same key and body → the first response again, with Idempotent-Replayed: true; nothing is made twice', async () => {
    const headers = { 'idempotency-key': 'create-pipeline-0001' };
    const first = await A('POST', '/v1/pipelines', body, { headers });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await A('POST', '/v1/pipelines', body, { headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const list = await A('GET', '/v1/pipelines?limit=100');
    expect(list.body.data.filter((p: Json) => p.name === 'idempotent')).toHaveLength(1);
  });

  it('the same key with another body → 409 conflict', async () => {
    const headers = { 'idempotency-key': 'create-pipeline-0002' };
    expect((await A('POST', '/v1/pipelines', body, { headers })).status).toBe(201);
    expectError(
      await A('POST', '/v1/pipelines', { ...body, name: 'other' }, { headers }),
      409,
      'conflict',
      'createPipeline',
    );
  });

  it('the same key on another operation → 409 conflict', async () => {
    const headers = { 'idempotency-key': 'shared-0003' };
    expect((await A('POST', '/v1/pipelines', body, { headers })).status).toBe(201);
    expectError(
      await A('POST', '/v1/plugins', { name: 'idem', version: '1.0.0' }, { headers }),
      409,
      'conflict',
      'installPlugin',
    );
  });

  it('keys are scoped to the credential: another credential may use the same key', async () => {
    const headers = { 'idempotency-key': 'per-credential-0004' };
    const other = await createKey(server, a, ['pipeline:write']);
    const first = await A('POST', '/v1/pipelines', body, { headers });
    const second = await call(server, 'POST', '/v1/pipelines', { key: other.key, json: body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a trigger replayed queues one execution', async () => {
    const w = await newWorkflow();
    const headers = { 'idempotency-key': 'trigger-0005' };
    const first = await A('POST', `/v1/workflows/${w.id}/executions`, { inputs: { n: 1 } }, { headers });
    const again = await A('POST', `/v1/workflows/${w.id}/executions`, { inputs: { n: 1 } }, { headers });
    expect(again.body).toEqual(first.body);
    expect((await A('GET', `/v1/executions?workflow_id=${w.id}`)).body.data).toHaveLength(1);
  });

  it.each([
    ['createApiKey', '/v1/api-keys', { name: 'once', scopes: ['pipeline:read'] }],
    ['createOAuthApp', '/v1/oauth-apps', { name: 'once', scopes: ['pipeline:read'] }],
  ] as const)(
    'a replay of %s, whose response holds a secret shown once → 409 conflict, and nothing is made twice',
    async (op, path, json) => {
      const headers = { 'idempotency-key': `secret-${op}` };
      const first = await A('POST', path, json, { headers });
      expect(first.status, first.text).toBe(201);
      remember(first.body.key ?? first.body.client_secret);
      const before = (await A('GET', `${path}?limit=100`)).body.data.length;
      const again = await A('POST', path, json, { headers });
      expectError(again, 409, 'conflict', op);
      expect(again.text).not.toContain(first.body.key ?? first.body.client_secret);
      expect((await A('GET', `${path}?limit=100`)).body.data.length).toBe(before);
    },
  );

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not printable ASCII', 'clé-idempotence'],
  ])('an Idempotency-Key %s → 400 invalid_request', async (_, key) => {
    expectError(
      await A('POST', '/v1/pipelines', body, { headers: { 'idempotency-key': key } }),
      400,
      'invalid_request',
      'createPipeline',
    );
  });
});

describe('cursor pagination', () => {
  let org: Org;
  let made: string[];

  beforeAll(async () => {
    org = await createOrg(server, 'Org Pages');
    made = [];
    for (let i = 0; i < 5; i++) {
      made.push((await newPipeline(org, `page ${i}`)).id);
    }
  });

  it('pages of `limit` items, newest first, next_cursor until the last page, which has next_cursor null', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const reply = await as(org)('GET', `/v1/pipelines${query}`);
      expect(reply.status, reply.text).toBe(200);
      expectDocumented('listPipelines', reply);
      sizes.push(reply.body.data.length);
      seen.push(...reply.body.data.map((p: Json) => p.id));
      cursor = reply.body.next_cursor;
    } while (cursor !== null && sizes.length < 10);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...made].reverse());
  });

  it('the default page holds up to 20; a page stays stable while items are added', async () => {
    const all = await as(org)('GET', '/v1/pipelines');
    expect(all.body).toMatchObject({ next_cursor: null });
    expect(all.body.data).toHaveLength(made.length);
    const first = await as(org)('GET', '/v1/pipelines?limit=2');
    const added = await newPipeline(org, 'added later');
    const second = await as(org)(
      'GET',
      `/v1/pipelines?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    const ids = [...first.body.data, ...second.body.data].map((p: Json) => p.id);
    expect(ids).toEqual([...made].reverse().slice(0, 4));
    expect(ids).not.toContain(added.id);
  });

  it.each([
    ['limit=0', 'limit=0'],
    ['limit=101', 'limit=101'],
    ['limit=two', 'limit=two'],
    ['a cursor this server never made', 'cursor=bm90LWEtY3Vyc29y'],
    ['a cursor that is not base64url', 'cursor=%25%25%25'],
  ])('%s → 400 invalid_request with issues', async (_, query) => {
    const reply = await as(org)('GET', `/v1/pipelines?${query}`);
    expectError(reply, 400, 'invalid_request', 'listPipelines');
    expect(reply.body.issues.length).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['no name', { steps: [] }],
    ['an empty name', { name: '' }],
    ['a name of 201 characters', { name: long(201) }],
    ['a description of 2001 characters', { name: 'x', description: long(2001) }],
    ['a name that is a number', { name: 42 }],
    ['an unknown property', { name: 'x', owner: 'me' }],
    ['a step without uses', { name: 'x', steps: [{ name: 's' }] }],
    ['a step whose uses is not name@version', { name: 'x', steps: [{ name: 's', uses: 'http-request' }] }],
    [
      '101 steps',
      { name: 'x', steps: Array.from({ length: 101 }, (_, i) => ({ name: `s${i}`, uses: 'a@1' })) },
    ],
    ['an array', [{ name: 'x' }]],
    ['null', null],
    ['a string', 'pipeline'],
  ])('POST /v1/pipelines with %s → 400 invalid_request with issues', async (_, json) => {
    const reply = await call(server, 'POST', '/v1/pipelines', {
      key: a.adminKey,
      raw: JSON.stringify(json),
      contentType: 'application/json',
    });
    expectError(reply, 400, 'invalid_request', 'createPipeline');
    expect(reply.body.issues.length).toBeGreaterThan(0);
    for (const issue of reply.body.issues) {
      expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  });

  const BAD_INPUTS: readonly (readonly [string, string, () => Promise<string>, unknown, OperationId])[] = [
    [
      'PATCH /v1/pipelines/{id} with {}',
      'PATCH',
      async () => `/v1/pipelines/${(await newPipeline()).id}`,
      {},
      'updatePipeline',
    ],
    [
      'a schedule trigger without cron',
      'POST',
      async () => '/v1/workflows',
      { name: 'w', pipeline_id: 'pl_000000000000000000000000', trigger: { type: 'schedule' } },
      'createWorkflow',
    ],
    [
      'a pipeline_id of the wrong shape',
      'POST',
      async () => '/v1/workflows',
      { name: 'w', pipeline_id: 'pipeline-1' },
      'createWorkflow',
    ],
    [
      'inputs that are not an object',
      'POST',
      async () => `/v1/workflows/${(await newWorkflow()).id}/executions`,
      { inputs: [1] },
      'triggerWorkflow',
    ],
    [
      'a version that is not semver',
      'POST',
      async () => '/v1/plugins',
      { name: 'p', version: 'v1' },
      'installPlugin',
    ],
    [
      'a plugin name with capitals',
      'POST',
      async () => '/v1/plugins',
      { name: 'Bad_Name', version: '1.0.0' },
      'installPlugin',
    ],
    ['an unknown scope', 'POST', async () => '/v1/api-keys', { name: 'k', scopes: ['root'] }, 'createApiKey'],
    ['no scopes', 'POST', async () => '/v1/api-keys', { name: 'k', scopes: [] }, 'createApiKey'],
    [
      'a scope twice',
      'POST',
      async () => '/v1/api-keys',
      { name: 'k', scopes: ['pipeline:read', 'pipeline:read'] },
      'createApiKey',
    ],
    [
      'expires_at that is not a date-time',
      'POST',
      async () => '/v1/api-keys',
      { name: 'k', expires_at: 'tomorrow' },
      'createApiKey',
    ],
    [
      'a grace period over 30 days',
      'POST',
      async () => `/v1/api-keys/${a.adminKeyId}/rotate`,
      { grace_period_seconds: 2_592_001 },
      'rotateApiKey',
    ],
  ];
  it.each(BAD_INPUTS)('%s → 400 invalid_request with issues', async (_, method, path, json, op) => {
    const reply = await A(method, await path(), json);
    expectError(reply, 400, 'invalid_request', op);
    expect(reply.body.issues.length).toBeGreaterThan(0);
  });

  it.each([
    ['?status=bogus on executions', '/v1/executions?status=bogus', 'listExecutions'],
    ['?action=bogus on audit events', '/v1/audit-events?action=bogus', 'listAuditEvents'],
    ['?outcome=maybe on audit events', '/v1/audit-events?outcome=maybe', 'listAuditEvents'],
  ] as const)('%s → 400 invalid_request', async (_, path, op) => {
    expectError(await A('GET', path), 400, 'invalid_request', op);
  });

  it('a body that is not JSON → 400 invalid_request', async () => {
    const reply = await call(server, 'POST', '/v1/pipelines', {
      key: a.adminKey,
      raw: '{"name": ',
      contentType: 'application/json',
    });
    expectError(reply, 400, 'invalid_request', 'createPipeline');
  });

  it('a body of another media type → 415 unsupported_media_type', async () => {
    const reply = await call(server, 'POST', '/v1/pipelines', {
      key: a.adminKey,
      raw: 'name=x',
      contentType: 'text/plain',
    });
    expectError(reply, 415, 'unsupported_media_type', 'createPipeline');
  });

  it('a body over 1 MiB → 413 payload_too_large', async () => {
    const reply = await A('POST', '/v1/pipelines', { name: 'x', description: long(1_100_000) });
    expectError(reply, 413, 'payload_too_large', 'createPipeline');
  });

  it('an id of another shape → 404 not_found', async () => {
    expectError(await A('GET', '/v1/pipelines/not-an-id'), 404, 'not_found', 'getPipeline');
    expectError(await A('GET', '/v1/pipelines/wf_000000000000000000000000'), 404, 'not_found', 'getPipeline');
  });

  it('an unknown route → 404 not_found in the error format', async () => {
    expectError(await A('GET', '/v1/nothing-here'), 404, 'not_found');
  });

  const HOSTILE: [string, string][] = [
    ['deeply nested arrays', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ['deeply nested objects', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
    [
      '__proto__ pollution',
      '{"__proto__":{"admin":true},"name":"x","scopes":["pipeline:read"],"pipeline_id":"pl_000000000000000000000000","version":"1.0.0"}',
    ],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}},"name":"x"}'],
    ['a huge number', '{"name":"x","token_ttl_seconds":1e400,"grace_period_seconds":1e400}'],
    ['NUL and lone surrogates', '{"name":"\\u0000\\ud800","description":"\\udfff"}'],
    [
      'wrong types everywhere',
      '{"name":[],"scopes":"admin:all","steps":{},"enabled":"yes","inputs":null,"config":7}',
    ],
    ['an empty body', ''],
    ['whitespace', '   '],
  ];
  const JSON_OPS = (Object.values(OPERATIONS) as readonly OperationDescriptor[]).filter(
    (op) => op.requestContentType === 'application/json' && op.operationId !== 'login',
  );
  it.each(JSON_OPS.flatMap((op) => HOSTILE.map(([what, raw]) => [op.operationId, what, op, raw] as const)))(
    'never a 5xx: %s with %s',
    async (_, __, op, raw) => {
      const path = op.path.replace('{id}', 'pl_000000000000000000000000');
      const reply = await call(server, op.method.toUpperCase(), path, {
        key: a.adminKey,
        raw,
        contentType: 'application/json',
      });
      expect(reply.status, reply.text).toBeLessThan(500);
      if (reply.status >= 400) {
        expect(reply.body?.error, reply.text).toEqual(expect.any(String));
      }
    },
  );

  it('never a 5xx: login with hostile bodies', async () => {
    for (const [, raw] of HOSTILE) {
      const reply = await call(server, 'POST', '/auth/login', { raw, contentType: 'application/json' });
      expect(reply.status, reply.text).toBeLessThan(500);
    }
  });
});
