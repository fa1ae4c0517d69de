import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { empty, json } from '../http/problem.js';
import { toOAuthApp } from '../store/credentials.js';
import { audit } from './audit.js';
import { idOf, listed, notFound } from './common.js';

export const listOAuthApps: Handler<'listOAuthApps'> = (ctx) =>
  listed(ctx, (page) => ctx.deps.store.oauthApps.list(principalOf(ctx).orgId, page));

export const createOAuthApp: Handler<'createOAuthApp'> = async (ctx) => {
  const { name, scopes, token_ttl_seconds } = ctx.input.body;
  const { record, secret } = await ctx.deps.apps.create(principalOf(ctx).orgId, {
    name,
    scopes,
    tokenTtlSeconds: token_ttl_seconds ?? ctx.deps.config.tokenTtlSeconds,
  });
  await audit(ctx, 'oauth_app.created', { type: 'oauth_app', id: record.app.id });
  return json({ ...toOAuthApp(record), client_secret: secret }, ctx, 201, { 'cache-control': 'no-store' });
};

export const getOAuthApp: Handler<'getOAuthApp'> = async (ctx) => {
  const id = idOf(ctx);
  const record = await ctx.deps.store.oauthApps.get(principalOf(ctx).orgId, id);
  return record ? json(toOAuthApp(record), ctx) : notFound(ctx, 'OAuth app', id);
};

export const updateOAuthApp: Handler<'updateOAuthApp'> = async (ctx) => {
  const id = idOf(ctx);
  const { orgId } = principalOf(ctx);
  const { name, scopes, token_ttl_seconds } = ctx.input.body;
  if (!(await ctx.deps.store.oauthApps.get(orgId, id))) {
    return notFound(ctx, 'OAuth app', id);
  }
  await ctx.deps.store.oauthApps.update(orgId, id, {
    ...(name !== undefined && { name }),
    ...(scopes !== undefined && { scopes: scopes.join(' ') }),
    ...(token_ttl_seconds !== undefined && { token_ttl_seconds }),
  });
  await ctx.deps.apps.changed(id);
  await audit(ctx, 'oauth_app.updated', { type: 'oauth_app', id });
  const record = await ctx.deps.store.oauthApps.get(orgId, id);
  return record ? json(toOAuthApp(record), ctx) : notFound(ctx, 'OAuth app', id);
};

export const deleteOAuthApp: Handler<'deleteOAuthApp'> = async (ctx) => {
  const id = idOf(ctx);
  if (!(await ctx.deps.store.oauthApps.delete(principalOf(ctx).orgId, id))) {
    return notFound(ctx, 'OAuth app', id);
  }
  await ctx.deps.tokens.revokeClient(id);
  await ctx.deps.apps.changed(id);
  await audit(ctx, 'oauth_app.deleted', { type: 'oauth_app', id });
  return empty(ctx);
};

export const rotateOAuthAppSecret: Handler<'rotateOAuthAppSecret'> = async (ctx) => {
  const id = idOf(ctx);
  const grace = ctx.input.body?.grace_period_seconds ?? 86_400;
  const rotated = await ctx.deps.apps.rotateSecret(principalOf(ctx).orgId, id, grace);
  if (!rotated) {
    return notFound(ctx, 'OAuth app', id);
  }
  await audit(ctx, 'oauth_app.secret_rotated', { type: 'oauth_app', id });
  const app = toOAuthApp(rotated.record);
  return json(
    {
      client_id: app.client_id,
      client_secret: rotated.secret,
      secret: app.secrets.find((s) => s.id === rotated.secretId)!,
      app,
    },
    ctx,
    201,
    { 'cache-control': 'no-store' },
  );
};
