import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prettyReport } from '../src/reporters/pretty.js';
import { runContractSuite } from '../src/run.js';
import { type ApiServer, startApiServer } from './support/server.js';

/** The PostgreSQL the server scales out on: DATABASE_URL, or the local test database. */
const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

describe('the suite against a real server on PostgreSQL', () => {
  const schema = `nc_contract_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  let server: ApiServer;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(POSTGRES);
    url.searchParams.set('options', `-c search_path=${schema}`);
    server = await startApiServer({ DATABASE_URL: url.href });
  });
  afterAll(async () => {
    await server?.stop();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('passes for every operation with --fuzz 20 (expiry cases are run on SQLite)', async () => {
    const result = await runContractSuite({
      baseUrl: server.url,
      adminKey: server.adminKey,
      fuzz: 20,
      expiry: false,
    });
    expect(result.ok, prettyReport(result, { passed: false })).toBe(true);
  });
});
