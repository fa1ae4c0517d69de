import { toIssues } from './messages.js';
import {
  mediaTypeOf,
  type OperationIdOf,
  type OperationKey,
  type ValidRequest,
  validatorsOf,
} from './operation.js';
import { type Issue, issue, type Result } from './result.js';
import type { LocationValidator, MediaValidator, OperationValidators } from './table.js';

/** Parameter values as a server reads them: a string, or a list for a repeated parameter. */
export type ParameterValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parts of an HTTP request to validate; each may be left out when the request has none. */
export interface RequestInput {
  /** Path parameters, e.g. `{ id: 'pl_…' }`. */
  readonly params?: Readonly<Record<string, string | undefined>>;
  /** The query string, as an object or a `URLSearchParams`. */
  readonly query?: ParameterValues | URLSearchParams;
  /** Request headers, as an object (any case of names) or a `Headers`. */
  readonly headers?: ParameterValues | Headers;
  /**
   * The parsed body: JSON as parsed, a form (`application/x-www-form-urlencoded`) as an object of
   * strings (a list for a repeated field) or a `URLSearchParams`. `undefined` when there is no body.
   */
  readonly body?: unknown;
}

type Source = ParameterValues | URLSearchParams | Headers;
type Values = Record<string, unknown>;

const hasGetAll = (source: Source): source is URLSearchParams =>
  typeof (source as URLSearchParams).getAll === 'function';
const hasGet = (source: Source): source is Headers => typeof (source as Headers).get === 'function';

function read(source: Source, name: string, header: boolean): unknown {
  if (hasGetAll(source) && !header) {
    const all = source.getAll(name);
    return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
  }
  if (hasGet(source)) {
    return source.get(name) ?? undefined;
  }
  const record = source as ParameterValues;
  const direct = record[name];
  if (direct !== undefined || !header) {
    return direct;
  }
  for (const key in record) {
    if (key.toLowerCase() === name) {
      return record[key];
    }
  }
  return undefined;
}

/** Copies the declared parameters of one location out of the input and checks them. */
function location(
  validator: LocationValidator | null,
  source: Source | undefined,
  base: string,
  issues: Issue[],
): Values {
  const data: Values = {};
  if (validator === null) {
    return data;
  }
  if (source !== undefined) {
    for (const name of validator.names) {
      const value = read(source, name, base === '/headers');
      if (value === undefined) {
        continue;
      }
      // Arrays are copied: coercion writes into them.
      data[name] = Array.isArray(value)
        ? [...value]
        : typeof value === 'string' && validator.split.includes(name)
          ? value.split(',')
          : value;
    }
  }
  if (!validator.validate(data)) {
    toIssues(base, validator.validate.errors ?? [], true, issues);
  }
  return data;
}

// Object.fromEntries defines own members, so a field named `__proto__` stays a field.
function formOf(body: unknown): unknown {
  if (body instanceof URLSearchParams) {
    return Object.fromEntries(
      [...new Set(body.keys())].map((key) => {
        const all = body.getAll(key);
        return [key, all.length === 1 ? all[0] : all];
      }),
    );
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    // Copied (arrays too): coercion writes into it.
    return Object.fromEntries(
      Object.entries(body).map(([key, value]) => [key, Array.isArray(value) ? [...value] : value]),
    );
  }
  return body;
}

function requestBody(entry: OperationValidators, input: RequestInput, issues: Issue[]): unknown {
  const { body } = input;
  if (entry.body === null) {
    if (body !== undefined) {
      issues.push(issue('/body', 'must be absent: this operation takes no request body'));
    }
    return undefined;
  }
  if (body === undefined) {
    if (entry.body.required) {
      issues.push(issue('/body', 'is required'));
    }
    return undefined;
  }
  const declared = entry.body.media;
  const named =
    input.headers === undefined
      ? undefined
      : mediaTypeOf(read(input.headers, 'content-type', true) as string);
  // Refusing an undeclared media type (415) is the server's call; the body is checked against the first.
  const media =
    (named === undefined ? undefined : declared[named]) ?? (Object.values(declared)[0] as MediaValidator);
  const data = media.form ? formOf(body) : body;
  if (!media.validate(data)) {
    toIssues('/body', media.validate.errors ?? [], media.form, issues);
  }
  return data;
}

/**
 * Validates a request of an operation against the spec: path, query and header parameters and the
 * body. On success the value holds the declared parameters coerced to their types (`?limit=5` →
 * `5`), with the spec's defaults filled in (also in the body, which is completed in place); headers
 * are keyed by lower-cased name. Unknown body members are rejected where the spec says
 * `additionalProperties: false`; undeclared query parameters and headers are ignored and left out.
 *
 * @param op - the operationId (`createPipeline`) or route (`"POST /v1/pipelines"`). A key that names
 *   no operation throws a `TypeError`: it is a programming error, not bad input.
 * @param input - the parts of the request; pass `body: undefined` when the request has none.
 * @returns `{ ok: true, value }`, or `{ ok: false, issues }` with one issue per problem, each with a
 *   JSON pointer into `input` (`/body/steps/0/uses`, `/query/limit`, `/headers/idempotency-key`).
 * @example
 * ```ts
 * import { validateRequest } from '@neuracraft/validators';
 *
 * const result = validateRequest('createPipeline', {
 *   headers: { 'content-type': 'application/json' },
 *   body: { name: '', steps: [{ name: 'fetch', uses: 'http-request' }] },
 * });
 * // result.ok === false
 * // result.issues → [
 * //   { path: '/body/name', message: 'body/name: must be a string of 1–200 characters' },
 * //   { path: '/body/steps/0/uses', message: 'body/steps/0/uses: must be a string of 1–200 characters matching …' },
 * // ]
 * ```
 */
export function validateRequest<K extends OperationKey>(
  op: K,
  input: RequestInput = {},
): Result<ValidRequest<OperationIdOf<K>>> {
  const entry = validatorsOf(op);
  const issues: Issue[] = [];
  const params = location(entry.path, input.params, '/params', issues);
  const query = location(entry.query, input.query, '/query', issues);
  const headers = location(entry.header, input.headers, '/headers', issues);
  const body = requestBody(entry, input, issues);
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  return { ok: true, value: { params, query, headers, body } as unknown as ValidRequest<OperationIdOf<K>> };
}
