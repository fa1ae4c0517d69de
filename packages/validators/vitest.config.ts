import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'validators', include: ['codegen/**/*.test.ts', 'src/**/*.test.ts'] },
});
