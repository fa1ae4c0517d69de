import { defineConfig } from 'vitest/config';

// Every suite starts real server processes (and runs the CLI beside them): one file at a time, in a
// forked process, with timeouts that leave room for a busy 2-core machine.
export default defineConfig({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
