import type { Scope } from '@neuracraft/types';
import type { MergedOptions } from 'openapi-fetch';
import type { Auth } from './api-key.js';

/**
 * Options of {@link clientCredentials}.
 *
 * @example
 * ```ts
 * const options: ClientCredentialsOptions = {
 *   clientId: 'app_7Hq2LmX9pR4tVz1KcB8nW3yD',
 *   clientSecret: process.env.NEURACRAFT_CLIENT_SECRET!,
 *   scopes: 'pipeline:read workflow:execute',
 *   authMethod: 'client_secret_post',
 * };
 * ```
 */
export interface ClientCredentialsOptions {
  /** The app's `client_id`, from **Settings > OAuth Apps**. */
  clientId: string;
  /** The app's `client_secret` (shown once, when the app is created). */
  clientSecret: string;
  /**
   * Scopes to request, as a list or space-delimited. Default: none sent, so the server grants every
   * scope the app may request.
   */
  scopes?: readonly Scope[] | string;
  /** The token endpoint. Default: `${baseUrl}/oauth/token`. */
  tokenUrl?: string;
  /**
   * How the client authenticates to the token endpoint. Default: `'client_secret_basic'` (HTTP Basic,
   * which every server must support); `'client_secret_post'` sends the credentials in the form body.
   */
  authMethod?: 'client_secret_basic' | 'client_secret_post';
  /**
   * Seconds before expiry at which a cached token is replaced by a new one. Default: `60`, and never
   * more than half the token's lifetime.
   */
  refreshMargin?: number;
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
}

interface Grant {
  token: string;
  refreshAt: number;
}

/** A token request the server refused (or answered without a token): status and parsed body. */
interface Refusal {
  status: number;
  body: unknown;
}

type Options = Pick<MergedOptions, 'baseUrl' | 'fetch'>;

// RFC 6749 §2.3.1: the id and secret are form-urlencoded before they are joined and base64-encoded.
const formEncode = (s: string): string => new URLSearchParams([['', s]]).toString().slice(1);

const refusal = ({ status, body }: Refusal): Response =>
  new Response(JSON.stringify(body ?? null), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * Authenticates every request with an OAuth 2.0 access token obtained by the client credentials grant.
 *
 * You never handle the token:
 * - it is requested on first use, and any number of concurrent calls share that one token request;
 * - it is cached and replaced `refreshMargin` seconds before it expires;
 * - a request answered `401 invalid_token` (the token was revoked, or the signing key rotated) is sent
 *   once more, with the same body, after a new token has been fetched;
 * - a token request the server refuses (`invalid_client`, `invalid_scope`, …) becomes the call's
 *   {@link NeuraCraftError}, and the next call asks again.
 *
 * @example
 * ```ts
 * import { clientCredentials, createClient } from '@neuracraft/client';
 *
 * const client = createClient({
 *   baseUrl: 'https://api.neuracraft.com',
 *   auth: clientCredentials({
 *     clientId: process.env.NEURACRAFT_CLIENT_ID!,
 *     clientSecret: process.env.NEURACRAFT_CLIENT_SECRET!,
 *     scopes: ['pipeline:read', 'workflow:execute'],
 *   }),
 * });
 * const { data } = await client.GET('/v1/workflows');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4 (client credentials grant)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1 (`client_secret_basic`, `client_secret_post`)
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 (`invalid_token`)
 */
export function clientCredentials(options: ClientCredentialsOptions): Auth {
  const {
    clientId,
    clientSecret,
    scopes,
    tokenUrl,
    authMethod,
    refreshMargin = 60,
    now = Date.now,
  } = options;
  let grant: Grant | undefined;
  let pending: Promise<Grant | Refusal> | undefined;
  // Each request as it was before it was sent, in case it must be sent again with a new token. Keyed by
  // the request object itself, so that an entry goes when the request does, whatever happens to the call.
  const unsent = new WeakMap<Request, Request>();

  const requestToken = async ({ baseUrl, fetch }: Options): Promise<Grant | Refusal> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const scope = typeof scopes === 'string' ? scopes : scopes?.join(' ');
    if (scope) {
      form.set('scope', scope);
    }
    const headers = new Headers({
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    if (authMethod === 'client_secret_post') {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    } else {
      headers.set('Authorization', `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`);
    }
    const started = now();
    const response = await fetch(
      new Request(tokenUrl ?? `${baseUrl}/oauth/token`, { method: 'POST', headers, body: form }),
    );
    const body = await response.json().catch(() => undefined);
    if (!response.ok || typeof body?.access_token !== 'string') {
      return { status: response.ok ? 502 : response.status, body };
    }
    const ttl = Number(body.expires_in) || 0;
    grant = {
      token: body.access_token,
      refreshAt: started + (ttl - Math.min(refreshMargin, ttl / 2)) * 1000,
    };
    return grant;
  };

  const token = async (options: Options): Promise<string | Refusal> => {
    if (grant && now() < grant.refreshAt) {
      return grant.token;
    }
    pending ??= requestToken(options).finally(() => {
      pending = undefined;
    });
    const got = await pending;
    return 'token' in got ? got.token : got;
  };

  return {
    async onRequest({ request, options }) {
      const t = await token(options);
      if (typeof t !== 'string') {
        return refusal(t);
      }
      request.headers.set('Authorization', `Bearer ${t}`);
      unsent.set(request, request.clone());
    },
    async onResponse({ request, response, options }) {
      const again = unsent.get(request);
      if (response.status !== 401 || !again) {
        return;
      }
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (body?.error !== 'invalid_token') {
        return;
      }
      // Concurrent 401s: only the first drops the token; the others wait for its replacement.
      if (grant && request.headers.get('Authorization') === `Bearer ${grant.token}`) {
        grant = undefined;
      }
      const t = await token(options);
      if (typeof t !== 'string') {
        return refusal(t);
      }
      await response.body?.cancel();
      again.headers.set('Authorization', `Bearer ${t}`);
      return options.fetch(again);
    },
  };
}
