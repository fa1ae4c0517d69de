import { AuthError, type MaybePromise, type Principal, type Result } from '@neuracraft/auth-core';
import type { Operation } from '@neuracraft/types';
import type { Context } from 'hono';
import type { Rate } from '../config.js';
import type { Deps, RequestHeaders } from '../context.js';
import { csrfMatches, readSession, sessionTokenFrom } from '../services/sessions.js';
import { denial, problem } from './problem.js';
import { type RateDecision, rateLimitHeaders } from './rate-limit.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What authentication needs to know of an operation, worked out once per operation. */
interface Traits {
  readonly acceptsSession: boolean;
  /** Only a dashboard session will do (login state, logout): keys and tokens are not asked for. */
  readonly sessionOnly: boolean;
  readonly requiresAdmin: boolean;
}
const traits = new WeakMap<Operation, Traits>();
function traitsOf(op: Operation): Traits {
  let t = traits.get(op);
  if (t === undefined) {
    t = {
      acceptsSession: op.security.some((alternative) => 'DashboardSession' in alternative),
      sessionOnly: op.security.every((alternative) => Object.keys(alternative).join() === 'DashboardSession'),
      requiresAdmin: op.security.some((alternative) =>
        Object.values(alternative).some((scopes) =>
          (scopes as readonly string[] | undefined)?.includes('admin:all'),
        ),
      ),
    };
    traits.set(op, t);
  }
  return t;
}

// The limiter key of an address, made once per address: requests of one client reuse the same string.
const failureKeys = new Map<string, string>();
function failureKeyOf(ip: string): string {
  let key = failureKeys.get(ip);
  if (key === undefined) {
    if (failureKeys.size >= 10_000) {
      failureKeys.clear();
    }
    key = `authfail:ip:${ip}`;
    failureKeys.set(ip, key);
  }
  return key;
}

/** 429 when this address has failed authentication too often, else null. */
function blockedAfterFailures(
  deps: Deps,
  ip: string,
  requestId: string,
): Response | null | Promise<Response | null> {
  const rate = deps.config.authFailureLimit;
  if (rate === null) {
    return null;
  }
  // The in-memory limiter answers at once; only a shared one (Redis) costs a promise on this path.
  const d = deps.limiter.peek(failureKeyOf(ip), rate);
  if (d instanceof Promise) {
    return d.then((later) => refusal(later, rate, requestId));
  }
  return refusal(d, rate, requestId);
}

function refusal(d: RateDecision, rate: Rate, requestId: string): Response | null {
  return d.allowed
    ? null
    : problem(
        'rate_limited',
        'Too many failed authentication attempts from this address; retry later.',
        requestId,
        {},
        rateLimitHeaders(d, rate, 'auth-failures'),
      );
}

async function countFailure(deps: Deps, ip: string): Promise<void> {
  const rate = deps.config.authFailureLimit;
  if (rate !== null) {
    await deps.limiter.hit(failureKeyOf(ip), rate);
  }
}

/** Who is asking: the request's id, its address, its headers as Node parsed them and its connection. */
export interface Caller {
  readonly requestId: string;
  readonly ip: string;
  readonly requestHeaders: RequestHeaders;
  /** The socket the request came on: a credential it presented before is not hashed again. */
  readonly connection: object | undefined;
}

/**
 * Authenticates a request to a protected operation and checks the operation's `security` against the
 * principal. Answers the principal, or the error response to send: 401 without a valid credential,
 * 403 `insufficient_scope` naming the scopes needed, 429 after too many failures from one address.
 * A known key or a cached token is answered without a promise; sessions, failures and stores that
 * answer asynchronously take the promise path.
 */
export function authenticateRequest(
  deps: Deps,
  c: Context,
  op: Operation,
  caller: Caller,
): Principal | Response | Promise<Principal | Response> {
  const { requestId, ip, requestHeaders: headers } = caller;
  const { acceptsSession, sessionOnly } = traitsOf(op);
  if (sessionOnly || (acceptsSession && headers.cookie !== undefined)) {
    return authenticateFully(deps, c, op, caller);
  }
  const blocked = blockedAfterFailures(deps, ip, requestId);
  if (blocked !== null) {
    return authenticateFully(deps, c, op, caller, blocked);
  }
  const result = deps.auth.check(headers, caller.connection);
  if (result instanceof Promise || !result.ok) {
    return authenticateFully(deps, c, op, caller, null, result);
  }
  const principal = result.value;
  if (
    (principal.clientId !== null && deps.tokens.isClientRevoked(principal.clientId)) ||
    !deps.auth.authorize(principal, op).ok
  ) {
    return authenticateFully(deps, c, op, caller, null, result);
  }
  deps.metrics.authentication(principal.kind, 'ok');
  if (principal.kind === 'api_key') {
    deps.apiKeys.used(principal.credentialId);
  }
  return principal;
}

