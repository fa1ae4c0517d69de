import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import { type PageRequest, paginate } from './page.js';
import type { Database } from './schema.js';
import type { AuditEvent } from './types.js';

type Db = Kysely<Database>;

/** What is recorded of one audited action. */
export type AuditEntry = Omit<
  Database['audit_events'],
  'id' | 'created_at' | 'action' | 'actor_type' | 'target_type'
> & {
  readonly action: AuditEvent['action'];
  readonly actor_type: AuditEvent['actor']['type'];
  readonly target_type: NonNullable<AuditEvent['target']>['type'] | null;
};

export const toAuditEvent = (r: Database['audit_events']): AuditEvent => ({
  id: r.id,
  action: r.action as AuditEvent['action'],
  outcome: r.outcome as AuditEvent['outcome'],
  actor: { type: r.actor_type as AuditEvent['actor']['type'], id: r.actor_id },
  target:
    r.target_type && r.target_id
      ? { type: r.target_type as NonNullable<AuditEvent['target']>['type'], id: r.target_id }
      : null,
  request_id: r.request_id,
  ip: r.ip,
  created_at: r.created_at,
});

export function audit(db: Db) {
  return {
    record: async (entry: AuditEntry) => {
      await db
        .insertInto('audit_events')
        .values({ ...entry, id: newId('auditEvent'), created_at: new Date().toISOString() })
        .execute();
    },
    list: (orgId: string, page: PageRequest, filter: { action?: string; outcome?: string }) => {
      let q = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
      if (filter.action !== undefined) {
        q = q.where('action', '=', filter.action);
      }
      if (filter.outcome !== undefined) {
        q = q.where('outcome', '=', filter.outcome);
      }
      return paginate(q, 'id', page, toAuditEvent);
    },
  };
}

/** A response stored under an Idempotency-Key, replayed when the same request comes again. */
export type IdempotentResponse = Pick<Database['idempotency_keys'], 'fingerprint' | 'status' | 'body'>;

export function idempotency(db: Db) {
  return {
    get: (orgId: string, credentialId: string, key: string) =>
      db
        .selectFrom('idempotency_keys')
        .select(['fingerprint', 'status', 'body', 'operation_id'])
        .where('org_id', '=', orgId)
        .where('credential_id', '=', credentialId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst(),
    /** Stores the response unless one is stored already (a concurrent retry won); answers whether it did. */
    put: async (row: Database['idempotency_keys']) => {
      const result = await db
        .insertInto('idempotency_keys')
        .values(row)
        .onConflict((oc) => oc.columns(['org_id', 'credential_id', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    purgeOlderThan: async (at: string) => {
      await db.deleteFrom('idempotency_keys').where('created_at', '<', at).execute();
    },
  };
}

export function users(db: Db) {
  return {
    create: async (row: Database['users']) => {
      await db.insertInto('users').values(row).execute();
    },
    byEmail: (email: string) =>
      db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
    byId: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    count: async () =>
      Number(
        (
          await db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}

export function sessions(db: Db) {
  return {
    create: async (row: Database['sessions']) => {
      await db.insertInto('sessions').values(row).execute();
    },
    get: (id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
    touch: async (id: string, at: string) => {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    delete: async (id: string) => {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
  };
}

export type { PageRequest };
