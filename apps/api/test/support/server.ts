import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The built CLI; tests run the real server process, as users do. */
export const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

/** A server process on a fresh data directory, with every log line it wrote. */
export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logs: string[];
  readonly process: ChildProcess;
  /** Runs `neuracraft …` on the same data directory and answers its stdout. */
  cli(args: string[], input?: string): Promise<string>;
  /** `neuracraft … --json`, parsed. */
  cliJson<T = Record<string, unknown>>(args: string[]): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process and starts it again on the same data directory and port. */
  restart(signal?: NodeJS.Signals): Promise<TestServer>;
}

/** Starts `neuracraft serve` on a free port; resolves when it logs that it is ready. */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  dataDir = mkdtempSync(join(tmpdir(), 'neuracraft-test-')),
  logs: string[] = [],
): Promise<TestServer> {
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NEURACRAFT_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NEURACRAFT_SECRET: 'test-secret-that-is-long-enough-for-the-server-0123',
    ...env,
  };
  const child = spawn(process.execPath, [CLI, 'serve'], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${logs.join('\n')}`)), 15_000);
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
  const server: TestServer = {
    url,
    dataDir,
    env: fullEnv,
    logs,
    process: child,
    async cli(args, input) {
      const p = run(process.execPath, [CLI, ...args], { env: fullEnv });
      if (input !== undefined) {
        p.child.stdin?.end(input);
      }
      return (await p).stdout;
    },
    async cliJson(args) {
      return JSON.parse(await server.cli([...args, '--json']));
    },
    stop(signal = 'SIGTERM') {
      return new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          done();
          return;
        }
        child.once('exit', () => done());
        child.kill(signal);
      });
    },
    async restart(signal = 'SIGTERM') {
      await server.stop(signal);
      return startTestServer({ ...env, PORT: port }, dataDir, logs);
    },
  };
  return server;
}

/** Removes a test server's data directory. */
export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
