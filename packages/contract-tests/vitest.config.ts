import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'contract-tests',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The suite's own end-to-end tests start real servers and wait out a 60 s token lifetime.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