/**
 * Every case of {@link authenticateRequest}, with the promise it costs. What the caller has worked out
 * already (the address's failure count, the credential's verdict) is handed in, not done again.
 */
async function authenticateFully(
  deps: Deps,
  c: Context,
  op: Operation,
  caller: Caller,
  blockedCheck: ReturnType<typeof blockedAfterFailures> = blockedAfterFailures(
    deps,
    caller.ip,
    caller.requestId,
  ),
  checked?: MaybePromise<Result<Principal>>,
): Promise<Principal | Response> {
  const { requestId, ip, requestHeaders: headers } = caller;
  const blocked = blockedCheck instanceof Promise ? await blockedCheck : blockedCheck;
  if (blocked) {
    return blocked;
  }

  let principal: Principal;
  const { acceptsSession, sessionOnly, requiresAdmin } = traitsOf(op);
  const sessionToken = acceptsSession ? sessionTokenFrom(headers.cookie as string | undefined) : undefined;
  if (
    sessionOnly ||
    (sessionToken !== undefined && headers['x-api-key'] === undefined && headers.authorization === undefined)
  ) {
    const found = sessionToken === undefined ? undefined : await readSession(deps.store, sessionToken);
    if (!found) {
      if (sessionToken !== undefined) {
        await countFailure(deps, ip);
      }
      deps.metrics.authentication('session', 'invalid_session');
      // Where a key or a token would do as well, say so with the Bearer challenge (RFC 9110 §11.6.1).
      const challenge: Record<string, string> = sessionOnly
        ? {}
        : { 'www-authenticate': 'Bearer realm="neuracraft"' };
      const [code, text] =
        sessionToken === undefined
          ? (['authentication_required', 'Sign in to the dashboard first.'] as const)
          : (['invalid_session', 'The session has ended; sign in again.'] as const);
      return problem(
        code,
        text,
        requestId,
        {},
        {
          ...challenge,
          'cache-control': 'no-store',
        },
      );
    }
    if (
      MUTATIONS.has(c.req.method) &&
      !csrfMatches(found.session, headers['x-csrf-token'] as string | undefined)
    ) {
      deps.metrics.authentication('session', 'csrf_token_invalid');
      return problem(
        'csrf_token_invalid',
        "Send the session's CSRF token in the X-CSRF-Token header.",
        requestId,
      );
    }
    principal = found.principal;
  } else {
    const result = await (checked ?? deps.auth.authenticate(headers, caller.connection));
    if (!result.ok) {
      if (result.error.code !== 'authentication_required') {
        await countFailure(deps, ip);
      }
      deps.metrics.authentication(
        headers['x-api-key'] !== undefined ? 'api_key' : 'bearer',
        result.error.code,
      );
      return denial(result.error, requestId);
    }
    principal = result.value;
    if (principal.clientId !== null && deps.tokens.isClientRevoked(principal.clientId)) {
      await countFailure(deps, ip);
      deps.metrics.authentication('bearer', 'invalid_token');
      return denial(
        new AuthError('invalid_token', {
          reason: 'client_deleted',
          description: 'The app this token was issued to was deleted.',
        }),
        requestId,
      );
    }
  }
  deps.metrics.authentication(principal.kind, 'ok');

  const allowed = deps.auth.authorize(principal, op);
  if (!allowed.ok) {
    if (requiresAdmin) {
      await deps.store.audit.record({
        org_id: principal.orgId,
        action: 'admin.denied',
        outcome: 'failure',
        actor_type: principal.kind,
        actor_id: principal.credentialId,
        target_type: 'operation',
        target_id: op.operationId,
        request_id: requestId,
        ip,
      });
    }
    return denial(allowed.error, requestId);
  }
  if (principal.kind === 'api_key') {
    deps.apiKeys.used(principal.credentialId);
  }
  return principal;
}
