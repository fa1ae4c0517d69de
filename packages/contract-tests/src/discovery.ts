import type { SuiteContext } from './context.js';
import type { HttpResponse } from './http/client.js';
import { allOperations, type OperationSpec } from './spec/document.js';
import { tokenUrl } from './spec/security.js';

/** Where RFC 8414 §3 says an authorization server publishes its metadata. */
export const METADATA_PATH = '/.well-known/oauth-authorization-server';

/** The OAuth endpoints of the server, each joined to the operation of the spec that describes it. */
export interface Endpoints {
  readonly metadata: OperationSpec | undefined;
  readonly token: OperationSpec | undefined;
  readonly revocation: OperationSpec | undefined;
  readonly introspection: OperationSpec | undefined;
  readonly jwks: OperationSpec | undefined;
  /** The metadata document as the server answered it (`undefined` when it could not be read). */
  readonly document: Readonly<Record<string, unknown>> | undefined;
  readonly response: HttpResponse | undefined;
}

const byPath = (method: string, path: string | undefined) =>
  path === undefined ? undefined : allOperations().find((op) => op.method === method && op.path === path);

/** The operation whose path a URL of the metadata ends with (deployments may sit under a prefix). */
function opOfUrl(method: string, url: unknown): OperationSpec | undefined {
  if (typeof url !== 'string') {
    return undefined;
  }
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  return allOperations().find(
    (op) => op.method === method && !op.path.includes('{') && pathname.endsWith(op.path),
  );
}

/**
 * Reads the server's RFC 8414 metadata and finds the token, revocation, introspection and JWKS
 * operations from it; the token endpoint falls back to the spec's OAuth 2.0 `tokenUrl`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
export async function discover(ctx: SuiteContext): Promise<Endpoints> {
  const metadata = byPath('get', METADATA_PATH);
  let document: Record<string, unknown> | undefined;
  let response: HttpResponse | undefined;
  if (metadata) {
    try {
      response = (await ctx.http.send({ method: 'GET', path: metadata.path })).response;
      if (response.status === 200 && typeof response.json === 'object' && response.json !== null) {
        document = response.json as Record<string, unknown>;
      }
    } catch {
      document = undefined;
    }
  }
  return {
    metadata,
    token: opOfUrl('post', document?.token_endpoint) ?? byPath('post', tokenUrl()),
    revocation: opOfUrl('post', document?.revocation_endpoint),
    introspection: opOfUrl('post', document?.introspection_endpoint),
    jwks: opOfUrl('get', document?.jwks_uri),
    document,
    response,
  };
}
