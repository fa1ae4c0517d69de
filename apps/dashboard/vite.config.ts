import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * What the built page may load: its own scripts, styles and images, and requests to its own origin —
 * nothing from anywhere else, nothing inline. (A `<meta>` policy cannot forbid framing; the session
 * cookie's `SameSite=Strict` keeps a framed dashboard signed out, and the server sends
 * `X-Frame-Options`.) Only in the build: Vite's dev server injects inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'neuracraft:content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
});

/**
 * The dashboard is served by the API server from `dist/`: `index.html` for its routes, `/assets/*`
 * and `/favicon.svg`, so the build must write nothing else that a page would ask for.
 */
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
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
