import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiKey, createClient } from '../src/index.js';
import { createKey, createOrg } from './support/server.js';

const { url, dataDir } = inject('api');

describe('apiKey() against the real server', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await createKey(dataDir, 'pipeline:read pipeline:write'));
  });

  it('lists pipelines with X-API-Key, as the seed does with curl', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(key) });
    const { data, error, response } = await client.GET('/v1/pipelines');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ data: expect.any(Array) });
  });

  it('is who /v1/me says: an API key with its scopes', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(key) });
    const { data } = await client.GET('/v1/me');
    expect(data?.credential.type).toBe('api_key');
    expect(data?.scopes).toEqual(expect.arrayContaining(['pipeline:read', 'pipeline:write']));
  });

  it('sends the headers given to createClient with every request', async () => {
    const seen: (string | null)[] = [];
    const client = createClient({
      baseUrl: url,
      auth: apiKey(key),
      headers: { 'User-Agent': 'client-test/1.0' },
      fetch: (request) => {
        seen.push(request.headers.get('User-Agent'));
        return fetch(request);
      },
    });
    expect((await client.GET('/v1/me')).response.status).toBe(200);
    expect(seen).toEqual(['client-test/1.0']);
  });

  it('creates, reads, updates and deletes a pipeline, with typed bodies', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(key), throwOnError: true });
    const { data: created } = await client.POST('/v1/pipelines', {
      body: {
        name: 'Nightly sales sync',
        steps: [{ name: 'notify', uses: 'slack-notify@2', with: { channel: '#sales' } }],
      },
    });
    expect(created).toMatchObject({ id: expect.stringMatching(/^pl_/), name: 'Nightly sales sync' });
    const path = { id: created.id };
    const { data: got } = await client.GET('/v1/pipelines/{id}', { params: { path } });
    expect(got.steps).toEqual([{ name: 'notify', uses: 'slack-notify@2', with: { channel: '#sales' } }]);
    const { data: renamed } = await client.PATCH('/v1/pipelines/{id}', {
      params: { path },
      body: { name: 'Renamed' },
    });
    expect(renamed.name).toBe('Renamed');
    const { response } = await client.DELETE('/v1/pipelines/{id}', { params: { path } });
    expect(response.status).toBe(204);
  });

  it('paginates: every pipeline exactly once, following next_cursor', async () => {
    const org = await createOrg(dataDir, 'pagination');
    const { key: own } = await createKey(dataDir, 'pipeline:read pipeline:write', '--org', org.id);
    const client = createClient({ baseUrl: url, auth: apiKey(own), throwOnError: true });
    const names = Array.from({ length: 7 }, (_, i) => `page test ${i}`);
    for (const name of names) {
      await client.POST('/v1/pipelines', { body: { name, steps: [] } });
    }
    const pages: number[] = [];
    client.use({
      onResponse({ request }) {
        pages.push(Number(new URL(request.url).searchParams.get('limit')));
      },
    });
    const seen: string[] = [];
    for await (const pipeline of client.paginate('/v1/pipelines', { params: { query: { limit: 3 } } })) {
      seen.push(pipeline.name);
    }
    expect(seen.sort()).toEqual(names);
    expect(pages).toEqual([3, 3, 3]);
  });

  it('stops a pagination early without fetching further pages', async () => {
    const client = createClient({ baseUrl: url, auth: apiKey(key), throwOnError: true });
    let requests = 0;
    client.use({
      onRequest() {
        requests++;
      },
    });
    for await (const _ of client.paginate('/v1/pipelines', { params: { query: { limit: 1 } } })) {
      break;
    }
    expect(requests).toBe(1);
  });
});
