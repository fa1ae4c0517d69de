import type { Scope } from '@neuracraft/types';
import { fail, ok, type Result } from '../errors.js';
import { type HeadersInput, readHeader } from '../lib/headers.js';
import { parseScope } from '../scope/parse.js';

export type { HeadersInput };

/**
 * How a client authenticates at the token endpoint.
 *
 * @example
 * ```ts
 * const method: ClientAuthMethod = 'client_secret_basic';
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/**
 * A client's credentials as sent, and how.
 *
 * @example
 * ```ts
 * const { clientId, method }: ClientCredentials = parsed.value.client;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly method: ClientAuthMethod;
}

/**
 * A token request that passed every check that needs no lookup.
 *
 * @example
 * ```ts
 * const { client, scopes }: TokenRequest = parsed.value;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2
 */
export interface TokenRequest {
  readonly grantType: GrantType;
  readonly client: ClientCredentials;
  /** The requested scopes, or `null` when `scope` was omitted (every scope the app may request). */
  readonly scopes: readonly Scope[] | null;
}

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads an `application/x-www-form-urlencoded` body: a wrong or missing content type and a parameter sent
 * twice are `invalid_request`; empty parameters count as omitted (RFC 6749 §3.1).
 *
 * @example
 * ```ts
 * const form = parseForm(await request.text(), request.headers);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
export function parseForm(
  body: string | URLSearchParams,
  headers: HeadersInput,
): Result<ReadonlyMap<string, string>> {
  const contentType = readHeader(headers, 'content-type');
  const mediaType = typeof contentType === 'string' ? contentType.split(';', 1)[0]!.trim().toLowerCase() : '';
  if (mediaType !== FORM_MEDIA_TYPE) {
    return fail('invalid_request', {
      description: `The request body must be ${FORM_MEDIA_TYPE}.`,
      reason: 'content_type',
    });
  }
  const params = new Map<string, string>();
  for (const [name, value] of typeof body === 'string' ? new URLSearchParams(body) : body) {
    if (params.has(name)) {
      return fail('invalid_request', {
        description: `The parameter ${safeName(name)} is repeated (RFC 6749 §3.2).`,
        reason: 'repeated_parameter',
      });
    }
    params.set(name, value);
  }
  for (const [name, value] of params) {
    if (value === '') {
      params.delete(name);
    }
  }
  return ok(params);
}

// Only parameter names of the token endpoint are echoed; anything else could be attacker-chosen text.
const safeName = (name: string): string =>
  ['grant_type', 'scope', 'client_id', 'client_secret'].includes(name) ? name : 'a parameter';

const formDecode = (value: string): string | null => {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return null;
  }
};

interface AuthInput {
  readonly params: ReadonlyMap<string, string>;
  readonly authorization: string | readonly string[] | undefined;
}

/**
 * The client authentication methods, by name: each returns the credentials when its method was used,
 * `null` when it was not, or a denial when it was used wrongly.
 *
 * @example
 * ```ts
 * Object.keys(CLIENT_AUTH_METHODS); // ['client_secret_basic', 'client_secret_post']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export const CLIENT_AUTH_METHODS: Readonly<
  Record<ClientAuthMethod, (input: AuthInput) => Result<ClientCredentials> | null>
> = {
  client_secret_basic({ params, authorization }) {
    if (authorization === undefined) {
      return null;
    }
    const malformed = fail('invalid_request', {
      description:
        'The Authorization header must be HTTP Basic with the form-encoded client_id and client_secret.',
      reason: 'malformed_basic',
    });
    if (typeof authorization !== 'string') {
      return malformed;
    }
    const match = /^basic +(\S+) *$/i.exec(authorization);
    if (match === null || !BASE64.test(match[1]!)) {
      return malformed;
    }
    let decoded: string;
    try {
      decoded = atob(match[1]!);
    } catch {
      return malformed; // base64 of an impossible length, e.g. a single character
    }
    const colon = decoded.indexOf(':');
    const clientId = colon < 0 ? null : formDecode(decoded.slice(0, colon));
    const clientSecret = colon < 0 ? null : formDecode(decoded.slice(colon + 1));
    if (clientId === null || clientSecret === null || clientId === '') {
      return malformed;
    }
    const bodyId = params.get('client_id');
    if (bodyId !== undefined && bodyId !== clientId) {
      return fail('invalid_request', {
        description: 'The client_id parameter does not match the Authorization header.',
        reason: 'client_id_mismatch',
      });
    }
    return ok({ clientId, clientSecret, method: 'client_secret_basic' });
  },
  client_secret_post({ params }) {
    const clientSecret = params.get('client_secret');
    if (clientSecret === undefined) {
      return null;
    }
    const clientId = params.get('client_id');
    if (clientId === undefined) {
      return fail('invalid_request', {
        description: 'client_secret was sent without client_id.',
        reason: 'missing_client_id',
      });
    }
    return ok({ clientId, clientSecret, method: 'client_secret_post' });
  },
};

