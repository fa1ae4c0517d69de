import type { Principal } from '@neuracraft/auth-core';
import type { Operation } from '@neuracraft/types';
import type { Context } from 'hono';
import type { Deps } from '../context.js';
import { csrfMatches, readSession, sessionTokenFrom } from '../services/sessions.js';
import { denial, problem } from './problem.js';
import { rateLimitHeaders } from './rate-limit.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Answers 429 when this address has failed authentication too often; counts a failure when asked. */
function failures(deps: Deps, ip: string) {
  const rate = deps.config.authFailureLimit;
  const key = `authfail:ip:${ip}`;
  return {
    blocked: (requestId: string): Response | null => {
      if (rate === null) {
        return null;
      }
      const d = deps.limiter.peek(key, rate);
      return d.allowed
        ? null
        : problem(
            'rate_limited',
            'Too many failed authentication attempts from this address; retry later.',
            requestId,
            {},
            rateLimitHeaders(d, rate, 'auth-failures'),
          );
    },
    count: () => {
      if (rate !== null) {
        deps.limiter.hit(key, rate);
      }
    },
  };
}

/**
 * Authenticates a request to a protected operation and checks the operation's `security` against the
 * principal. Answers the principal, or the error response to send: 401 without a valid credential,
 * 403 `insufficient_scope` naming the scopes needed, 429 after too many failures from one address.
 */
export async function authenticateRequest(
  deps: Deps,
  c: Context,
  op: Operation,
  requestId: string,
  ip: string,
): Promise<Principal | Response> {
  const headers = c.req.raw.headers;
  const failure = failures(deps, ip);
  const blocked = failure.blocked(requestId);
  if (blocked) {
    return blocked;
  }

  let principal: Principal;
  const sessionToken = sessionTokenFrom(headers.get('cookie') ?? undefined);
  const acceptsSession = op.security.some((alternative) => 'DashboardSession' in alternative);
  if (acceptsSession && sessionToken !== undefined && !headers.has('x-api-key') && !headers.has('authorization')) {
    const found = await readSession(deps.store, sessionToken);
    if (!found) {
      failure.count();
      deps.metrics.authentication('session', 'invalid_session');
      return problem('invalid_session', 'The session has ended; sign in again.', requestId);
    }
    if (MUTATIONS.has(c.req.method) && !csrfMatches(found.session, headers.get('x-csrf-token') ?? undefined)) {
      deps.metrics.authentication('session', 'csrf_token_invalid');
      return problem('csrf_token_invalid', 'Send the session\'s CSRF token in the X-CSRF-Token header.', requestId);
    }
    principal = found.principal;
  } else {
    const result = await deps.auth.authenticate(headers);
    if (!result.ok) {
      if (result.error.code !== 'authentication_required') {
        failure.count();
      }
      deps.metrics.authentication(headers.has('x-api-key') ? 'api_key' : 'bearer', result.error.code);
      return denial(result.error, requestId);
    }
    principal = result.value;
  }
  deps.metrics.authentication(principal.kind, 'ok');

  const allowed = deps.auth.authorize(principal, op);
  if (!allowed.ok) {
    if (op.security.some((alternative) => Object.values(alternative).some((scopes) => scopes?.includes('admin:all')))) {
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
