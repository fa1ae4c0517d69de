import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { empty, json, problem } from '../http/problem.js';
import { newId } from '../ids.js';
import { idOf, listed, notFound, now } from './common.js';

export const listPipelines: Handler<'listPipelines'> = (ctx) =>
  listed(ctx, (page) => ctx.deps.store.pipelines.list(principalOf(ctx).orgId, page));

export const createPipeline: Handler<'createPipeline'> = async (ctx) => {
  const { name, description, steps } = ctx.input.body;
  const at = now();
  const pipeline = await ctx.deps.store.pipelines.insert({
    id: newId('pipeline'),
    org_id: principalOf(ctx).orgId,
    name,
    description: description ?? null,
    steps: JSON.stringify(steps ?? []),
    created_at: at,
    updated_at: at,
  });
  return json(pipeline, ctx, 201);
};

export const getPipeline: Handler<'getPipeline'> = async (ctx) => {
  const id = idOf(ctx);
  const pipeline = await ctx.deps.store.pipelines.get(principalOf(ctx).orgId, id);
  return pipeline ? json(pipeline, ctx) : notFound(ctx, 'pipeline', id);
};

export const updatePipeline: Handler<'updatePipeline'> = async (ctx) => {
  const id = idOf(ctx);
  const { name, description, steps } = ctx.input.body;
  const pipeline = await ctx.deps.store.pipelines.update(principalOf(ctx).orgId, id, {
    ...(name !== undefined && { name }),
    ...(description !== undefined && { description }),
    ...(steps !== undefined && { steps: JSON.stringify(steps) }),
    updated_at: now(),
  });
  return pipeline ? json(pipeline, ctx) : notFound(ctx, 'pipeline', id);
};

export const deletePipeline: Handler<'deletePipeline'> = async (ctx) => {
  const id = idOf(ctx);
  const { orgId } = principalOf(ctx);
  const users = await ctx.deps.store.workflows.list(orgId, { limit: 1, cursor: null }, { pipeline_id: id });
  if (users.data.length > 0) {
    return problem(
      'conflict',
      `Pipeline ${id} is used by workflow ${users.data[0]!.id}; delete or repoint its workflows first.`,
      ctx,
    );
  }
  return (await ctx.deps.store.pipelines.delete(orgId, id)) ? empty(ctx) : notFound(ctx, 'pipeline', id);
};
