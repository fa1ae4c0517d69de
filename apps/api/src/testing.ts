/**
 * A real NeuraCraft API server process for tests: on a free port, on a fresh SQLite data directory,
 * with the `neuracraft` CLI at hand on the same data. Every suite that needs a server (the server's
 * own, the client's, the dashboard's and the contract tests') starts it through this one module.
 *
 * @example
 * ```ts
 * import { startTestServer } from '@neuracraft/api/testing';
 *
 * const server = await startTestServer({ env: { NEURACRAFT_RATE_LIMIT: 'off' } });
 * const { key } = await server.cliJson<{ key: string }>(['keys', 'create', '--name', 'test']);
 * await fetch(`${server.url}/v1/pipelines`, { headers: { 'x-api-key': key } });
 * await server.close();
 * ```
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built CLI (from `src/` and from `dist/` alike): tests run the real server process, as users do. */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A server process on its own data directory, with every log line it wrote. */
export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logs: string[];
  readonly process: ChildProcess;
  /** Runs `neuracraft …` on the same data directory; `input` goes to its standard input. Answers stdout. */
  cli(args: string[], input?: string): Promise<string>;
  /** `neuracraft … --json`, parsed. */
  cliJson<T = Record<string, unknown>>(args: string[]): Promise<T>;
  /** Stops the process (SIGTERM by default); the data directory stays. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process and starts it again on the same data directory and port. */
  restart(signal?: NodeJS.Signals): Promise<TestServer>;
  /** Stops the process and removes its data directory. */
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** More environment for the server and its CLI. Default: none. */
  readonly env?: NodeJS.ProcessEnv;
  /** The data directory. Default: a new temporary one. */
  readonly dataDir?: string;
  /** Where log lines go. Default: a new list. */
  readonly logs?: string[];
  /** How long to wait for readiness, in ms. Default: 20,000. */
  readonly timeoutMs?: number;
}

/**
 * Starts `neuracraft serve`; resolves when it logs that it is ready. Without `NEURACRAFT_SECRET` in
 * `env` the server makes its secret in the data directory, where the CLI finds it too.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'neuracraft-test-'));
  const logs = options.logs ?? [];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NEURACRAFT_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  };
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ready, fail) => {
    const timeoutMs = options.timeoutMs ?? 20_000;
    const timer = setTimeout(
      () => fail(new Error(`server did not start in ${timeoutMs} ms:\n${logs.join('\n')}`)),
      timeoutMs,
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
      fail(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  const port = new URL(url).port;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        done();
        return;
      }
      child.once('exit', () => done());
      child.kill(signal);
    });
  const cli = (args: string[], input?: string) =>
    new Promise<string>((done, fail) => {
      const run = execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) =>
        error ? fail(new Error(`neuracraft ${args.join(' ')}: ${stderr || error.message}`)) : done(stdout),
      );
      run.stdin?.end(input ?? '');
    });
  const server: TestServer = {
    url,
    dataDir,
    env,
    logs,
    process: child,
    cli,
    cliJson: async <T>(args: string[]) => JSON.parse(await cli([...args, '--json'])) as T,
    stop,
    async restart(signal = 'SIGTERM') {
      await stop(signal);
      return startTestServer({ ...options, env: { ...options.env, PORT: port }, dataDir, logs });
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Removes a test server's data directory. */
export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
