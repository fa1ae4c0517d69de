/**
 * Validations per second of @neuracraft/validators for a typical `createPipeline` request (the spec's
 * example body: a name, a description and two steps, with JSON and Idempotency-Key headers), with the
 * rejection of an invalid body and the check of the 201 response beside it, in one run.
 *
 * Run: pnpm --filter @neuracraft/validators build && pnpm --filter @neuracraft/bench exec tsx validators/create-pipeline.ts
 * Options: ROUNDS (default 7), ROUND_MS (default 500) in the environment.
 */
import { validateRequest, validateResponse } from '@neuracraft/validators';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 500);

const headers = {
  host: 'localhost:8080',
  'content-type': 'application/json',
  'content-length': '412',
  'x-api-key': `nc_${'A'.repeat(49)}`,
  'idempotency-key': '4f1c2a7e-9b3d-4c8e-a6f0-2d5b7e9c1a34',
  'user-agent': 'curl/8.5.0',
  accept: '*/*',
};

const body = {
  name: 'Nightly sales sync',
  description: "Pulls yesterday's orders and posts a summary to Slack.",
  steps: [
    {
      name: 'fetch-orders',
      uses: 'http-request@1',
      with: { method: 'GET', url: 'https://shop.example.com/api/orders?since=yesterday' },
    },
    { name: 'notify', uses: 'slack-notify@2', with: { channel: '#sales' } },
  ],
};

const invalid = { ...body, name: '', steps: [{ name: 'fetch-orders', uses: 'http request' }], colour: 'red' };

const created = {
  id: 'pl_2Zt0bCqL4RmW7xYk9aQe1vNs',
  ...body,
  created_at: '2026-05-14T09:30:00Z',
  updated_at: '2026-05-14T09:30:00Z',
};

interface Case {
  readonly name: string;
  readonly run: () => { ok: boolean };
  readonly ok: boolean;
}

const cases: Case[] = [
  {
    name: 'validateRequest createPipeline, valid',
    run: () => validateRequest('createPipeline', { headers, body }),
    ok: true,
  },
  {
    name: 'validateRequest "POST /v1/pipelines", valid',
    run: () => validateRequest('POST /v1/pipelines', { headers, body }),
    ok: true,
  },
  {
    name: 'validateRequest createPipeline, 3 issues',
    run: () => validateRequest('createPipeline', { headers, body: invalid }),
    ok: false,
  },
  {
    name: 'validateResponse createPipeline 201',
    run: () => validateResponse('createPipeline', 201, created),
    ok: true,
  },
];

function rate(run: () => { ok: boolean }, ms: number): number {
  let n = 0;
  let okCount = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) {
      okCount += run().ok ? 1 : 0;
    }
    n += 1000;
    elapsed = performance.now() - start;
  }
  if (okCount !== 0 && okCount !== n) {
    throw new Error('results changed between calls');
  }
  return (n / elapsed) * 1000;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

for (const c of cases) {
  if (c.run().ok !== c.ok) {
    throw new Error(`${c.name}: expected ok=${c.ok}`);
  }
  rate(c.run, 200); // warm-up
}

console.log(`node ${process.version}, ${ROUNDS} rounds of ${ROUND_MS} ms, median validations/s:`);
for (const c of cases) {
  const rounds = Array.from({ length: ROUNDS }, () => rate(c.run, ROUND_MS));
  const spread = `${Math.round(Math.min(...rounds)).toLocaleString('en')}–${Math.round(Math.max(...rounds)).toLocaleString('en')}`;
  console.log(
    `${c.name.padEnd(48)} ${Math.round(median(rounds)).toLocaleString('en').padStart(12)} /s  (rounds ${spread})`,
  );
}
