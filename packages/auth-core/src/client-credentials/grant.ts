import type { Scope } from '@neuracraft/types';
import { AuthError, ok, type Result } from '../errors.js';
import { constantTimeEqual } from '../lib/constant-time.js';
import { backend } from '../lib/crypto.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import { assertPepper } from '../lib/pepper.js';
import { hasScope } from '../scope/satisfy.js';
import type { ClientCredentials, TokenRequest } from './request.js';

/**
 * One secret of an OAuth app, as stored.
 *
 * @example
 * ```ts
 * const secret: ClientSecretRecord = { id: 'sec_1', hash: await hashClientSecret(raw, pepper), expiresAt: null };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export interface ClientSecretRecord {
  /** The secret's id (`sec_…`). */
  readonly id: string;
  /** {@link hashClientSecret}'s output. */
  readonly hash: string;
  /** When the secret stops working (epoch ms), or `null` for never. */
  readonly expiresAt: number | null;
}

/**
 * An OAuth app (a client), as stored.
 *
 * @example
 * ```ts
 * const client: OAuthClientRecord = { id: 'app_…', orgId: 'org_1', scopes: ['pipeline:read'], tokenTtlSeconds: 3600, secrets: [secret] };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2
 */
export interface OAuthClientRecord {
  /** The `client_id` (`app_…`). */
  readonly id: string;
  readonly orgId: string;
  /** The scopes the app may request. */
  readonly scopes: readonly Scope[];
  /** The lifetime of its tokens, in seconds. */
  readonly tokenTtlSeconds: number;
  /** Its secrets: two at once during a rotation. */
  readonly secrets: readonly ClientSecretRecord[];
}

/**
 * Options of {@link authenticateClient} and {@link grantClientCredentials}.
 *
 * @example
 * ```ts
 * const options: ClientAuthenticationOptions = { findClient: (id) => db.findApp(id), pepper };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export interface ClientAuthenticationOptions {
  /** Finds an app by `client_id`. */
  readonly findClient: (clientId: string) => MaybePromise<OAuthClientRecord | undefined>;
  /** The server pepper the secret hashes were made with. */
  readonly pepper: string;
  /** The clock, in epoch ms. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * An authenticated client and the secret it used.
 *
 * @example
 * ```ts
 * const { client, secretId }: AuthenticatedClient = authenticated.value;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export interface AuthenticatedClient {
  readonly client: OAuthClientRecord;
  readonly secretId: string;
}

/**
 * Authenticates a client by its secret: the hash of the presented secret is compared in constant time
 * with every unexpired secret of the app. Any failure — unknown client, wrong or expired secret — is
 * `invalid_client` (401), with `WWW-Authenticate: Basic` when HTTP Basic was used (RFC 6749 §5.2).
 *
 * @example
 * ```ts
 * const client = await authenticateClient(credentials.value, { findClient, pepper });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export async function authenticateClient(
  credentials: ClientCredentials,
  options: ClientAuthenticationOptions,
): Promise<Result<AuthenticatedClient>> {
  assertPepper(options.pepper);
  const deny = (reason: string): { ok: false; error: AuthError } => ({
    ok: false,
    error: new AuthError('invalid_client', {
      reason,
      challenge: credentials.method === 'client_secret_basic' ? 'basic' : null,
    }),
  });
  const client = await options.findClient(credentials.clientId);
  if (client === undefined) {
    return deny('unknown_client');
  }
  const hash = await backend.sha256(options.pepper + credentials.clientSecret);
  const t = (options.now ?? Date.now)();
  let matched: ClientSecretRecord | undefined;
  let expired = false;
  for (const secret of client.secrets) {
    if (constantTimeEqual(hash, secret.hash)) {
      if (secret.expiresAt !== null && t >= secret.expiresAt) {
        expired = true;
      } else {
        matched = secret;
      }
    }
  }
  if (matched === undefined) {
    return deny(expired ? 'expired_secret' : 'wrong_secret');
  }
  return ok({ client, secretId: matched.id });
}

/**
 * What a successful client credentials grant yields: the app and the scopes to put in its token.
 *
 * @example
 * ```ts
 * const { client, scopes }: ClientCredentialsGrant = grant.value;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3
 */
export interface ClientCredentialsGrant {
  readonly client: OAuthClientRecord;
  /** The granted scopes: those requested, or every scope the app may request when none were. */
  readonly scopes: readonly Scope[];
}

/**
 * Runs the client credentials grant (RFC 6749 §4.4) on a parsed request: authenticates the client
 * ({@link authenticateClient}), then checks the requested scopes against those the app may request
 * (`invalid_scope` otherwise; an app allowed `admin:all` may request any scope). No `scope` grants
 * every scope the app may request. Issue the token with {@link issueAccessToken}.
 *
 * @example
 * ```ts
 * const grant = await grantClientCredentials(parsed.value, { findClient, pepper });
 * if (!grant.ok) return grant.error.toResponse(requestId);
 * const issued = await issueAccessToken({ keySet, issuer, audience, clientId: grant.value.client.id,
 *   orgId: grant.value.client.orgId, scopes: grant.value.scopes, ttlSeconds: grant.value.client.tokenTtlSeconds });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export async function grantClientCredentials(
  request: TokenRequest,
  options: ClientAuthenticationOptions,
): Promise<Result<ClientCredentialsGrant>> {
  const authenticated = await authenticateClient(request.client, options);
  if (!authenticated.ok) {
    return authenticated;
  }
  const { client } = authenticated.value;
  if (request.scopes === null) {
    return ok({ client, scopes: client.scopes });
  }
  const refused = request.scopes.filter((scope) => !hasScope(client.scopes, scope));
  if (refused.length > 0) {
    return {
      ok: false,
      error: new AuthError('invalid_scope', {
        description: `This app may not request: ${refused.join(', ')}.`,
        reason: 'scope_not_allowed',
      }),
    };
  }
  return ok({ client, scopes: request.scopes });
}
