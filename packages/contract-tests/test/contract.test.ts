import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATIONS } from '@neuracraft/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { junitReport } from '../src/reporters/junit.js';
import { prettyReport } from '../src/reporters/pretty.js';
import { runContractSuite } from '../src/run.js';
import { type ApiServer, startApiServer } from './support/server.js';

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(async () => {
  await server?.stop();
});

const seed = process.env.CONTRACT_SEED === undefined ? undefined : Number(process.env.CONTRACT_SEED);

/** Every item of a collection, page after page. */
async function list(path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const res = await fetch(`${server.url}${path}?limit=100${query}`, {
      headers: { 'X-API-Key': server.adminKey },
    });
    const page = (await res.json()) as { data: Record<string, unknown>[]; next_cursor: string | null };
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}

describe('the suite against a real server on SQLite', () => {
  it('passes for every operation with --fuzz 50, and removes what it made', async () => {
    const result = await runContractSuite({
      baseUrl: server.url,
      adminKey: server.adminKey,
      fuzz: 50,
      ...(seed !== undefined && { seed }),
    });

    // For CI to collect (turbo keeps reports/** as an output of test).
    mkdirSync(join(import.meta.dirname, '../reports'), { recursive: true });
    writeFileSync(join(import.meta.dirname, '../reports/contract-tests.xml'), junitReport(result));

    const covered = new Set(result.cases.map((c) => c.operationId));
    expect([...covered].sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(
      result.cases.filter((c) => c.name.startsWith('fuzz:') && c.status === 'passed').length,
    ).toBeGreaterThan(0);
    expect(result.cleanupProblems).toEqual([]);
    for (const path of ['/v1/pipelines', '/v1/workflows', '/v1/plugins', '/v1/oauth-apps']) {
      expect(await list(path), `${path} after the run`).toEqual([]);
    }
    const keys = await list('/v1/api-keys');
    expect(keys.filter((k) => k.status === 'active').map((k) => k.name)).toEqual(['contract-tests admin']);

    expect(result.ok, prettyReport(result, { passed: false })).toBe(true);
  });

  it('runs as a CLI: --only, --reporter junit --output, exit status from the result', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'contract-report-')), 'junit.xml');
    const status = await main([
      '--base-url',
      server.url,
      '--admin-key',
      server.adminKey,
      '--only',
      'getHealth,getJwks',
      '--reporter',
      'junit',
      '--output',
      file,
      '--skip-expiry',
    ]);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'getJwks',
      'getHealth',
    ]);
    const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)?.[1]);
    expect(status).toBe(failures === 0 ? 0 : 1);
  });

  it('exits 2 when the admin key is refused', async () => {
    expect(await main(['--base-url', server.url, '--admin-key', 'nc_wrong', '--only', 'getHealth'])).toBe(2);
  });
});
