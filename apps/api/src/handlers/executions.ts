import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { json, problem } from '../http/problem.js';
import { idOf, listed, notFound, now } from './common.js';

export const listExecutions: Handler<'listExecutions'> = (ctx) => {
  const { workflow_id, status } = ctx.input.query;
  return listed(ctx, (page) =>
    ctx.deps.store.executions.list(principalOf(ctx).orgId, page, { workflow_id, status }),
  );
};

export const getExecution: Handler<'getExecution'> = async (ctx) => {
  const id = idOf(ctx);
  const execution = await ctx.deps.store.executions.get(principalOf(ctx).orgId, id);
  return execution ? json(execution, ctx) : notFound(ctx, 'execution', id);
};

export const cancelExecution: Handler<'cancelExecution'> = async (ctx) => {
  const id = idOf(ctx);
  const result = await ctx.deps.store.executions.cancel(principalOf(ctx).orgId, id, now());
  if (!result) {
    return notFound(ctx, 'execution', id);
  }
  if (!result.canceled) {
    return problem('conflict', `Execution ${id} is already ${result.execution.status}.`, ctx);
  }
  return json(result.execution, ctx);
};
