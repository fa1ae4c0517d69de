import { startTestServer as start, type TestServer } from '../../src/testing.js';

export { CLI, removeDataDir, type TestServer } from '../../src/testing.js';

/** Starts the built server with `env` on `dataDir` (default: a new one); see `src/testing.ts`. */
export const startTestServer = (
  env: NodeJS.ProcessEnv = {},
  dataDir?: string,
  logs?: string[],
): Promise<TestServer> => start({ env, ...(dataDir && { dataDir }), ...(logs && { logs }) });
