import type { Kysely, Updateable } from 'kysely';
import { type PageRequest, paginate } from './page.js';
import type { Database } from './schema.js';
import type { Execution, Pipeline, Plugin, Workflow } from './types.js';

type Db = Kysely<Database>;
type Json = Record<string, unknown>;

const json = (text: string) => JSON.parse(text) as never;

export const toPipeline = (r: Database['pipelines']): Pipeline => ({
  id: r.id,
  name: r.name,
  description: r.description,
  steps: json(r.steps),
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const toWorkflow = (r: Database['workflows']): Workflow => ({
  id: r.id,
  name: r.name,
  pipeline_id: r.pipeline_id,
  trigger: json(r.trigger),
  enabled: r.enabled === 1,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const toExecution = (r: Database['executions']): Execution => ({
  id: r.id,
  workflow_id: r.workflow_id,
  pipeline_id: r.pipeline_id,
  status: r.status as Execution['status'],
  inputs: json(r.inputs),
  created_at: r.created_at,
  updated_at: r.updated_at,
  finished_at: r.finished_at,
});

export const toPlugin = (r: Database['plugins']): Plugin => ({
  id: r.id,
  name: r.name,
  version: r.version,
  enabled: r.enabled === 1,
  config: json(r.config),
  installed_at: r.installed_at,
  updated_at: r.updated_at,
});

type Owned = 'pipelines' | 'workflows' | 'executions' | 'plugins';

/** Get, list, update and delete for a table whose rows belong to an org, mapped to the API's shape. */
function owned<T extends Owned, Out>(db: Db, table: T, map: (row: Database[T]) => Out) {
  const one = (orgId: string, id: string) =>
    db
      .selectFrom(table as Owned)
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<Database[T] | undefined>;
  return {
    get: async (orgId: string, id: string) => {
      const row = await one(orgId, id);
      return row ? map(row) : undefined;
    },
    list: (orgId: string, page: PageRequest, filter: Partial<Record<string, string>> = {}) => {
      let q = db
        .selectFrom(table as Owned)
        .selectAll()
        .where('org_id', '=', orgId);
      for (const [column, value] of Object.entries(filter)) {
        if (value !== undefined) {
          q = q.where(column as never, '=', value as never);
        }
      }
      return paginate(q, 'id', page, (row) => map(row as Database[T]));
    },
    insert: async (row: Database[T]) => {
      await db
        .insertInto(table as Owned)
        .values(row as never)
        .execute();
      return map(row);
    },
    /** Applies `patch`; answers the row as it is now, or undefined when the org has no such row. */
    update: async (orgId: string, id: string, patch: Updateable<Database[T]>) => {
      await db
        .updateTable(table as Owned)
        .set(patch as never)
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
      const row = await one(orgId, id);
      return row ? map(row) : undefined;
    },
    delete: async (orgId: string, id: string) => {
      const result = await db
        .deleteFrom(table as Owned)
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export const pipelines = (db: Db) => owned(db, 'pipelines', toPipeline);
export const workflows = (db: Db) => owned(db, 'workflows', toWorkflow);
export const plugins = (db: Db) => owned(db, 'plugins', toPlugin);
export function executions(db: Db) {
  const base = owned(db, 'executions', toExecution);
  return {
    ...base,
    /**
     * Moves a queued or running execution to `canceled`. Answers the row as it is afterwards and whether
     * this call canceled it; undefined when the org has no such execution.
     */
    cancel: async (orgId: string, id: string, at: string) => {
      const result = await db
        .updateTable('executions')
        .set({ status: 'canceled', updated_at: at, finished_at: at })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      const execution = await base.get(orgId, id);
      return execution ? { execution, canceled: result.numUpdatedRows > 0n } : undefined;
    },
  };
}

export type { Json, PageRequest };
