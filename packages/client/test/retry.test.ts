import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiKey, createClient } from '../src/index.js';
import { recordingFetch } from './support/fetch.js';
import { type ProxyServer, startProxy } from './support/proxy.js';
import { createKey, type Server, startServer } from './support/server.js';

const { url, dataDir } = inject('api');
const unavailable = (headers: Record<string, string> = {}) => ({
  status: 503,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ error: 'server_error', error_description: 'Try again.', request_id: 'req_proxy' }),
});

describe('retries of 429 from the real server’s rate limit', () => {
  let server: Server;
  let key: string;
  beforeAll(async () => {
    server = await startServer({ NEURACRAFT_RATE_LIMIT: '2/1s' });
    ({ key } = await createKey(server.dataDir, 'pipeline:read'));
  });
  afterAll(() => server?.stop());

  it('waits for Retry-After and succeeds', async () => {
    const rec = recordingFetch();
    const client = createClient({
      baseUrl: server.url,
      auth: apiKey(key),
      fetch: rec.fetch,
      retry: { maxDelay: 5000 },
    });
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await client.GET('/v1/pipelines'));
    }
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200]);
    expect(rec.sent.length).toBeGreaterThan(4);
  });

  it('surfaces the 429 as rate_limited when retries are off', async () => {
    const client = createClient({ baseUrl: server.url, auth: apiKey(key), retry: false });
    const results = await Promise.all(Array.from({ length: 4 }, () => client.GET('/v1/pipelines')));
    const limited = results.find((r) => r.error);
    expect(limited?.error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited?.response.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  });
});

describe('retries of 5xx, through a proxy that fails on purpose', () => {
  let key: string;
  let proxy: ProxyServer | undefined;
  beforeAll(async () => {
    ({ key } = await createKey(dataDir, 'pipeline:read pipeline:write'));
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  const client = (retry?: Parameters<typeof createClient>[0]['retry']) =>
    createClient({ baseUrl: proxy?.url ?? '', auth: apiKey(key), retry: retry ?? { baseDelay: 10 } });

  it('retries a GET until it succeeds', async () => {
    proxy = await startProxy(url, (_, i) => (i < 2 ? unavailable() : undefined));
    const { data, error } = await client().GET('/v1/pipelines');
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(expect.any(Array));
    expect(proxy.received).toHaveLength(3);
  });

  it('gives up after `retries` and returns the last error', async () => {
    proxy = await startProxy(url, () => unavailable());
    const { error } = await client({ retries: 3, baseDelay: 5 }).GET('/v1/pipelines');
    expect(error).toMatchObject({ status: 503, code: 'server_error', requestId: 'req_proxy' });
    expect(proxy.received).toHaveLength(4);
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    proxy = await startProxy(url, (_, i) => (i < 1 ? unavailable() : undefined));
    const { error } = await client().POST('/v1/pipelines', { body: { name: 'once', steps: [] } });
    expect(error).toMatchObject({ status: 503 });
    expect(proxy.received).toHaveLength(1);
  });

  it('retries a POST with an Idempotency-Key whose answer was lost: same body, and the server acts once', async () => {
    proxy = await startProxy(url, (_, i) =>
      i === 0 ? { ...unavailable(), afterForwarding: true } : undefined,
    );
    const header = { 'Idempotency-Key': `retry-${Date.now()}` };
    const body = { name: 'Idempotent', description: 'ü', steps: [] };
    const { data, response } = await client().POST('/v1/pipelines', { params: { header }, body });
    expect(response.status).toBe(201);
    expect(data).toMatchObject(body);
    expect(proxy.received.map((r) => r.body)).toEqual([JSON.stringify(body), JSON.stringify(body)]);
    const all = await createClient({ baseUrl: url, auth: apiKey(key), throwOnError: true }).GET(
      '/v1/pipelines',
      {
        params: { query: { limit: 100 } },
      },
    );
    expect(all.data.data.filter((p) => p.id === data?.id)).toHaveLength(1);
    expect(all.data.data.filter((p) => p.name === 'Idempotent')).toHaveLength(1);
  });

  it('honours Retry-After', async () => {
    proxy = await startProxy(url, (_, i) => (i < 1 ? unavailable({ 'Retry-After': '1' }) : undefined));
    const started = performance.now();
    const { error } = await client().GET('/v1/pipelines');
    expect(error).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('returns a 429 at once when Retry-After is beyond maxDelay', async () => {
    proxy = await startProxy(url, () => ({ status: 429, headers: { 'Retry-After': '120' }, body: '' }));
    const started = performance.now();
    const { error } = await client({ maxDelay: 10_000 }).GET('/v1/pipelines');
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(proxy.received).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is off with retry: false', async () => {
    proxy = await startProxy(url, () => unavailable());
    const { error } = await client(false).GET('/v1/pipelines');
    expect(error?.status).toBe(503);
    expect(proxy.received).toHaveLength(1);
  });

  it('stops waiting when the request is aborted', async () => {
    proxy = await startProxy(url, () => unavailable({ 'Retry-After': '5' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await expect(client().GET('/v1/pipelines', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
