import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../result.js';
import { jsonReport } from './json.js';
import { junitReport, xmlEscape } from './junit.js';
import { prettyReport } from './pretty.js';

const result: SuiteResult = {
  ok: false,
  baseUrl: 'http://localhost:8080',
  seed: 42,
  fuzz: 5,
  startedAt: '2026-05-14T09:30:00.000Z',
  durationMs: 1234,
  requests: 9,
  counts: { total: 3, passed: 1, failed: 1, skipped: 1 },
  cleanupProblems: [],
  cases: [
    {
      operationId: 'listPipelines',
      route: 'GET /v1/pipelines',
      name: 'no credential → 401 authentication_required',
      status: 'passed',
      failures: [],
      exchanges: [],
      requests: 1,
      durationMs: 3,
    },
    {
      operationId: 'listPipelines',
      route: 'GET /v1/pipelines',
      name: 'bearer token without pipeline:read → 403 insufficient_scope',
      status: 'failed',
      failures: [
        'GET /v1/pipelines (bearer token with pipeline:write) → 200: expected 403 insufficient_scope, got 200',
      ],
      exchanges: [
        {
          request: 'GET /v1/pipelines (bearer token with pipeline:write)',
          status: 200,
          responseBody: '{"data":[]}',
        },
      ],
      requests: 1,
      durationMs: 4,
    },
    {
      operationId: 'getMe',
      route: 'GET /v1/me',
      name: 'session → 200',
      status: 'skipped',
      failures: [],
      exchanges: [],
      reason: 'no <session>',
      requests: 0,
      durationMs: 0,
    },
  ],
};

describe('prettyReport', () => {
  const text = prettyReport(result);
  it.each([
    ['each operation with its route', /^listPipelines {2}GET \/v1\/pipelines {2}\(1 failed\)$/m],
    ['passed cases', /^ {2}✓ no credential → 401 authentication_required$/m],
    [
      'failed cases with their problems',
      /^ {2}✗ bearer token without.*\n {6}GET \/v1\/pipelines .*got 200$/m,
    ],
    ['skipped cases with why', /^ {2}○ session → 200 \(skipped: no <session>\)$/m],
    [
      'the counts and the seed',
      /^3 cases: 1 passed, 1 failed, 1 skipped — 9 requests in 1\.2 s \(seed 42\)$/m,
    ],
    ['how to reproduce', /^Reproduce with --seed 42 --fuzz 5\.$/m],
  ])('shows %s', (_, pattern) => {
    expect(text).toMatch(pattern);
  });

  it('can leave passed cases out', () => {
    expect(prettyReport(result, { passed: false })).not.toContain('✓');
  });
});

describe('junitReport', () => {
  const xml = junitReport(result);
  it.each([
    [
      'the totals',
      /<testsuites name="NeuraCraft contract suite \(seed 42\)" tests="3" failures="1" errors="0" skipped="1"/,
    ],
    [
      'a suite per operation',
      /<testsuite name="listPipelines" tests="2" failures="1" errors="0" skipped="0"/,
    ],
    [
      'a case per case',
      /<testcase classname="listPipelines" name="no credential → 401 authentication_required" time="0.003"\/>/,
    ],
    [
      'failures with details',
      /<failure message="GET \/v1\/pipelines .*got 200" type="ContractViolation">[^<]*response body: \{&quot;data&quot;:\[\]\}/,
    ],
    ['skips with why', /<skipped message="no &lt;session&gt;"\/>/],
  ])('holds %s', (_, pattern) => {
    expect(xml).toMatch(pattern);
  });

  it('escapes what XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe('jsonReport', () => {
  it('is the result as JSON', () => {
    expect(JSON.parse(jsonReport(result))).toEqual(result);
  });
});
