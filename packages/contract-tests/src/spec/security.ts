import { ADMIN_SCOPE } from '@neuracraft/auth-core';
import { SCOPES, type Scope, SECURITY_SCHEMES } from '@neuracraft/types';
import type { OperationSpec } from './document.js';

/** The kinds of credential a security scheme stands for. */
export type CredentialKind = 'apiKey' | 'bearer' | 'session';

/** One alternative of an operation's `security`, with the credential it takes. */
export interface Alternative {
  readonly scheme: string;
  readonly kind: CredentialKind | undefined;
  /** All needed (AND); empty: any valid credential of the scheme. */
  readonly scopes: readonly Scope[];
}

type SchemeTable = Readonly<
  Record<
    string,
    { readonly type: string; readonly in?: string; readonly name?: string; readonly scheme?: string }
  >
>;
const SCHEMES = SECURITY_SCHEMES as SchemeTable;

/** The credential a scheme takes: an API key header, a bearer token, a session cookie. */
export function kindOf(scheme: string): CredentialKind | undefined {
  const s = SCHEMES[scheme];
  if (s === undefined) {
    return undefined;
  }
  if (s.type === 'oauth2' || (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer')) {
    return 'bearer';
  }
  if (s.type === 'apiKey' && s.in === 'header') {
    return 'apiKey';
  }
  if (s.type === 'apiKey' && s.in === 'cookie') {
    return 'session';
  }
  return undefined;
}

/** The header that carries API keys (`X-API-Key`), from the spec's apiKey scheme. */
export const apiKeyHeader = (): string =>
  Object.values(SCHEMES).find((s) => s.type === 'apiKey' && s.in === 'header')?.name ?? 'X-API-Key';

/** The session cookie's name (`nc_session`), from the spec's cookie scheme. */
export const sessionCookie = (): string | undefined =>
  Object.values(SCHEMES).find((s) => s.type === 'apiKey' && s.in === 'cookie')?.name;

/** The token endpoint: the `tokenUrl` of the spec's OAuth 2.0 client-credentials flow. */
export const tokenUrl = (): string | undefined =>
  (Object.values(SCHEMES).find((s) => s.type === 'oauth2') as { tokenUrl?: string } | undefined)?.tokenUrl ??
  undefined;

/** The alternatives of an operation's `security`, one per scheme named in each. */
export function alternativesOf(op: OperationSpec): Alternative[] {
  return op.security.flatMap((requirement) =>
    Object.entries(requirement).map(([scheme, scopes]) => ({
      scheme,
      kind: kindOf(scheme),
      scopes: (scopes ?? []) as readonly Scope[],
    })),
  );
}

/** Whether an operation is public (`security: []`). */
export const isPublic = (op: OperationSpec): boolean => op.security.length === 0;

/** The scopes any alternative of `kind` lists: a credential with none of them must be refused. */
export const scopesFor = (op: OperationSpec, kind: CredentialKind): Scope[] => [
  ...new Set(
    alternativesOf(op)
      .filter((a) => a.kind === kind)
      .flatMap((a) => a.scopes),
  ),
];

/**
 * Every scope except those `kind`'s alternatives list and the admin scope (which satisfies them
 * all): what a credential holds to prove the operation checks scopes. Empty when no such
 * credential exists (the operation needs no scope).
 */
export function scopesWithout(op: OperationSpec, kind: CredentialKind): Scope[] {
  const needed = new Set<Scope>(scopesFor(op, kind));
  if (needed.size === 0) {
    return [];
  }
  return SCOPES.filter((s) => !needed.has(s) && s !== ADMIN_SCOPE);
}

export { ADMIN_SCOPE };
