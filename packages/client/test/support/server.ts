import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The built API server's CLI (`neuracraft`). */
export const CLI = resolve(import.meta.dirname, '../../../../apps/api/dist/cli.js');

/** A server process of apps/api, on its own data directory. */
export interface Server {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API server on a free port and a fresh data directory, and resolves once it has logged
 * that it is ready. Builds nothing: the server must have been built with
 * `pnpm turbo run build --filter=@neuracraft/api...`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  if (!existsSync(CLI)) {
    throw new Error(
      `${CLI} is missing: build the server first (pnpm turbo run build --filter=@neuracraft/api...)`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'neuracraft-client-'));
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      NEURACRAFT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the server did not get ready in 20 s:\n${output}`)),
      20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      for (const line of output.split('\n')) {
        if (line.includes('NeuraCraft API ready')) {
          clearTimeout(timer);
          ready((JSON.parse(line) as { url: string }).url);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
  child.stdout?.resume();
  return { url, dataDir, stop: () => stop(child, dataDir) };
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}

/** Runs `neuracraft <args> --json` on the server's data directory and parses what it prints. */
export async function cli<T>(dataDir: string, ...args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args, '--json'], {
    env: { ...process.env, NEURACRAFT_DATA_DIR: dataDir },
  });
  return JSON.parse(stdout) as T;
}

/** An API key as `keys create --json` prints it. */
export interface CreatedKey {
  id: string;
  key: string;
  scopes: string[];
}

/** An OAuth app as `apps create --json` prints it. */
export interface CreatedApp {
  client_id: string;
  client_secret: string;
  scopes: string[];
}

/** Creates an API key with `scopes`. */
export const createKey = (dataDir: string, scopes: string, ...more: string[]): Promise<CreatedKey> =>
  cli<CreatedKey>(dataDir, 'keys', 'create', '--name', `test ${scopes}`, '--scopes', scopes, ...more);

/** Creates an organization of its own, for a test that must see only what it made. */
export const createOrg = (dataDir: string, name: string): Promise<{ id: string }> =>
  cli<{ id: string }>(dataDir, 'orgs', 'create', '--name', name);

/** Registers an OAuth app that may request `scopes`. */
export const createApp = (dataDir: string, scopes: string, ...more: string[]): Promise<CreatedApp> =>
  cli<CreatedApp>(dataDir, 'apps', 'create', '--name', `test ${scopes}`, '--scopes', scopes, ...more);
