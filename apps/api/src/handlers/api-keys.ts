import { SCOPES, type Scope } from '@neuracraft/types';
import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { empty, json, problem } from '../http/problem.js';
import { toApiKey } from '../store/credentials.js';
import { audit } from './audit.js';
import { idOf, listed, notFound } from './common.js';

/** Every scope but `admin:all`, which must be asked for by name. */
export const DEFAULT_KEY_SCOPES: readonly Scope[] = SCOPES.filter((s) => s !== 'admin:all');

export const listApiKeys: Handler<'listApiKeys'> = (ctx) =>
  listed(ctx, (page) => ctx.deps.store.apiKeys.list(principalOf(ctx).orgId, page));

export const createApiKey: Handler<'createApiKey'> = async (ctx) => {
  const { name, scopes, expires_at } = ctx.input.body;
  if (expires_at && Date.parse(expires_at) <= Date.now()) {
    return problem('invalid_request', 'expires_at must be in the future.', ctx, {
      issues: [{ path: '/body/expires_at', message: 'body/expires_at: must be in the future' }],
    });
  }
  const { row, key } = await ctx.deps.apiKeys.create(principalOf(ctx).orgId, {
    name,
    scopes: scopes ?? DEFAULT_KEY_SCOPES,
    expiresAt: expires_at ? new Date(expires_at).toISOString() : null,
  });
  await audit(ctx, 'api_key.created', { type: 'api_key', id: row.id });
  return json({ ...toApiKey(row), key }, ctx, 201, { 'cache-control': 'no-store' });
};

export const getApiKey: Handler<'getApiKey'> = async (ctx) => {
  const id = idOf(ctx);
  const row = await ctx.deps.store.apiKeys.get(principalOf(ctx).orgId, id);
  return row ? json(toApiKey(row), ctx) : notFound(ctx, 'API key', id);
};

export const revokeApiKey: Handler<'revokeApiKey'> = async (ctx) => {
  const id = idOf(ctx);
  const row = await ctx.deps.apiKeys.revoke(principalOf(ctx).orgId, id);
  if (!row) {
    return notFound(ctx, 'API key', id);
  }
  await audit(ctx, 'api_key.revoked', { type: 'api_key', id });
  return empty(ctx);
};

export const rotateApiKey: Handler<'rotateApiKey'> = async (ctx) => {
  const id = idOf(ctx);
  const { orgId } = principalOf(ctx);
  const grace = ctx.input.body?.grace_period_seconds ?? 86_400;
  const existing = await ctx.deps.store.apiKeys.get(orgId, id);
  if (!existing) {
    return notFound(ctx, 'API key', id);
  }
  const status = toApiKey(existing).status;
  const created = status === 'active' ? await ctx.deps.apiKeys.rotate(orgId, id, grace) : undefined;
  if (!created) {
    return problem('conflict', `API key ${id} is ${status}; only an active key can be rotated.`, ctx);
  }
  await audit(ctx, 'api_key.rotated', { type: 'api_key', id });
  return json({ ...toApiKey(created.row), key: created.key }, ctx, 201, { 'cache-control': 'no-store' });
};
