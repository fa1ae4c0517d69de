import { defineConfig } from 'vitest/config';

/** Runs every package's and app's own vitest config as one project each. */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
