import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { empty, json, problem } from '../http/problem.js';
import { newId } from '../ids.js';
import { idOf, listed, notFound, now } from './common.js';

export const listPlugins: Handler<'listPlugins'> = (ctx) =>
  listed(ctx, (page) => ctx.deps.store.plugins.list(principalOf(ctx).orgId, page));

export const installPlugin: Handler<'installPlugin'> = async (ctx) => {
  const { orgId } = principalOf(ctx);
  const { name, version, config, enabled } = ctx.input.body;
  const at = now();
  try {
    const plugin = await ctx.deps.store.plugins.insert({
      id: newId('plugin'),
      org_id: orgId,
      name,
      version,
      enabled: enabled === false ? 0 : 1,
      config: JSON.stringify(config ?? {}),
      installed_at: at,
      updated_at: at,
    });
    return json(plugin, ctx, 201);
  } catch (error) {
    if (/unique|duplicate/i.test(String((error as Error).message))) {
      return problem('conflict', `Plugin ${name} is already installed; update it instead.`, ctx);
    }
    throw error;
  }
};

export const getPlugin: Handler<'getPlugin'> = async (ctx) => {
  const id = idOf(ctx);
  const plugin = await ctx.deps.store.plugins.get(principalOf(ctx).orgId, id);
  return plugin ? json(plugin, ctx) : notFound(ctx, 'plugin', id);
};

export const updatePlugin: Handler<'updatePlugin'> = async (ctx) => {
  const id = idOf(ctx);
  const { version, enabled, config } = ctx.input.body;
  const plugin = await ctx.deps.store.plugins.update(principalOf(ctx).orgId, id, {
    ...(version !== undefined && { version }),
    ...(enabled !== undefined && { enabled: enabled ? 1 : 0 }),
    ...(config !== undefined && { config: JSON.stringify(config) }),
    updated_at: now(),
  });
  return plugin ? json(plugin, ctx) : notFound(ctx, 'plugin', id);
};

export const uninstallPlugin: Handler<'uninstallPlugin'> = async (ctx) => {
  const id = idOf(ctx);
  return (await ctx.deps.store.plugins.delete(principalOf(ctx).orgId, id))
    ? empty(ctx)
    : notFound(ctx, 'plugin', id);
};
