import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { empty, json, problem } from '../http/problem.js';
import { newId } from '../ids.js';
import { idOf, listed, notFound, now } from './common.js';

export const listWorkflows: Handler<'listWorkflows'> = (ctx) =>
  listed(ctx, (page) => ctx.deps.store.workflows.list(principalOf(ctx).orgId, page));

export const createWorkflow: Handler<'createWorkflow'> = async (ctx) => {
  const { orgId } = principalOf(ctx);
  const { name, pipeline_id, trigger, enabled } = ctx.input.body;
  if (!(await ctx.deps.store.pipelines.get(orgId, pipeline_id))) {
    return notFound(ctx, 'pipeline', pipeline_id);
  }
  const at = now();
  const workflow = await ctx.deps.store.workflows.insert({
    id: newId('workflow'),
    org_id: orgId,
    name,
    pipeline_id,
    trigger: JSON.stringify(trigger ?? { type: 'manual' }),
    enabled: enabled === false ? 0 : 1,
    created_at: at,
    updated_at: at,
  });
  return json(workflow, ctx, 201);
};

export const getWorkflow: Handler<'getWorkflow'> = async (ctx) => {
  const id = idOf(ctx);
  const workflow = await ctx.deps.store.workflows.get(principalOf(ctx).orgId, id);
  return workflow ? json(workflow, ctx) : notFound(ctx, 'workflow', id);
};

export const updateWorkflow: Handler<'updateWorkflow'> = async (ctx) => {
  const id = idOf(ctx);
  const { orgId } = principalOf(ctx);
  const { name, pipeline_id, trigger, enabled } = ctx.input.body;
  if (pipeline_id !== undefined && !(await ctx.deps.store.pipelines.get(orgId, pipeline_id))) {
    return notFound(ctx, 'pipeline', pipeline_id);
  }
  const workflow = await ctx.deps.store.workflows.update(orgId, id, {
    ...(name !== undefined && { name }),
    ...(pipeline_id !== undefined && { pipeline_id }),
    ...(trigger !== undefined && { trigger: JSON.stringify(trigger) }),
    ...(enabled !== undefined && { enabled: enabled ? 1 : 0 }),
    updated_at: now(),
  });
  return workflow ? json(workflow, ctx) : notFound(ctx, 'workflow', id);
};

export const deleteWorkflow: Handler<'deleteWorkflow'> = async (ctx) => {
  const id = idOf(ctx);
  return (await ctx.deps.store.workflows.delete(principalOf(ctx).orgId, id))
    ? empty(ctx)
    : notFound(ctx, 'workflow', id);
};

export const triggerWorkflow: Handler<'triggerWorkflow'> = async (ctx) => {
  const id = idOf(ctx);
  const { orgId } = principalOf(ctx);
  const workflow = await ctx.deps.store.workflows.get(orgId, id);
  if (!workflow) {
    return notFound(ctx, 'workflow', id);
  }
  if (!workflow.enabled) {
    return problem('conflict', `Workflow ${id} is disabled; enable it to trigger executions.`, ctx);
  }
  const at = now();
  const execution = await ctx.deps.store.executions.insert({
    id: newId('execution'),
    org_id: orgId,
    workflow_id: workflow.id,
    pipeline_id: workflow.pipeline_id,
    status: 'queued',
    inputs: JSON.stringify(ctx.input.body?.inputs ?? {}),
    created_at: at,
    updated_at: at,
    finished_at: null,
  });
  return json(execution, ctx, 201);
};
