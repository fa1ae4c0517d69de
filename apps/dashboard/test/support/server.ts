import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLI, startTestServer } from '@neuracraft/api/testing';

export { CLI };
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
 * Starts `neuracraft serve` on a free port and a fresh data directory (see `@neuracraft/api/testing`).
 * Builds nothing: turbo builds the server and the dashboard before this package's tests.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  for (const built of [CLI, DASHBOARD]) {
    if (!existsSync(built)) {
      throw new Error(
        `${built} is missing: run the tests with \`pnpm turbo run test --filter=@neuracraft/dashboard\``,
      );
    }
  }
  const server = await startTestServer({ env: { LOG_LEVEL: 'info', ...env } });
  return {
    url: server.url,
    dataDir: server.dataDir,
    logs: server.logs,
    createUser: async (email, password) => {
      await server.cli(['users', 'create', '--email', email], `${password}\n`);
    },
    stop: () => server.close(),
  };
}
