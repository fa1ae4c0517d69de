import { SCOPES, type Scope } from '@neuracraft/types';
import { apiKeyHeader, type CredentialKind } from '../spec/security.js';
import type { CaseContext } from './case.js';

/** A credential as a case sends it. */
export interface SentCredential {
  readonly headers: Record<string, string>;
  /** `API key with pipeline:read` */
  readonly label: string;
}

/** What a credential kind is called in case names. */
export const KIND_LABEL: Readonly<Record<CredentialKind, string>> = {
  apiKey: 'API key',
  bearer: 'bearer token',
  session: 'session',
};

export const scopeList = (scopes: readonly string[]): string => scopes.join(' ');

/** The scopes a credential holds when the operation needs none: one scope, the least of all. */
export const anyScope = (scopes: readonly Scope[]): readonly Scope[] =>
  scopes.length > 0 ? scopes : [SCOPES[0]];

/** Headers that carry a raw API key or bearer token. */
export function credentialHeaders(kind: 'apiKey' | 'bearer', secret: string): Record<string, string> {
  return kind === 'apiKey' ? { [apiKeyHeader()]: secret } : { authorization: `Bearer ${secret}` };
}

/** An API key or a token holding exactly `scopes`, made by the suite. */
export async function credentialWith(
  t: CaseContext,
  kind: 'apiKey' | 'bearer',
  scopes: readonly Scope[],
): Promise<SentCredential> {
  const held = anyScope(scopes);
  const secret = kind === 'apiKey' ? await t.credentials.apiKey(held) : await t.credentials.token(held);
  return { headers: credentialHeaders(kind, secret), label: `${KIND_LABEL[kind]} with ${scopeList(held)}` };
}
