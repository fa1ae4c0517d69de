/**
 * The client-credentials token endpoint against node-oidc-provider's, each a single process pinned to
 * core 0 (one at a time), loaded by autocannon on core 1; rounds alternate, medians are reported.
 *
 *   pnpm turbo run build --filter=@neuracraft/api...
 *   taskset -c 1 pnpm --filter @neuracraft/bench exec tsx api/token-endpoint.ts
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CLI = resolve(import.meta.dirname, '../../apps/api/dist/cli.js');
const PEER = resolve(import.meta.dirname, 'oidc-peer.mjs');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 4);

const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-bench-'));
const ours = {
  ...process.env,
  NEURACRAFT_DATA_DIR: dataDir,
  NEURACRAFT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  NEURACRAFT_RATE_LIMIT: '100000000/1s',
  PORT: '8181',
  HOST: '127.0.0.1',
};
const app = JSON.parse(
  execFileSync(
    process.execPath,
    [CLI, 'apps', 'create', '--name', 'bench', '--scopes', 'pipeline:read', '--json'],
    {
      env: ours,
    },
  ).toString(),
) as { client_id: string; client_secret: string };

async function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
): Promise<ChildProcess> {
  const child = spawn('taskset', ['-c', '0', process.execPath, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (ready(line)) {
        done();
      }
    });
  });
  return child;
}

const targets = {
  'NeuraCraft POST /oauth/token (ES256 JWT)': {
    start: () => start([CLI, 'serve'], ours, (l) => l.includes('NeuraCraft API ready')),
    url: 'http://127.0.0.1:8181/oauth/token',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: 'pipeline:read',
    }),
  },
  'node-oidc-provider 9 POST /token (ES256 JWT)': {
    start: () => start([PEER], { ...process.env, PORT: '8182' }, (l) => l.includes('ready')),
    url: 'http://127.0.0.1:8182/token',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'bench',
      client_secret: 'bench-secret-bench-secret-bench-secret',
      scope: 'pipeline:read',
    }),
  },
};
type Name = keyof typeof targets;

const results = Object.fromEntries(Object.keys(targets).map((n) => [n, [] as number[]])) as Record<
  Name,
  number[]
>;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, t] of Object.entries(targets) as [Name, (typeof targets)[Name]][]) {
    const server = await t.start();
    const options = {
      url: t.url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: t.body.toString(),
      connections: 32,
    };
    await autocannon({ ...options, duration: 1 });
    const r = await autocannon({ ...options, duration: SECONDS });
    if (r.non2xx > 0 || r.errors > 0) {
      throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
    }
    results[name].push(r.requests.average);
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
  }
}
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const peer = median(results['node-oidc-provider 9 POST /token (ES256 JWT)']);
console.log(`| token endpoint | req/s (median of ${ROUNDS} × ${SECONDS} s) | vs. node-oidc-provider |`);
console.log('| --- | --- | --- |');
for (const name of Object.keys(targets) as Name[]) {
  const m = median(results[name]);
  console.log(`| ${name} | ${Math.round(m).toLocaleString('en-US')} | ${(m / peer).toFixed(2)} |`);
}
