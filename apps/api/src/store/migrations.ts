import {
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresAdapter,
  sql,
} from 'kysely';

/**
 * Text columns compare byte by byte on every backend: ids sort by creation time and ISO timestamps by
 * time only under a binary collation, which SQLite has by default and PostgreSQL must be told.
 */
function binaryText(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return (c: ColumnDefinitionBuilder) => (postgres ? c.modifyFront(sql`collate "C"`) : c);
}

/** Schema changes in order; each runs once, inside a transaction, on SQLite and PostgreSQL alike. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      const text = binaryText(db);
      await db.schema
        .createTable('orgs')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('name', 'text', (c) => text(c).primaryKey())
        .addColumn('value', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('hash', 'text', (c) => text(c).notNull().unique())
        .addColumn('hint', 'text', (c) => text(c).notNull())
        .addColumn('scopes', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('expires_at', 'text', text)
        .addColumn('last_used_at', 'text', text)
        .addColumn('revoked_at', 'text', text)
        .execute();
      await db.schema.createIndex('api_keys_org').on('api_keys').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('oauth_apps')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('scopes', 'text', (c) => text(c).notNull())
        .addColumn('token_ttl_seconds', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema.createIndex('oauth_apps_org').on('oauth_apps').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('oauth_app_secrets')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('app_id', 'text', (c) => text(c).notNull().references('oauth_apps.id').onDelete('cascade'))
        .addColumn('hash', 'text', (c) => text(c).notNull())
        .addColumn('hint', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('expires_at', 'text', text)
        .execute();
      await db.schema.createIndex('oauth_app_secrets_app').on('oauth_app_secrets').column('app_id').execute();
      await db.schema
        .createTable('signing_keys')
        .addColumn('kid', 'text', (c) => text(c).primaryKey())
        .addColumn('alg', 'text', (c) => text(c).notNull())
        .addColumn('private_jwk', 'text', (c) => text(c).notNull())
        .addColumn('public_jwk', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('retired_at', 'text', text)
        .execute();
      await db.schema
        .createTable('revoked_tokens')
        .addColumn('jti', 'text', (c) => text(c).primaryKey())
        .addColumn('expires_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema
        .createTable('pipelines')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('description', 'text', text)
        .addColumn('steps', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema.createIndex('pipelines_org').on('pipelines').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('workflows')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('pipeline_id', 'text', (c) => text(c).notNull())
        .addColumn('trigger', 'text', (c) => text(c).notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema.createIndex('workflows_org').on('workflows').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('executions')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('workflow_id', 'text', (c) => text(c).notNull())
        .addColumn('pipeline_id', 'text', (c) => text(c).notNull())
        .addColumn('status', 'text', (c) => text(c).notNull())
        .addColumn('inputs', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .addColumn('finished_at', 'text', text)
        .execute();
      await db.schema.createIndex('executions_org').on('executions').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('plugins')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => text(c).notNull())
        .addColumn('version', 'text', (c) => text(c).notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('config', 'text', (c) => text(c).notNull())
        .addColumn('installed_at', 'text', (c) => text(c).notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .addUniqueConstraint('plugins_org_name', ['org_id', 'name'])
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull())
        .addColumn('action', 'text', (c) => text(c).notNull())
        .addColumn('outcome', 'text', (c) => text(c).notNull())
        .addColumn('actor_type', 'text', (c) => text(c).notNull())
        .addColumn('actor_id', 'text', (c) => text(c).notNull())
        .addColumn('target_type', 'text', text)
        .addColumn('target_id', 'text', text)
        .addColumn('request_id', 'text', (c) => text(c).notNull())
        .addColumn('ip', 'text', text)
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema.createIndex('audit_events_org').on('audit_events').columns(['org_id', 'id']).execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('org_id', 'text', (c) => text(c).notNull())
        .addColumn('credential_id', 'text', (c) => text(c).notNull())
        .addColumn('idempotency_key', 'text', (c) => text(c).notNull())
        .addColumn('operation_id', 'text', (c) => text(c).notNull())
        .addColumn('fingerprint', 'text', (c) => text(c).notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['org_id', 'credential_id', 'idempotency_key'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('org_id', 'text', (c) => text(c).notNull().references('orgs.id'))
        .addColumn('email', 'text', (c) => text(c).notNull().unique())
        .addColumn('password_hash', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => text(c).primaryKey())
        .addColumn('user_id', 'text', (c) => text(c).notNull().references('users.id').onDelete('cascade'))
        .addColumn('org_id', 'text', (c) => text(c).notNull())
        .addColumn('csrf_token', 'text', (c) => text(c).notNull())
        .addColumn('created_at', 'text', (c) => text(c).notNull())
        .addColumn('last_seen_at', 'text', (c) => text(c).notNull())
        .addColumn('expires_at', 'text', (c) => text(c).notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date. Safe to run at every start and from several processes: the migrator
 * takes a lock, so one process migrates and the others wait.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
