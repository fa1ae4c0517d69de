/** A `neuracraft serve` process for the api benchmarks: pinned to core 0, on its own data directory. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const CLI = resolve(import.meta.dirname, '../../apps/api/dist/cli.js');

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** `neuracraft … --json` on the same data directory, parsed. */
  cli(args: string[]): Record<string, string>;
  /** CPU time the server has used, in µs (utime + stime from /proc, 100 Hz ticks). */
  cpuMicros(): number;
  /** Its resident set, in MB. */
  rssMb(): number;
  stop(): void;
}

/**
 * Starts the server of `cliPath` with Node `flags` and resolves once it is ready. The credential rate
 * limit stays on, set out of the way of the load, so its bookkeeping is measured too.
 */
export async function startServer(cliPath = CLI, flags: readonly string[] = []): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-bench-'));
  const env = {
    ...process.env,
    NEURACRAFT_DATA_DIR: dataDir,
    NEURACRAFT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    NEURACRAFT_RATE_LIMIT: '100000000/1s',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const server = spawn('taskset', ['-c', '0', process.execPath, ...flags, resolve(cliPath), 'serve'], {
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
  const pid = server.pid!;
  return {
    url,
    pid,
    cli: (args) =>
      JSON.parse(execFileSync(process.execPath, [resolve(cliPath), ...args, '--json'], { env }).toString()),
    cpuMicros() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    },
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024,
    stop() {
      server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An access token for a new app of `server` with `pipeline:read`. */
export async function bearerToken(server: BenchServer): Promise<string> {
  const app = server.cli(['apps', 'create', '--name', 'bench', '--scopes', 'pipeline:read']);
  const reply = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.client_id!,
      client_secret: app.client_secret!,
    }),
  });
  return ((await reply.json()) as { access_token: string }).access_token;
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
