import { existsSync } from 'node:fs';
import { CLI as API_CLI, startTestServer } from '@neuracraft/api/testing';

/** The `neuracraft` CLI of the workspace's API server (a devDependency, built by turbo's `^build`). */
export { API_CLI };

/** A real API server process on a fresh SQLite data directory, with an admin key. */
export interface ApiServer {
  readonly url: string;
  readonly adminKey: string;
  readonly logs: readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts `neuracraft serve` (see `@neuracraft/api/testing`) with failed-authentication limits off (the
 * suite sends hundreds of bad credentials on purpose), `DATABASE_URL`/`REDIS_URL` passed through when CI
 * sets them, and an admin key.
 */
export async function startApiServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<ApiServer> {
  if (!existsSync(API_CLI)) {
    throw new Error(`${API_CLI} is missing: run pnpm turbo run build --filter=@neuracraft/api...`);
  }
  const server = await startTestServer({
    env: {
      NEURACRAFT_AUTH_FAILURE_LIMIT: 'off',
      ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }),
      ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
      ...extraEnv,
    },
  });
  const { key: adminKey } = await server.cliJson<{ key: string }>([
    'keys',
    'create',
    '--name',
    'contract-tests admin',
    '--scopes',
    'admin:all',
  ]);
  return { url: server.url.replace(/\/$/, ''), adminKey, logs: server.logs, stop: () => server.close() };
}
