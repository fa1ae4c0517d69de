import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is served by the API server from `dist/`: `index.html` for its routes, `/assets/*`
 * and `/favicon.svg`, so the build must write nothing else that a page would ask for.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `pnpm dev` next to a running server: `NEURACRAFT_API=http://localhost:8080 pnpm dev`.
    proxy: Object.fromEntries(
      ['/auth', '/v1', '/oauth'].map((path) => [path, process.env.NEURACRAFT_API ?? 'http://localhost:8080']),
    ),
  },
});
