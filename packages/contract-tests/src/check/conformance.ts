import type { OperationId } from '@neuracraft/types';
import { validateResponse } from '@neuracraft/validators';
import type { HttpResponse } from '../http/client.js';
import {
  componentSchema,
  deref,
  type OperationSpec,
  responseFor,
  type Schema,
  typesOf,
} from '../spec/document.js';
import { undocumentedMembers } from './members.js';

/**
 * Response headers that belong to HTTP itself rather than to an API (RFC 9110 / 9112 message
 * framing, representation metadata and connection management): no spec lists them. Everything else
 * a response carries must be documented for that response.
 *
 * @example
 * ```ts
 * runContractSuite({ baseUrl, adminKey, allowHeaders: ['cf-ray'] }); // added to these
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-6.4
 */
export const TRANSPORT_HEADERS: readonly string[] = [
  'alt-svc',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'server',
  'trailer',
  'transfer-encoding',
  'vary',
  'via',
];

let statusOfCode: ReadonlyMap<string, number> | undefined;

/**
 * The status of each error code, from the table in the description of the spec's `ErrorCode`
 * schema (`| \`invalid_request\` | 400 | … |`).
 */
export function errorCodeStatuses(): ReadonlyMap<string, number> {
  if (statusOfCode === undefined) {
    const description = String(componentSchema('ErrorCode')?.description ?? '');
    statusOfCode = new Map(
      [...description.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1]!, Number(m[2])]),
    );
  }
  return statusOfCode;
}

function headerProblem(name: string, value: string, schema: Schema): string | undefined {
  const s = deref(schema);
  const types = typesOf(s);
  if (types.includes('integer') || types.includes('number')) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (types.includes('integer') && !Number.isInteger(n))) {
      return `header ${name}: must be ${types.includes('integer') ? 'an integer' : 'a number'}, got ${JSON.stringify(value)}`;
    }
    if (typeof s.minimum === 'number' && n < s.minimum) {
      return `header ${name}: must be at least ${s.minimum}, got ${value}`;
    }
    return undefined;
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) {
    return `header ${name}: must be ${s.enum.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(value)}`;
  }
  if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) {
    return `header ${name}: must be at most ${s.maxLength} characters, got ${[...value].length}`;
  }
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) {
    return `header ${name}: must match ${s.pattern}, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** Options of {@link conformanceProblems}. */
export interface ConformanceOptions {
  /** Lower-cased names of headers allowed beside the documented ones. Default: {@link TRANSPORT_HEADERS}. */
  readonly allowedHeaders?: ReadonlySet<string>;
}

/**
 * Everything about a response that the spec does not allow, whatever the request was: a 5xx, a
 * status the operation does not document, a body that does not match its schema or has members it
 * does not declare, a documented header missing or malformed, a header the spec does not list, an
 * error body whose `request_id` differs from `X-Request-Id` or whose code belongs to another status.
 *
 * @returns one message per problem; empty when the response conforms.
 * @example
 * ```ts
 * const res = await fetch(`${base}/v1/pipelines`, { headers: { 'X-API-Key': key } });
 * const text = await res.text();
 * conformanceProblems(operationSpec('listPipelines'), {
 *   status: res.status, headers: res.headers, text, json: JSON.parse(text), malformedJson: false,
 * });
 * // → ['header ratelimit: not documented for 200 (value "…")']
 * ```
 */
export function conformanceProblems(
  op: OperationSpec,
  response: HttpResponse,
  options: ConformanceOptions = {},
): string[] {
  const problems: string[] = [];
  const { status } = response;
  if (status >= 500) {
    problems.push(`server error ${status}: a 5xx is never the answer to a client's request`);
    return problems;
  }
  const documented = responseFor(op, status);
  if (documented === undefined) {
    problems.push(`undocumented status ${status} (documented: ${op.responses.join(', ')})`);
    return problems;
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  if (response.malformedJson) {
    problems.push(`body: not valid JSON although Content-Type is ${contentType}`);
  } else {
    const body =
      response.json !== undefined ? response.json : response.text === '' ? undefined : response.text;
    const checked = validateResponse(op.operationId as OperationId, status, body, contentType);
    if (!checked.ok) {
      problems.push(...checked.issues.map((i) => `response ${i.message}`));
    } else if (response.json !== undefined && contentType !== undefined) {
      const media = contentType.split(';')[0]!.trim().toLowerCase();
      const schema = documented.content.get(media);
      if (schema !== undefined) {
        for (const member of undocumentedMembers(schema, response.json)) {
          problems.push(`response body: member ${member} is not in the spec's schema`);
        }
      }
    }
  }
  const allowed = options.allowedHeaders ?? new Set(TRANSPORT_HEADERS);
  for (const [name, header] of documented.headers) {
    const value = response.headers.get(name);
    if (value === null) {
      if (header.required) {
        problems.push(`header ${header.name}: documented as required, missing`);
      }
      continue;
    }
    const problem = headerProblem(header.name, value, header.schema);
    if (problem) {
      problems.push(problem);
    }
  }
  response.headers.forEach((value, name) => {
    if (!documented.headers.has(name) && !allowed.has(name)) {
      problems.push(`header ${name}: not documented for ${status} (value ${JSON.stringify(value)})`);
    }
  });
  const body = response.json;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const requestId = response.headers.get('x-request-id');
    if (typeof record.request_id === 'string' && requestId !== null && record.request_id !== requestId) {
      problems.push(`body request_id ${record.request_id} differs from X-Request-Id ${requestId}`);
    }
    const expected = typeof record.error === 'string' ? errorCodeStatuses().get(record.error) : undefined;
    if (expected !== undefined && expected !== status) {
      problems.push(`error ${record.error} is documented with status ${expected}, answered with ${status}`);
    }
  }
  return problems;
}
