import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'auth-core',
    include: ['src/**/*.test.ts'],
    // RSA key generation can take seconds on a busy machine.
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts'],
      reporter: ['text-summary', 'text', 'json-summary'],
      thresholds: { lines: 95, branches: 95 },
    },
  },
});
