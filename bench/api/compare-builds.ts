/**
 * `GET /v1/me` against `GET /healthz` for several builds of the server side by side, in one run: the way
 * to tell whether a change helped on a machine whose rounds swing by more than the change.
 *
 *   git worktree add /tmp/before <old commit> && (cd /tmp/before && pnpm install && pnpm turbo run build --filter=@neuracraft/api...)
 *   BUILDS='{"before":"/tmp/before/apps/api/dist/cli.js","after":"../apps/api/dist/cli.js"}' \
 *   CRED=key ROUNDS=12 SECONDS=1 taskset -c 1 pnpm --filter @neuracraft/bench exec tsx api/compare-builds.ts
 *
 * A build may carry Node flags after a `|`: `"small young generation":"../apps/api/dist/cli.js|--max-semi-space-size=4"`.
 *
 * Every build runs its own server on core 0, all started before the first round; each round loads every
 * server in turn (in a turning order), each with both requests, so a slow spell of the machine falls on
 * all of them. Per build: the median of its rounds' own ratios, by throughput and by server CPU.
 */

import autocannon from 'autocannon';
import { type BenchServer, bearerToken, CLI, median, startServer } from './server.js';

const BUILDS = JSON.parse(process.env.BUILDS ?? JSON.stringify({ current: CLI })) as Record<string, string>;
const ROUNDS = Number(process.env.ROUNDS ?? 12);
const SECONDS = Number(process.env.SECONDS ?? 1);
const CRED = process.env.CRED === 'bearer' ? 'bearer' : 'key';

interface Server extends BenchServer {
  readonly name: string;
  readonly headers: Record<string, string>;
}

async function start(name: string, build: string): Promise<Server> {
  const [cliPath, ...flags] = build.split('|');
  const server = await startServer(cliPath, flags);
  const headers: Record<string, string> =
    CRED === 'key'
      ? { 'x-api-key': server.cli(['keys', 'create', '--name', 'bench']).key! }
      : { authorization: `Bearer ${await bearerToken(server)}` };
  return { ...server, name, headers };
}

async function load(server: Server, path: string, headers: Record<string, string>, seconds: number) {
  const before = server.cpuMicros();
  const r = await autocannon({ url: server.url + path, headers, connections: 32, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${server.name} ${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  }
  return { rps: r.requests.average, cpu: (server.cpuMicros() - before) / r.requests.total };
}

const servers: Server[] = [];
for (const [name, path] of Object.entries(BUILDS)) {
  servers.push(await start(name, path));
}
for (const s of servers) {
  await load(s, '/healthz', {}, 2);
  await load(s, '/v1/me', s.headers, 2);
}
const ratios = new Map<string, { rps: number[]; cpu: number[]; h: number[] }>(
  servers.map((s) => [s.name, { rps: [], cpu: [], h: [] }]),
);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < servers.length; i++) {
    const s = servers[(i + round) % servers.length]!;
    // Which request goes first alternates too.
    const first = round % 2 === 0 ? await load(s, '/healthz', {}, SECONDS) : null;
    const me = await load(s, '/v1/me', s.headers, SECONDS);
    const health = first ?? (await load(s, '/healthz', {}, SECONDS));
    ratios.get(s.name)!.rps.push(me.rps / health.rps);
    ratios.get(s.name)!.cpu.push(health.cpu / me.cpu);
    ratios.get(s.name)!.h.push(health.cpu);
  }
}
for (const s of servers) {
  s.stop();
}

console.log(
  `| build | GET /v1/me (${CRED === 'key' ? 'API key' : 'bearer JWT'}) vs. /healthz, throughput | by server CPU | /healthz server CPU µs/request |`,
);
console.log('| --- | --- | --- | --- |');
for (const [name, r] of ratios) {
  console.log(
    `| ${name} | ${median(r.rps).toFixed(2)} | ${median(r.cpu).toFixed(2)} | ${median(r.h).toFixed(1)} |`,
  );
}
