import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI, startTestServer } from '@neuracraft/api/testing';

/** A server process of apps/api, on its own data directory. */
export interface Server {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API server on a free port and a fresh data directory (see `@neuracraft/api/testing`).
 * Builds nothing: turbo builds the server before this package's tests.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const server = await startTestServer({ env: { LOG_LEVEL: 'info', ...env } });
  return { url: server.url, dataDir: server.dataDir, stop: () => server.close() };
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
