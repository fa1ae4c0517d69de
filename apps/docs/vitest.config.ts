import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'docs',
    include: ['scripts/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds dist/ first when it is missing or older than its sources: the tests read the built site.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
