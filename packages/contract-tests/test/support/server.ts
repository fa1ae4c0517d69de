import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The `neuracraft` CLI of the workspace's API server (a devDependency, built by turbo's `^build`). */
export const API_CLI = join(
  dirname(createRequire(import.meta.url).resolve('@neuracraft/api/package.json')),
  'dist/cli.js',
);

/** A real API server process on a fresh SQLite data directory, with an admin key. */
export interface ApiServer {
  readonly url: string;
  readonly adminKey: string;
  readonly logs: readonly string[];
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * Starts `neuracraft serve` on a free port with its public URL set to where it listens (so RFC 8414
 * §3.3 holds), failed-authentication limits off (the suite sends hundreds of bad credentials on
 * purpose), and `DATABASE_URL`/`REDIS_URL` passed through when CI sets them.
 */
export async function startApiServer(): Promise<ApiServer> {
  if (!existsSync(API_CLI)) {
    throw new Error(`${API_CLI} is missing: run pnpm turbo run build --filter=@neuracraft/api...`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-contract-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NEURACRAFT_DATA_DIR: dataDir,
    NEURACRAFT_SECRET: 'contract-tests-secret-that-is-long-enough-0123456789',
    PORT: String(port),
    HOST: '127.0.0.1',
    NEURACRAFT_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEURACRAFT_AUTH_FAILURE_LIMIT: 'off',
    ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }),
    ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
  };
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [API_CLI, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${logs.join('\n')}`)), 20_000);
    const onLine = (line: string) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'NeuraCraft API ready' && entry.url) {
          clearTimeout(timer);
          ready(entry.url);
        }
      } catch {
        /* not JSON: kept in the logs all the same */
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  const { stdout } = await run(
    process.execPath,
    [API_CLI, 'keys', 'create', '--name', 'contract-tests admin', '--scopes', 'admin:all', '--json'],
    { env },
  );
  const adminKey = (JSON.parse(stdout) as { key: string }).key;
  return {
    url: url.replace(/\/$/, ''),
    adminKey,
    logs,
    stop: () =>
      new Promise<void>((done) => {
        const finish = () => {
          rmSync(dataDir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          return;
        }
        child.once('exit', finish);
        child.kill('SIGTERM');
      }),
  };
}
