import {
  type AuthError,
  authenticateClient,
  type ClientCredentials,
  grantClientCredentials,
  parseClientAuthentication,
  parseForm,
  parseTokenRequest,
  type TokenResponseBody,
} from '@neuracraft/auth-core';
import type { Ctx, Handler } from '../context.js';
import { denial, empty, json, problem } from '../http/problem.js';
import { rateLimitHeaders } from '../http/rate-limit.js';

/**
 * Failed client authentication is throttled per client_id and per address (NEURACRAFT_AUTH_FAILURE_LIMIT):
 * past the limit every attempt is a 429, right or wrong, so secrets cannot be guessed.
 */
function throttle(ctx: Ctx, clientId: string | null) {
  const rate = ctx.deps.config.authFailureLimit;
  const keys = [`authfail:ip:${ctx.ip}`, ...(clientId ? [`authfail:client:${clientId}`] : [])];
  return {
    async blocked(): Promise<Response | null> {
      if (rate === null) {
        return null;
      }
      for (const key of keys) {
        const d = await ctx.deps.limiter.peek(key, rate);
        if (!d.allowed) {
          return problem(
            'rate_limited',
            'Too many failed client authentications; retry later.',
            ctx,
            {},
            rateLimitHeaders(d, rate, 'auth-failures'),
          );
        }
      }
      return null;
    },
    async failed() {
      if (rate !== null) {
        for (const key of keys) {
          await ctx.deps.limiter.hit(key, rate);
        }
      }
    },
  };
}

const errorResponse = (ctx: Ctx, error: AuthError): Response => denial(error, ctx);

/** Client authentication for /oauth/revoke and /oauth/introspect, as at the token endpoint. */
async function authenticateCaller(
  ctx: Ctx,
): Promise<{ ok: true; orgId: string; clientId: string } | { ok: false; response: Response }> {
  const form = parseForm(ctx.rawBody ?? '', ctx.request.headers);
  if (!form.ok) {
    return { ok: false, response: errorResponse(ctx, form.error) };
  }
  const credentials = parseClientAuthentication(form.value, ctx.request.headers);
  const gate = throttle(ctx, credentials.ok ? credentials.value.clientId : null);
  const blocked = await gate.blocked();
  if (blocked) {
    return { ok: false, response: blocked };
  }
  if (!credentials.ok) {
    return { ok: false, response: errorResponse(ctx, credentials.error) };
  }
  const client = await authenticateClient(credentials.value as ClientCredentials, {
    findClient: (id: string) => ctx.deps.apps.findClient(id),
    pepper: ctx.deps.keys.pepper,
  });
  if (!client.ok) {
    await gate.failed();
    return { ok: false, response: errorResponse(ctx, client.error) };
  }
  return { ok: true, orgId: client.value.client.orgId, clientId: client.value.client.id };
}

export const createToken: Handler<'createToken'> = async (ctx) => {
  const { metrics, tokens } = ctx.deps;
  const parsed = parseTokenRequest({ body: ctx.rawBody ?? '', headers: ctx.request.headers });
  const gate = throttle(ctx, parsed.ok ? parsed.value.client.clientId : null);
  const blocked = await gate.blocked();
  if (blocked) {
    metrics.token('rate_limited');
    return blocked;
  }
  if (!parsed.ok) {
    metrics.token(parsed.error.code);
    return errorResponse(ctx, parsed.error);
  }
  const grant = await grantClientCredentials(parsed.value, {
    findClient: (id: string) => ctx.deps.apps.findClient(id),
    pepper: ctx.deps.keys.pepper,
  });
  if (!grant.ok) {
    if (grant.error.code === 'invalid_client') {
      await gate.failed();
    }
    metrics.token(grant.error.code);
    return errorResponse(ctx, grant.error);
  }
  const issued = await tokens.issue(grant.value.client, grant.value.scopes);
  metrics.token('issued');
  const body: TokenResponseBody = {
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope: issued.claims.scope,
  };
  return json(body, ctx);
};

export const revokeToken: Handler<'revokeToken'> = async (ctx) => {
  const caller = await authenticateCaller(ctx);
  if (!caller.ok) {
    return caller.response;
  }
  const claims = await ctx.deps.tokens.inspect(ctx.input.body.token);
  // RFC 7009 §2.1–2.2: only the client a token was issued to may revoke it. An invalid, unknown or
  // foreign token is answered 200 all the same, so the answer tells nothing of other clients' tokens.
  if (claims && claims.client_id === caller.clientId) {
    await ctx.deps.tokens.revoke(claims);
  }
  return empty(ctx, 200);
};

export const introspectToken: Handler<'introspectToken'> = async (ctx) => {
  const caller = await authenticateCaller(ctx);
  if (!caller.ok) {
    return caller.response;
  }
  const claims = await ctx.deps.tokens.inspect(ctx.input.body.token);
  // RFC 7662 §2.2: say nothing of a token the caller may not know about.
  if (!claims || claims.org_id !== caller.orgId) {
    return json({ active: false }, ctx);
  }
  return json(
    {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      ...(claims.nbf !== undefined && { nbf: claims.nbf }),
      iss: claims.iss,
      aud: claims.aud,
      jti: claims.jti,
    },
    ctx,
  );
};
