import type { Handler } from '../context.js';
import { json } from '../http/problem.js';

export const getHealth: Handler<'getHealth'> = (ctx) => json({ status: 'ok' }, ctx);

export const getReadiness: Handler<'getReadiness'> = async (ctx) => {
  const database = await ctx.deps.store.ping();
  const signing = ctx.deps.tokens.ready();
  const ok = database && signing;
  return json(
    {
      status: ok ? 'ok' : 'unavailable',
      checks: { database: database ? 'ok' : 'unavailable', signing_keys: signing ? 'ok' : 'unavailable' },
    },
    ctx,
    ok ? 200 : 503,
  );
};

export const getMetrics: Handler<'getMetrics'> = (ctx) =>
  new Response(ctx.deps.metrics.render(), {
    headers: { ...ctx.headers, 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
  });
