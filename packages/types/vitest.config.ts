import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'types', include: ['codegen/**/*.test.ts', 'src/**/*.test.ts'] },
});
