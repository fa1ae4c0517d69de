import type { Middleware } from 'openapi-fetch';

/**
 * How the client authenticates: an openapi-fetch middleware made by {@link apiKey} or
 * {@link clientCredentials}. It also works on a plain `openapi-fetch` client.
 *
 * @example
 * ```ts
 * import createFetchClient from 'openapi-fetch';
 * import type { paths } from '@neuracraft/types';
 *
 * const auth: Auth = apiKey('nc_…');
 * const raw = createFetchClient<paths>({ baseUrl: 'http://localhost:8080' });
 * raw.use(auth);
 * ```
 */
export type Auth = Middleware;

/**
 * Authenticates every request with an API key in the `X-API-Key` header.
 *
 * For server-to-server calls and scripts. Create the key under **Settings > API Keys** (it is shown
 * once) and keep it out of browsers you do not control.
 *
 * @param key The API key, `nc_…`.
 * @example
 * ```ts
 * import { apiKey, createClient } from '@neuracraft/client';
 *
 * const client = createClient({ baseUrl: 'https://api.neuracraft.com', auth: apiKey(process.env.NEURACRAFT_API_KEY!) });
 * const { data } = await client.GET('/v1/pipelines');
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object (the spec's `ApiKeyAuth`)
 */
export function apiKey(key: string): Auth {
  return {
    onRequest({ request }) {
      request.headers.set('X-API-Key', key);
    },
  };
}
