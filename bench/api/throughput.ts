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
import autocannon from 'autocannon';
import { bearerToken, median, startServer } from './server.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 4);
const CONNECTIONS = 32;

const started = performance.now();
// Node flags for the server, e.g. SERVER_FLAGS=--max-semi-space-size=4 to weigh memory against speed.
const server = await startServer(undefined, (process.env.SERVER_FLAGS ?? '').split(' ').filter(Boolean));
const coldStartMs = performance.now() - started;
const { url } = server;

const key = server.cli(['keys', 'create', '--name', 'bench']).key!;
const token = await bearerToken(server);
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

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, server.rssMb());
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
  const before = server.cpuMicros();
  const r = await autocannon({
    url: url + t.path,
    headers: t.headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  }
  return { rps: r.requests.average, cpu: (server.cpuMicros() - before) / r.requests.total };
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
server.stop();

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
