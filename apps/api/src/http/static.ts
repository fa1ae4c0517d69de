import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Deps } from '../context.js';

/** Headers of every page the server serves: never framed, never sniffed, no referrer leaves. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(PAGE_HEADERS)) {
    c.res.headers.set(name, value);
  }
};

/** The dashboard's client-side routes: each answers the dashboard's index.html. */
export const DASHBOARD_ROUTES = [
  '/',
  '/login',
  '/settings/*',
  '/pipelines',
  '/workflows',
  '/executions',
  '/audit',
];

/** Serves the built docs at /docs and the dashboard at /, when they have been built. */
export function mountStatic(app: Hono, deps: Deps): void {
  if (deps.docsDir) {
    const root = deps.docsDir;
    app.get('/docs', (c) => c.redirect('/docs/', 301));
    app.get(
      '/docs/*',
      pageHeaders,
      serveStatic({
        root,
        rewriteRequestPath: (path) => {
          const rest = path.replace(/^\/docs/, '') || '/';
          return rest.endsWith('/') ? `${rest}index.html` : rest;
        },
      }),
    );
  }
  if (deps.dashboardDir) {
    const root = deps.dashboardDir;
    app.get('/assets/*', pageHeaders, serveStatic({ root }));
    app.get('/favicon.svg', pageHeaders, serveStatic({ root }));
    const index = serveStatic({ root, rewriteRequestPath: () => '/index.html' });
    for (const route of DASHBOARD_ROUTES) {
      app.get(route, pageHeaders, index);
    }
  }
}
