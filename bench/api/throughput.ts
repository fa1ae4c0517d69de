/**
 * Authenticated requests against the public health check, on one server process, in one run.
 *
 *   pnpm turbo run build --filter=@neuracraft/api...
 *   taskset -c 1 pnpm --filter @neuracraft/bench exec tsx api/throughput.ts
 *
 * The server runs pinned to core 0 and the load generator to core 1, so the figure is the server's,
 * not the two fighting over cores. Rounds alternate the targets (in a turning order) so a noisy
 * neighbour hurts all of them alike; each ratio is the median of the rounds' own ratios.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CLI = resolve(import.meta.dirname, '../../apps/api/dist/cli.js');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 4);
const CONNECTIONS = 32;

const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-bench-'));
const env = {
  ...process.env,
  NEURACRAFT_DATA_DIR: dataDir,
  NEURACRAFT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  // The limiter still runs on every request; its limit is set out of the way of the load.
  NEURACRAFT_RATE_LIMIT: '100000000/1s',
  PORT: '0',
  HOST: '127.0.0.1',
};
const cli = (args: string[]) =>
  JSON.parse(execFileSync(process.execPath, [CLI, ...args, '--json'], { env }).toString());

const started = performance.now();
// Node flags for the server, e.g. SERVER_FLAGS=--max-semi-space-size=4 to weigh memory against speed.
const serverFlags = (process.env.SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const server = spawn('taskset', ['-c', '0', process.execPath, ...serverFlags, CLI, 'serve'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((ready) => {
  const lines = createInterface({ input: server.stdout! });
  lines.on('line', (line) => {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === 'NeuraCraft API ready') {
      // From here on the request log is drained unread: parsing it would load the load generator's core.
      lines.close();
      server.stdout!.on('data', () => {}).resume();
      ready(entry.url!);
    }
  });
});
const coldStartMs = performance.now() - started;

const key = cli(['keys', 'create', '--name', 'bench']).key as string;
const app = cli(['apps', 'create', '--name', 'bench', '--scopes', 'pipeline:read']);
const tokenResponse = await fetch(`${url}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: app.client_id,
    client_secret: app.client_secret,
  }),
});
const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
for (let i = 0; i < 20; i++) {
  await fetch(`${url}/v1/pipelines`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `pipeline ${i}`,
      steps: [{ name: 'fetch', uses: 'http-request@1', with: { url: 'https://example.com' } }],
    }),
  });
}

const targets = {
  'GET /healthz (public)': { path: '/healthz', headers: {} },
  'GET /v1/me (API key)': { path: '/v1/me', headers: { 'x-api-key': key } },
  'GET /v1/me (bearer JWT, cache warm)': { path: '/v1/me', headers: { authorization: `Bearer ${token}` } },
  'GET /v1/pipelines (API key, 20 rows)': { path: '/v1/pipelines', headers: { 'x-api-key': key } },
} as const;
type Target = keyof typeof targets;

/** CPU time the server process has used, in µs (utime + stime from /proc, 100 Hz ticks). */
const cpuMicros = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
const rss = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rss());
}, 100);

const names = Object.keys(targets) as Target[];
const BASE: Target = 'GET /healthz (public)';
const rps = Object.fromEntries(names.map((t) => [t, [] as number[]])) as Record<Target, number[]>;
const cpu = Object.fromEntries(names.map((t) => [t, [] as number[]])) as Record<Target, number[]>;
// Each round's own ratios: a target against the health check of the same round, seconds apart, so a
// neighbour that slows the machine for a while slows both sides of the ratio.
const ratio = Object.fromEntries(names.map((t) => [t, [] as number[]])) as Record<Target, number[]>;
const cpuRatio = Object.fromEntries(names.map((t) => [t, [] as number[]])) as Record<Target, number[]>;

const load = async (name: Target, seconds: number) => {
  const t = targets[name];
  const before = cpuMicros();
  const r = await autocannon({
    url: url + t.path,
    headers: t.headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  }
  return { rps: r.requests.average, cpu: (cpuMicros() - before) / r.requests.total };
};

for (const name of names) {
  await load(name, 1);
}
for (let round = 0; round < ROUNDS; round++) {
  // The order turns each round, so no target always follows the heavy list request.
  const order = names.map((_, i) => names[(i + round) % names.length]!);
  const measured = {} as Record<Target, { rps: number; cpu: number }>;
  for (const name of order) {
    measured[name] = await load(name, SECONDS);
  }
  for (const name of names) {
    rps[name].push(measured[name].rps);
    cpu[name].push(measured[name].cpu);
    ratio[name].push(measured[name].rps / measured[BASE].rps);
    cpuRatio[name].push(measured[BASE].cpu / measured[name].cpu);
  }
}
clearInterval(sampler);
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
console.log(
  `| request | req/s (median of ${ROUNDS} × ${SECONDS} s) | vs. /healthz (median of the rounds' ratios) | server CPU µs/request | capacity vs. /healthz |`,
);
console.log('| --- | --- | --- | --- | --- |');
for (const name of names) {
  console.log(
    `| ${name} | ${Math.round(median(rps[name])).toLocaleString('en-US')} | ${median(ratio[name]).toFixed(2)} | ${median(cpu[name]).toFixed(1)} | ${median(cpuRatio[name]).toFixed(2)} |`,
  );
}
console.log(
  `\nserver RSS peak under load: ${peakRss.toFixed(0)} MB; cold start to ready: ${coldStartMs.toFixed(0)} ms (process spawn included)`,
);
