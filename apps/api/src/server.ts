import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { createAuthenticator } from '@neuracraft/auth-core';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { handlers } from './handlers/index.js';
import { createApp } from './http/app.js';
import { Metrics } from './http/metrics.js';
import { memoryRateLimiter, redisRateLimiter } from './http/rate-limit.js';
import { createLogger, type Logger } from './logger.js';
import { loadServerKeys } from './secrets.js';
import { createApiKeys } from './services/api-keys.js';
import { localBus, redisBus } from './services/bus.js';
import { createOAuthApps } from './services/oauth-apps.js';
import { createTokens } from './services/tokens.js';
import { openStore, type Store } from './store/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const builtApp = (name: string) => {
  const dir = resolve(here, `../../${name}/dist`);
  return existsSync(join(dir, 'index.html')) ? dir : null;
};

/** Opens the store and makes everything a handler needs, for the server and the CLI alike. */
export async function createDeps(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<Deps> {
  const store: Store = await openStore(config);
  const keys = loadServerKeys(config.secret, config.dataDir);
  if (keys.source === 'generated') {
    logger.warn(
      { file: join(config.dataDir, 'secret') },
      'NEURACRAFT_SECRET is not set: generated a server secret into the data directory (mode 0600). Set NEURACRAFT_SECRET in production.',
    );
  }
  const metrics = new Metrics();
  // With REDIS_URL, every server of the deployment shares rate limits and hears every revocation.
  // The Redis and PostgreSQL clients are loaded only by deployments that use them (≈ 20 MB each).
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, { maxRetriesPerRequest: 2 })
    : null;
  const bus = config.redisUrl ? await redisBus(config.redisUrl, logger) : localBus();
  const tokens = await createTokens({ store, config, keys, logger, bus });
  const apiKeys = createApiKeys({ store, pepper: keys.pepper, logger, bus });
  return {
    config,
    store,
    logger,
    metrics,
    limiter: redis ? redisRateLimiter(redis) : memoryRateLimiter(),
    redis,
    bus,
    keys,
    tokens,
    apiKeys,
    apps: createOAuthApps({ store, pepper: keys.pepper, bus }),
    auth: createAuthenticator({ apiKeys: apiKeys.verifier, tokens: tokens.verifier }),
    docsDir: builtApp('docs'),
    dashboardDir: builtApp('dashboard'),
  };
}

/** Releases what {@link createDeps} opened: timers, Redis connections, the store. */
export async function closeDeps(deps: Deps): Promise<void> {
  deps.tokens.close();
  await deps.bus.close();
  deps.redis?.disconnect();
  await deps.store.close();
}

/** A running server and the way to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly deps: Deps;
  close(): Promise<void>;
}

/**
 * Starts the API on `config.host:config.port`. Resolves once it accepts connections; SIGTERM and SIGINT
 * stop it gracefully: no new connections, in-flight requests finish, the store closes.
 */
export async function startServer(requested: Config): Promise<RunningServer> {
  const started = performance.now();
  // Bind first: with PORT=0 the port, and so the default public URL (the token issuer), is known only then.
  let fetch: ((request: Request, env: unknown) => Response | Promise<Response>) | null = null;
  const server = await new Promise<ServerType>((ready) => {
    const s = serve(
      {
        fetch: (request, env) => (fetch ? fetch(request, env) : new Response(null, { status: 503 })),
        port: requested.port,
        hostname: requested.host,
      },
      () => ready(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requested.port;
  const wildcard = requested.host === '0.0.0.0' || requested.host === '::';
  const url = `http://${wildcard ? 'localhost' : requested.host}:${port}`;
  const config: Config = { ...requested, port, publicUrl: requested.publicUrl || url };
  const deps = await createDeps(config);
  const { logger, store } = deps;
  fetch = createApp(deps, handlers).fetch;
  logger.info(
    { url, public_url: config.publicUrl, store: store.location, ms: Math.round(performance.now() - started) },
    'NeuraCraft API ready',
  );
  if ((await store.users.count()) === 0) {
    logger.info(
      'No dashboard user exists yet. Create the first one with: pnpm neuracraft users create --email you@example.com',
    );
  }
  logger.flush();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down');
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeIdleConnections' in server) {
          server.closeIdleConnections();
        }
      });
      await closeDeps(deps);
      logger.flush();
    })();
    return closing;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { url, deps, close };
}
