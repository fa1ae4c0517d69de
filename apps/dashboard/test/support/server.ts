import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The built server's CLI (`neuracraft`): what `pnpm start` runs. */
export const CLI = resolve(import.meta.dirname, '../../../api/dist/cli.js');
/** The built dashboard the server serves at `/`. */
export const DASHBOARD = resolve(import.meta.dirname, '../../dist/index.html');

/** A server process of apps/api on its own data directory, serving the built dashboard. */
export interface Server {
  readonly url: string;
  readonly dataDir: string;
  readonly logs: string[];
  /** `neuracraft users create --email …`, the password on standard input. */
  createUser(email: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `neuracraft serve` on a free port and a fresh data directory; resolves once it logs that it
 * is ready. Builds nothing: turbo builds the server and the dashboard before this package's tests.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  for (const built of [CLI, DASHBOARD]) {
    if (!existsSync(built)) {
      throw new Error(
        `${built} is missing: run the tests with \`pnpm turbo run test --filter=@neuracraft/dashboard\``,
      );
    }
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'neuracraft-dashboard-'));
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    NEURACRAFT_DATA_DIR: dataDir,
    NEURACRAFT_SECRET: 'dashboard-test-secret-that-is-long-enough-0123456789',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
  };
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the server did not get ready in 20 s:\n${logs.join('\n')}`)),
      20_000,
    );
    const onLine = (line: string) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'NeuraCraft API ready' && entry.url) {
          clearTimeout(timer);
          ready(entry.url);
        }
      } catch {
        /* not JSON: kept in logs all the same */
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  return {
    url,
    dataDir,
    logs,
    createUser: (email, password) =>
      new Promise((done, fail) => {
        const cli = execFile(
          process.execPath,
          [CLI, 'users', 'create', '--email', email],
          { env: fullEnv },
          (error, _out, err) =>
            error ? fail(new Error(`users create failed: ${err || error.message}`)) : done(),
        );
        cli.stdin?.end(`${password}\n`);
      }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
