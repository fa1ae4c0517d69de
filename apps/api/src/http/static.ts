import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Deps } from '../context.js';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Serves the built docs at /docs and the dashboard at /, when they have been built. */
export function mountStatic(app: Hono, deps: Deps): void {
  app.use('*', async (c, next) => {
    await next();
    if (
      c.req.method === 'GET' &&
      (c.req.path === '/' || c.req.path.startsWith('/docs') || c.req.path.startsWith('/assets'))
    ) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        c.res.headers.set(name, value);
      }
    }
  });
  if (deps.docsDir) {
    const root = deps.docsDir;
    app.get('/docs', (c) => c.redirect('/docs/', 301));
    app.get(
      '/docs/*',
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
    app.get('/assets/*', serveStatic({ root }));
    app.get('/favicon.svg', serveStatic({ root }));
    const index = serveStatic({ root, rewriteRequestPath: () => '/index.html' });
    for (const route of ['/', '/login', '/settings/*', '/pipelines', '/workflows', '/executions', '/audit']) {
      app.get(route, index);
    }
  }
}
