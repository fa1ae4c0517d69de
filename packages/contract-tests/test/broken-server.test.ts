import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/result.js';
import { runContractSuite } from '../src/run.js';
import { type Flip, startProxy } from './support/proxy.js';
import { type ApiServer, startApiServer } from './support/server.js';

/**
 * The suite must fail on a server that breaks the spec. Each server here is the real one behind a
 * proxy that breaks one route; the suite runs against it and against the real server with the same
 * seed, and the cases whose failures differ must be exactly those the break is about, each saying
 * what broke.
 */

const ONLY = ['listPipelines', 'getPipeline', 'deletePipeline'];
const SEED = 20_260_514;

let server: ApiServer;
let baseline: SuiteResult;

const run = (baseUrl: string) =>
  runContractSuite({
    baseUrl,
    adminKey: server.adminKey,
    only: ONLY,
    seed: SEED,
    expiry: false,
    issuer: server.url,
  });

/** Failure messages with what changes from run to run (ids, header values) taken out. */
const normalized = (failures: readonly string[]) =>
  failures
    .map((f) =>
      f
        .replace(/\b(pl|wf|ex|plg|key|app|req|sec|evt|org|usr)_[A-Za-z0-9_-]+/g, '<id>')
        .replace(/\(value .*\)$/, '(value …)'),
    )
    .sort();

/** The cases whose failures differ between two runs, with the failures that are new. */
function changed(before: SuiteResult, after: SuiteResult): Map<string, string[]> {
  const previous = new Map(before.cases.map((c) => [`${c.operationId}: ${c.name}`, normalized(c.failures)]));
  const out = new Map<string, string[]>();
  for (const c of after.cases) {
    const key = `${c.operationId}: ${c.name}`;
    const old = previous.get(key) ?? [];
    const now = normalized(c.failures);
    if (JSON.stringify(old) !== JSON.stringify(now)) {
      out.set(
        key,
        now.filter((f) => !old.includes(f)),
      );
    }
  }
  return out;
}

beforeAll(async () => {
  server = await startApiServer();
  baseline = await run(server.url);
});

afterAll(async () => {
  await server?.stop();
});

const json = (value: unknown) => JSON.stringify(value);

const BREAKS: [string, { flip: Flip; want: Record<string, RegExp> }][] = [
  [
    'a route that drops its scope check (200 where 403 is due)',
    {
      flip: (req, res) =>
        req.method === 'GET' && req.path === '/v1/pipelines' && res.status === 403
          ? {
              status: 200,
              headers: {
                'content-type': 'application/json',
                'x-request-id': res.headers['x-request-id'] ?? 'req_x',
              },
              body: json({ data: [], next_cursor: null }),
            }
          : res,
      want: {
        'listPipelines: API key without pipeline:read → 403 insufficient_scope':
          /expected 403 insufficient_scope, got 200/,
        'listPipelines: bearer token without pipeline:read → 403 insufficient_scope':
          /expected 403 insufficient_scope, got 200/,
      },
    },
  ],
  [
    'a response with a member the spec does not declare',
    {
      flip: (req, res) =>
        req.method === 'GET' && /^\/v1\/pipelines\/[^/]+$/.test(req.path) && res.status === 200
          ? { ...res, body: json({ ...JSON.parse(res.body), owner_email: 'owner@example.com' }) }
          : res,
      want: {
        'getPipeline: API key with pipeline:read → 200': /member \/owner_email is not in the spec's schema/,
        'getPipeline: bearer token with pipeline:read → 200':
          /member \/owner_email is not in the spec's schema/,
      },
    },
  ],
  [
    'an undocumented status (200 where the spec says 204)',
    {
      flip: (req, res) => (req.method === 'DELETE' && res.status === 204 ? { ...res, status: 200 } : res),
      want: {
        'deletePipeline: API key with pipeline:write → 204': /undocumented status 200 \(documented: 204, /,
        'deletePipeline: bearer token with pipeline:write → 204':
          /undocumented status 200 \(documented: 204, /,
      },
    },
  ],
];

describe('a deliberately broken server makes the suite fail', () => {
  it('the same run against the real server is the baseline', () => {
    expect(baseline.counts.total).toBeGreaterThan(40);
    expect(baseline.cleanupProblems).toEqual([]);
  });

  it.each(BREAKS)('%s', async (_, { flip, want }) => {
    const proxy = await startProxy(server.url, flip);
    try {
      const broken = await run(proxy.url);
      expect(broken.ok).toBe(false);
      const diff = changed(baseline, broken);
      expect([...diff.keys()].sort()).toEqual(Object.keys(want).sort());
      for (const [name, pattern] of Object.entries(want)) {
        expect(diff.get(name)?.join('\n')).toMatch(pattern);
      }
    } finally {
      await proxy.close();
    }
  });
});
