import { SCOPES } from '@neuracraft/types';
import type { Handler } from '../context.js';
import { json } from '../http/problem.js';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

export const getAuthorizationServerMetadata: Handler<'getAuthorizationServerMetadata'> = (ctx) => {
  const base = ctx.deps.config.publicUrl;
  return json(
    {
      issuer: base,
      token_endpoint: `${base}/oauth/token`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      revocation_endpoint: `${base}/oauth/revoke`,
      introspection_endpoint: `${base}/oauth/introspect`,
      scopes_supported: [...SCOPES],
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: AUTH_METHODS,
      service_documentation: `${base}/docs/guide/`,
    },
    ctx,
    200,
    { 'cache-control': 'public, max-age=300' },
  );
};

export const getJwks: Handler<'getJwks'> = (ctx) =>
  json(ctx.deps.tokens.jwks(), ctx, 200, { 'cache-control': 'public, max-age=300' });
