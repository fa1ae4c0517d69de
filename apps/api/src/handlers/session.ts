import type { Handler } from '../context.js';

import { empty, json, problem } from '../http/problem.js';
import { rateLimitHeaders } from '../http/rate-limit.js';
import { DUMMY_HASH, verifyPassword } from '../services/passwords.js';
import {
  clearedSessionCookie,
  openSession,
  readSession,
  sessionCookie,
  sessionEndsAt,
  sessionTokenFrom,
} from '../services/sessions.js';

/** Failed logins allowed per account, and per address, in 15 minutes. */
const ACCOUNT_RATE = { limit: 5, windowMs: 15 * 60_000 };
const ADDRESS_RATE = { limit: 20, windowMs: 15 * 60_000 };

export const login: Handler<'login'> = async (ctx) => {
  const { store, limiter, config } = ctx.deps;
  const email = ctx.input.body.email.trim().toLowerCase();
  const byAccount = await limiter.peek(`login:account:${email}`, ACCOUNT_RATE);
  const byAddress = await limiter.peek(`login:ip:${ctx.ip}`, ADDRESS_RATE);
  if (!byAccount.allowed || !byAddress.allowed) {
    const [decision, rate] = byAccount.allowed ? [byAddress, ADDRESS_RATE] : [byAccount, ACCOUNT_RATE];
    return problem(
      'rate_limited',
      'Too many failed sign-ins; wait before trying again.',
      ctx,
      {},
      rateLimitHeaders(decision, rate, 'login'),
    );
  }
  const user = await store.users.byEmail(email);
  const ok = await verifyPassword(ctx.input.body.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) {
    await limiter.hit(`login:account:${email}`, ACCOUNT_RATE);
    await limiter.hit(`login:ip:${ctx.ip}`, ADDRESS_RATE);
    await store.audit.record({
      org_id: user?.org_id ?? 'none',
      action: 'session.login_failed',
      outcome: 'failure',
      actor_type: 'session',
      actor_id: user?.id ?? 'unknown',
      target_type: user ? 'user' : null,
      target_id: user?.id ?? null,
      request_id: ctx.requestId,
      ip: ctx.ip,
    });
    return problem('invalid_credentials', 'The email or password is wrong.', ctx);
  }
  const { token, session } = await openSession(store, user);
  await store.audit.record({
    org_id: user.org_id,
    action: 'session.login',
    outcome: 'success',
    actor_type: 'session',
    actor_id: user.id,
    target_type: 'user',
    target_id: user.id,
    request_id: ctx.requestId,
    ip: ctx.ip,
  });
  return json(
    {
      user: { id: user.id, email: user.email },
      org_id: user.org_id,
      csrf_token: session.csrf_token,
      expires_at: sessionEndsAt(session),
    },
    ctx,
    200,
    {
      'set-cookie': sessionCookie(token, config.publicUrl.startsWith('https:')),
      'cache-control': 'no-store',
    },
  );
};

export const logout: Handler<'logout'> = async (ctx) => {
  const token = sessionTokenFrom(ctx.request.headers.get('cookie') ?? undefined);
  const found = token ? await readSession(ctx.deps.store, token) : undefined;
  if (found) {
    await ctx.deps.store.sessions.delete(found.session.id);
  }
  return empty(ctx, 204, {
    'set-cookie': clearedSessionCookie(ctx.deps.config.publicUrl.startsWith('https:')),
  });
};

export const getSession: Handler<'getSession'> = async (ctx) => {
  const token = sessionTokenFrom(ctx.request.headers.get('cookie') ?? undefined);
  const found = token ? await readSession(ctx.deps.store, token) : undefined;
  const user = found ? await ctx.deps.store.users.byId(found.session.user_id) : undefined;
  if (!found || !user) {
    return problem('invalid_session', 'The session has ended; sign in again.', ctx);
  }
  return json(
    {
      user: { id: user.id, email: user.email },
      org_id: user.org_id,
      csrf_token: found.session.csrf_token,
      expires_at: sessionEndsAt(found.session),
    },
    ctx,
    200,
    { 'cache-control': 'no-store' },
  );
};