/**
 * Finds how the client authenticated: exactly one of `client_secret_basic` and `client_secret_post`.
 * Both → `invalid_request`; neither → `invalid_client` (401); a malformed Basic header → `invalid_request`.
 *
 * @example
 * ```ts
 * const client = parseClientAuthentication(form.value, request.headers); // also for /oauth/revoke, /oauth/introspect
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export function parseClientAuthentication(
  params: ReadonlyMap<string, string>,
  headers: HeadersInput,
): Result<ClientCredentials> {
  const input: AuthInput = { params, authorization: readHeader(headers, 'authorization') };
  let found: Result<ClientCredentials> | null = null;
  for (const method of Object.values(CLIENT_AUTH_METHODS)) {
    const result = method(input);
    if (result === null) {
      continue;
    }
    if (!result.ok) {
      return result;
    }
    if (found !== null) {
      return fail('invalid_request', {
        description:
          'Use one client authentication method: HTTP Basic or client_secret in the body, not both.',
        reason: 'multiple_client_auth',
      });
    }
    found = result;
  }
  return (
    found ??
    fail('invalid_client', { description: 'Client authentication is required.', reason: 'no_client_auth' })
  );
}

/**
 * The grant types the token endpoint supports, by `grant_type`: each reads its own parameters.
 *
 * @example
 * ```ts
 * 'client_credentials' in GRANT_TYPES; // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2
 */
export const GRANT_TYPES = {
  client_credentials(params: ReadonlyMap<string, string>): Result<readonly Scope[] | null> {
    const scope = params.get('scope');
    return scope === undefined ? ok(null) : parseScope(scope);
  },
} as const;

/**
 * A `grant_type` of {@link GRANT_TYPES}.
 *
 * @example
 * ```ts
 * const grant: GrantType = 'client_credentials';
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2
 */
export type GrantType = keyof typeof GRANT_TYPES;

/**
 * The raw token request: the form body as text (or already split) and the request headers.
 *
 * @example
 * ```ts
 * parseTokenRequest({ body: await request.text(), headers: request.headers });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2
 */
export interface RawTokenRequest {
  readonly body: string | URLSearchParams;
  readonly headers: HeadersInput;
}

/**
 * Parses a token endpoint request (RFC 6749 §4.4.2) without any lookup: the form (content type, no
 * repeated parameter), `grant_type` (missing → `invalid_request`, unknown → `unsupported_grant_type`),
 * client authentication ({@link parseClientAuthentication}) and `scope` (RFC 6749 §3.3 →
 * `invalid_scope`). Pass the result to {@link grantClientCredentials}.
 *
 * @example
 * ```ts
 * const parsed = parseTokenRequest({ body: await request.text(), headers: request.headers });
 * if (!parsed.ok) return parsed.error.toResponse(requestId);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2
 */
export function parseTokenRequest(request: RawTokenRequest): Result<TokenRequest> {
  const form = parseForm(request.body, request.headers);
  if (!form.ok) {
    return form;
  }
  const params = form.value;
  const grantType = params.get('grant_type');
  if (grantType === undefined) {
    return fail('invalid_request', {
      description: 'The grant_type parameter is required.',
      reason: 'missing_grant_type',
    });
  }
  const client = parseClientAuthentication(params, request.headers);
  if (!client.ok) {
    return client;
  }
  if (!Object.hasOwn(GRANT_TYPES, grantType)) {
    return fail('unsupported_grant_type', { reason: 'unsupported_grant_type' });
  }
  const scopes = GRANT_TYPES[grantType as GrantType](params);
  if (!scopes.ok) {
    return scopes;
  }
  return ok({ grantType: grantType as GrantType, client: client.value, scopes: scopes.value });
}
