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

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const BUILDS = JSON.parse(
  process.env.BUILDS ??
    JSON.stringify({ current: resolve(import.meta.dirname, '../../apps/api/dist/cli.js') }),
) as Record<string, string>;
const ROUNDS = Number(process.env.ROUNDS ?? 12);
const SECONDS = Number(process.env.SECONDS ?? 1);
const CRED = process.env.CRED === 'bearer' ? 'bearer' : 'key';

interface Server {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly headers: Record<string, string>;
  stop(): void;
}

async function start(name: string, cliPath: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-compare-'));
  const env = {
    ...process.env,
    NEURACRAFT_DATA_DIR: dataDir,
    NEURACRAFT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    NEURACRAFT_RATE_LIMIT: '100000000/1s',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const cli = (args: string[]) =>
    JSON.parse(
      execFileSync(process.execPath, [cliPath.split('|')[0]!, ...args, '--json'], { env }).toString(),
    );
  const [file, ...flags] = cliPath.split('|');
  const server = spawn('taskset', ['-c', '0', process.execPath, ...flags, resolve(file!), 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ready) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'NeuraCraft API ready') {
        lines.close();
        server.stdout!.on('data', () => {}).resume();
        ready(entry.url!);
      }
    });
  });
  let headers: Record<string, string>;
  if (CRED === 'key') {
    headers = { 'x-api-key': cli(['keys', 'create', '--name', 'bench']).key };
  } else {
    const app = cli(['apps', 'create', '--name', 'bench', '--scopes', 'pipeline:read']);
    const reply = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
      }),
    });
    headers = { authorization: `Bearer ${((await reply.json()) as { access_token: string }).access_token}` };
  }
  return {
    name,
    pid: server.pid!,
    url,
    headers,
    stop() {
      server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time a process has used, in µs (utime + stime from /proc, 100 Hz ticks). */
const cpuMicros = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

async function load(server: Server, path: string, headers: Record<string, string>, seconds: number) {
  const before = cpuMicros(server.pid);
  const r = await autocannon({ url: server.url + path, headers, connections: 32, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${server.name} ${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  }
  return { rps: r.requests.average, cpu: (cpuMicros(server.pid) - before) / r.requests.total };
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

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
console.log(
  `| build | GET /v1/me (${CRED === 'key' ? 'API key' : 'bearer JWT'}) vs. /healthz, throughput | by server CPU | /healthz server CPU µs/request |`,
);
console.log('| --- | --- | --- | --- |');
for (const [name, r] of ratios) {
  console.log(
    `| ${name} | ${median(r.rps).toFixed(2)} | ${median(r.cpu).toFixed(2)} | ${median(r.h).toFixed(1)} |`,
  );
}
