import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { audit, idempotency, sessions, users } from './audit.js';
import { apiKeys, oauthApps, orgs, revokedTokens, settings, signingKeys } from './credentials.js';
import { migrateToLatest } from './migrations.js';
import { executions, pipelines, plugins, workflows } from './resources.js';
import type { Database } from './schema.js';

/** Everything the server keeps, behind one interface; every org-owned query takes the org first. */
export interface Store {
  readonly orgs: ReturnType<typeof orgs>;
  readonly apiKeys: ReturnType<typeof apiKeys>;
  readonly oauthApps: ReturnType<typeof oauthApps>;
  readonly signingKeys: ReturnType<typeof signingKeys>;
  readonly revokedTokens: ReturnType<typeof revokedTokens>;
  readonly settings: ReturnType<typeof settings>;
  readonly pipelines: ReturnType<typeof pipelines>;
  readonly workflows: ReturnType<typeof workflows>;
  readonly executions: ReturnType<typeof executions>;
  readonly plugins: ReturnType<typeof plugins>;
  readonly audit: ReturnType<typeof audit>;
  readonly idempotency: ReturnType<typeof idempotency>;
  readonly users: ReturnType<typeof users>;
  readonly sessions: ReturnType<typeof sessions>;
  /** Where the data lives, for logs: a file path, never a password. */
  readonly location: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Wraps a Kysely instance of either backend in the Store interface, after migrating it. */
export async function storeOn(db: Kysely<Database>, location: string): Promise<Store> {
  await migrateToLatest(db as Kysely<unknown>);
  return {
    orgs: orgs(db),
    apiKeys: apiKeys(db),
    oauthApps: oauthApps(db),
    signingKeys: signingKeys(db),
    revokedTokens: revokedTokens(db),
    settings: settings(db),
    pipelines: pipelines(db),
    workflows: workflows(db),
    executions: executions(db),
    plugins: plugins(db),
    audit: audit(db),
    idempotency: idempotency(db),
    users: users(db),
    sessions: sessions(db),
    location,
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/** Opens (creating it if need be) the embedded SQLite database in `dataDir`, in WAL mode. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'neuracraft.db');
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return storeOn(db, file);
}

/**
 * Opens the PostgreSQL database at `url` (`DATABASE_URL`), migrating it if need be. Several servers may
 * share one database: that is how NeuraCraft scales out.
 */
export async function openPostgresStore(url: string, poolSize = 10): Promise<Store> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const where = new URL(url);
  return storeOn(db, `postgresql://${where.host}${where.pathname}`);
}

/** The store the configuration names: PostgreSQL when `DATABASE_URL` is set, else SQLite in the data directory. */
export const openStore = (config: { databaseUrl: string | null; dataDir: string }): Promise<Store> =>
  config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
