// The page the browser test loads: it lists pipelines with the client, bundled for the browser.
import { apiKey, clientCredentials, createClient } from '../../src/index.js';

declare global {
  interface Window {
    result: Promise<{ names: string[]; me: string } | { error: string; code?: string }>;
  }
}

const query = new URLSearchParams(location.search);

async function run() {
  const key = query.get('key');
  const auth = key
    ? apiKey(key)
    : clientCredentials({
        clientId: query.get('client_id') ?? '',
        clientSecret: query.get('client_secret') ?? '',
        authMethod: query.get('method') === 'post' ? 'client_secret_post' : 'client_secret_basic',
        scopes: ['pipeline:read'],
      });
  const client = createClient({ baseUrl: location.origin, auth, throwOnError: true });
  const names: string[] = [];
  for await (const pipeline of client.paginate('/v1/pipelines', { params: { query: { limit: 2 } } })) {
    names.push(pipeline.name);
  }
  const { data: me } = await client.GET('/v1/me');
  return { names, me: me.credential.type };
}

window.result = run().catch((e: { message?: string; code?: string }) => ({
  error: String(e?.message ?? e),
  code: e?.code,
}));
