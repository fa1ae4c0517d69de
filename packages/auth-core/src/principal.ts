import type { Scope } from '@neuracraft/types';

/**
 * The kind of credential a principal authenticated with.
 *
 * @example
 * ```ts
 * if (principal.kind === 'access_token') log.info({ client: principal.clientId });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 */
export type PrincipalKind = 'api_key' | 'access_token' | 'session';

/**
 * Who a request is: the same shape for API keys, access tokens and dashboard sessions, so authorization
 * and org scoping never branch on the credential.
 *
 * @example
 * ```ts
 * const principal: Principal = {
 *   orgId: 'org_1', kind: 'api_key', credentialId: 'key_1', scopes: ['pipeline:read'], clientId: null,
 * };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 */
export interface Principal {
  /** The organization every query of this request is scoped to. */
  readonly orgId: string;
  /** The credential the request carried. */
  readonly kind: PrincipalKind;
  /** The API key id, the token's `jti` or the session id. */
  readonly credentialId: string;
  /** The scopes granted to the credential. */
  readonly scopes: readonly Scope[];
  /** The OAuth app's `client_id` for access tokens, else `null`. */
  readonly clientId: string | null;
}
