import type { OperationId } from '@neuracraft/types';
import { type Issue, validateRequest } from '@neuracraft/validators';
import type { Rng } from '../generate/prng.js';
import { generateValue, type Link } from '../generate/values.js';
import type { HttpRequest, RequestBody } from '../http/client.js';
import type { OperationSpec } from '../spec/document.js';
import { fillPath } from '../spec/resources.js';
import type { CaseContext } from './case.js';

/** The parts of a request before they are put on the wire. */
export interface RequestPlan {
  readonly params: Record<string, string>;
  readonly query: Record<string, string | string[]>;
  /** Declared header parameters only (credentials are added when sending). */
  readonly headers: Record<string, string>;
  /** A JSON value, or an object of strings for a form; `undefined` for no body. */
  readonly body: unknown;
  /** Replaces the encoded body (malformed JSON, a wrong content type). */
  readonly raw?: { readonly contentType: string | null; readonly text: string };
}

/** How to plan a request. */
export interface PlanOptions {
  readonly rng: Rng;
  /** Required parts only, plain values. Default: `false`. */
  readonly minimal?: boolean;
  /** A new fixture for the innermost path parameter (the request may change or delete it). */
  readonly fresh: boolean;
  /** Extra values to bind (the suite's client credentials in a form). */
  readonly bind?: Link;
  /** Whether to generate `Authorization`-like header parameters. Default: `false`. */
  readonly credentialHeaders?: boolean;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'x-api-key']);

const asString = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

const asStrings = (value: unknown): string | string[] =>
  Array.isArray(value) ? value.map(asString) : asString(value);

/**
 * A generated value as it can travel in a header: each character a header cannot carry becomes
 * `x` (one for one, so lengths hold), and no surrounding whitespace, which HTTP strips in transit.
 */
const headerValue = (value: string): string =>
  [...value]
    .map((ch) => (/^[\x21-\x7e]$/.test(ch) ? ch : ch === ' ' ? ' ' : 'x'))
    .join('')
    .replace(/^ +| +$/g, (spaces) => 'x'.repeat(spaces.length));

/** A form body: every member as a string (or a list of them). */
export const toForm = (value: unknown): Record<string, string | string[]> =>
  Object.fromEntries(
    Object.entries(typeof value === 'object' && value !== null ? value : {}).map(([k, v]) => [
      k,
      asStrings(v),
    ]),
  );

/**
 * Plans a request of `op` that its schemas accept: path parameters from fixtures, query, header
 * and body values generated from the schemas (members pointing at resources get real ids).
 */
export async function planRequest(
  t: CaseContext,
  op: OperationSpec,
  options: PlanOptions,
): Promise<RequestPlan> {
  const { rng } = options;
  const minimal = options.minimal === true;
  const params = await t.fixtures.pathParams(op, options.fresh);
  const others = op.parameters.filter((p) => p.in === 'query' || p.in === 'header');
  const resources = await t.fixtures.linkFor([...others.map((p) => p.schema), op.body?.schema]);
  const link: Link = (schema, at) => options.bind?.(schema, at) ?? resources(schema, at);
  const query: Record<string, string | string[]> = {};
  const headers: Record<string, string> = {};
  for (const p of others) {
    if (p.in === 'header' && CREDENTIAL_HEADERS.has(p.name.toLowerCase()) && !options.credentialHeaders) {
      continue;
    }
    if (!p.required && (minimal || !rng.chance(p.in === 'query' ? 0.5 : 0.3))) {
      continue;
    }
    const value = generateValue(p.schema, { rng, minimal, link });
    if (p.in === 'query') {
      query[p.name] = asStrings(value);
    } else {
      headers[p.name] = headerValue(asString(value));
    }
  }
  let body: unknown;
  if (op.body && (op.body.required || (!minimal && rng.chance(0.7)))) {
    const value = generateValue(op.body.schema, { rng, minimal, link });
    body = op.body.mediaType === 'application/json' ? value : toForm(value);
  }
  return { params, query, headers, body };
}

/** The HTTP request of a plan, with credential headers added. */
export function toHttpRequest(
  op: OperationSpec,
  plan: RequestPlan,
  credential: Record<string, string> = {},
  label?: string,
): HttpRequest {
  let body: RequestBody | undefined;
  if (plan.raw) {
    body = { type: 'raw', ...plan.raw };
  } else if (plan.body !== undefined) {
    body =
      op.body?.mediaType === 'application/x-www-form-urlencoded'
        ? { type: 'form', value: plan.body as Record<string, string | string[]> }
        : { type: 'json', value: plan.body };
  }
  return {
    method: op.method,
    path: fillPath(op.path, plan.params),
    query: plan.query,
    headers: { ...plan.headers, ...credential },
    ...(body && { body }),
    ...(label !== undefined && { label }),
  };
}

/** What `@neuracraft/validators` finds wrong with a plan; empty when the spec accepts it. */
export function issuesOf(op: OperationSpec, plan: RequestPlan): readonly Issue[] {
  const result = validateRequest(op.operationId as OperationId, {
    params: plan.params,
    query: plan.query,
    headers: {
      ...plan.headers,
      ...(plan.body !== undefined && op.body && { 'content-type': op.body.mediaType }),
    },
    // The validators fill in defaults in place: they get a copy, the wire gets what was planned.
    body: plan.body === undefined ? undefined : structuredClone(plan.body),
  });
  return result.ok ? [] : result.issues;
}
