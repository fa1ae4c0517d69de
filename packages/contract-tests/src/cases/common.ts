import { parseChallenges } from '../check/challenge.js';
import { createRng, deriveSeed, type Rng } from '../generate/prng.js';
import type { Exchange } from '../http/client.js';
import type { OperationSpec } from '../spec/document.js';
import type { CaseContext } from './case.js';
import { planRequest, type RequestPlan } from './request.js';

/** The random stream of one case: the same seed and case give the same inputs. */
export const rngFor = (t: CaseContext, name: string): Rng =>
  createRng(deriveSeed(t.ctx.options.seed, `${t.op.operationId} ${name}`));

/** Whether requests of `op` may change what they address (so they need a fixture of their own). */
export const mutates = (op: OperationSpec): boolean => op.method !== 'get' && op.method !== 'head';

/** A minimal valid request of the case's operation, on fixtures of its own when it mutates. */
export const validPlan = (t: CaseContext, name: string, op: OperationSpec = t.op): Promise<RequestPlan> =>
  planRequest(t, op, { rng: rngFor(t, name), minimal: true, fresh: mutates(op) });

const bearerChallenge = (exchange: Exchange) => {
  const header = exchange.response.headers.get('www-authenticate');
  return header === null ? undefined : parseChallenges(header).find((c) => c.scheme === 'bearer');
};

/** RFC 6750 §3.1: a request without credentials gets a challenge with no error code. */
export function noErrorChallenge(exchange: Exchange): string[] {
  const header = exchange.response.headers.get('www-authenticate');
  if (header === null) {
    return [];
  }
  if (parseChallenges(header).length === 0) {
    return [`WWW-Authenticate ${JSON.stringify(header)} holds no challenge (RFC 9110 §11.6.1)`];
  }
  const error = bearerChallenge(exchange)?.params.error;
  return error === undefined
    ? []
    : [`WWW-Authenticate carries error="${error}" although no credential was sent (RFC 6750 §3.1)`];
}

/** RFC 6750 §3.1: a rejected bearer token gets `Bearer …, error="invalid_token"`. */
export function invalidTokenChallenge(exchange: Exchange): string[] {
  const challenge = bearerChallenge(exchange);
  if (challenge === undefined) {
    return ['WWW-Authenticate has no Bearer challenge (RFC 6750 §3)'];
  }
  return challenge.params.error === 'invalid_token'
    ? []
    : [
        `WWW-Authenticate error is ${JSON.stringify(challenge.params.error)}, not "invalid_token" (RFC 6750 §3.1)`,
      ];
}

/** RFC 6750 §3.1: a token without the scope gets `error="insufficient_scope", scope="…"`. */
export function insufficientScopeChallenge(exchange: Exchange, scopes: readonly string[]): string[] {
  const challenge = bearerChallenge(exchange);
  if (challenge === undefined) {
    return ['WWW-Authenticate has no Bearer challenge (RFC 6750 §3)'];
  }
  const problems: string[] = [];
  if (challenge.params.error !== 'insufficient_scope') {
    problems.push(
      `WWW-Authenticate error is ${JSON.stringify(challenge.params.error)}, not "insufficient_scope" (RFC 6750 §3.1)`,
    );
  }
  const named = new Set((challenge.params.scope ?? '').split(' ').filter(Boolean));
  const missing = scopes.filter((s) => !named.has(s));
  if (missing.length > 0) {
    problems.push(`WWW-Authenticate scope does not name ${missing.join(' ')} (RFC 6750 §3)`);
  }
  return problems;
}

/** The error body of a 403 names the scopes the operation accepts (`required_scopes`). */
export function namesScopes(exchange: Exchange, scopes: readonly string[]): string[] {
  const named = (exchange.response.json as { required_scopes?: unknown } | undefined)?.required_scopes;
  if (!Array.isArray(named)) {
    return ['body has no required_scopes naming the scopes needed'];
  }
  const want = [...scopes].sort().join(' ');
  const got = [...named].map(String).sort().join(' ');
  return want === got ? [] : [`required_scopes is [${got}], expected [${want}]`];
}
