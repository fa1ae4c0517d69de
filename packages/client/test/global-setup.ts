import type { TestProject } from 'vitest/node';
import { startServer } from './support/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The API server every test file shares: its URL and data directory (for the CLI). */
    api: { url: string; dataDir: string };
  }
}

/** Starts one real API server for the whole run; failed-authentication limits are off so tests don't trip them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  project.provide('api', { url: server.url, dataDir: server.dataDir });
  return () => server.stop();
}
