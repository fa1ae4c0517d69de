import type { Rng } from '../generate/prng.js';
import { stringMatching, stringNotMatching } from '../generate/regex.js';
import { generateValue } from '../generate/values.js';
import {
  deref,
  flatten,
  isObject,
  type OperationSpec,
  propertiesOf,
  requiredOf,
  type Schema,
  typesOf,
} from '../spec/document.js';
import { resourceByIdPattern, resourcesOfPath } from '../spec/resources.js';
import type { RequestPlan } from './request.js';

/** A way to make a valid request wrong, and what the server must answer to it. */
export interface Mutation {
  /** `body/name too long (201 characters)` */
  readonly label: string;
  readonly status: number;
  readonly error: string | undefined;
  /**
   * What the validators must say of the result: `invalid` (the case checks that it really is),
   * `valid` (the schema allows it; the id it names does not exist), or `raw` (not checkable).
   */
  readonly verdict: 'invalid' | 'valid' | 'raw';
  apply(plan: RequestPlan, rng: Rng): RequestPlan | undefined;
}

const UNKNOWN_MEMBER = 'contract_tests_unknown_member';

const SAMPLES: readonly [string, unknown][] = [
  ['number', 12345],
  ['string', 'text'],
  ['boolean', true],
  ['array', []],
  ['object', {}],
  ['null', null],
];

/** A value of a JSON type the schema does not allow, or `undefined` when it allows any. */
export function wrongType(schema: Schema): [string, unknown] | undefined {
  const types = typesOf(schema);
  if (types.length === 0) {
    return undefined;
  }
  const allowed = new Set(types.flatMap((t) => (t === 'integer' ? ['integer', 'number'] : [t])));
  return SAMPLES.find(([t]) => !allowed.has(t));
}

const withBody = (plan: RequestPlan, body: unknown): RequestPlan => ({ ...plan, body, raw: undefined });

/** A copy of the body to break; an optional body left out is broken from `{}`. */
const bodyObject = (plan: RequestPlan): Record<string, unknown> | undefined =>
  isObject(plan.body)
    ? { ...(plan.body as Record<string, unknown>) }
    : plan.body === undefined
      ? {}
      : undefined;

/** The value of a member made to break one keyword of its schema, per keyword. */
function memberBreakers(name: string, schema: Schema, form: boolean): Omit<Mutation, 'status' | 'error'>[] {
  const s = deref(schema);
  const out: Omit<Mutation, 'status' | 'error'>[] = [];
  const set = (label: string, make: (rng: Rng, current: unknown) => unknown | undefined) =>
    out.push({
      label: `body/${name} ${label}`,
      verdict: 'invalid',
      apply: (plan, rng) => {
        const body = bodyObject(plan);
        if (!body) {
          return undefined;
        }
        const value = make(rng, body[name]);
        if (value === undefined) {
          return undefined;
        }
        body[name] = value;
        return withBody(plan, body);
      },
    });
  const wrong = form ? undefined : wrongType(s);
  if (wrong) {
    set(`wrong type (${wrong[0]})`, () => wrong[1]);
  }
  if (typeof s.maxLength === 'number') {
    const length = s.maxLength + 1;
    set(`too long (${length} characters)`, (rng) =>
      typeof s.pattern === 'string'
        ? `${stringMatching(s.pattern, rng)}${'x'.repeat(length)}`
        : 'x'.repeat(length),
    );
  }
  if (typeof s.maxItems === 'number' && !form) {
    const count = s.maxItems + 1;
    set(`too many items (${count})`, (rng, current) => {
      const item =
        Array.isArray(current) && current.length > 0
          ? current[0]
          : generateValue(deref(s.items), { rng, minimal: true });
      return Array.from({ length: count }, () => item);
    });
  }
  if (Array.isArray(s.enum)) {
    set('not one of its values', () => 'not-a-documented-value');
  } else if (typeof s.pattern === 'string') {
    set('not matching its pattern', (rng) => stringNotMatching(s.pattern as string, rng));
  }
  if (typeof s.minimum === 'number' && !form) {
    set(`below its minimum (${s.minimum - 1})`, () => (s.minimum as number) - 1);
  }
  if (typeof s.maximum === 'number' && !form) {
    set(`above its maximum (${s.maximum + 1})`, () => (s.maximum as number) + 1);
  }
  return out;
}

function bodyMutations(op: OperationSpec): Mutation[] {
  const body = op.body;
  if (!body) {
    return [];
  }
  const form = body.mediaType !== 'application/json';
  const invalid = (m: Omit<Mutation, 'status' | 'error'>): Mutation => ({
    ...m,
    status: 400,
    error: form ? undefined : 'invalid_request',
  });
  const schema = flatten(body.schema);
  const out: Mutation[] = [];
  for (const name of requiredOf(schema)) {
    out.push(
      invalid({
        label: `body/${name} missing`,
        verdict: 'invalid',
        apply: (plan) => {
          const value = bodyObject(plan);
          if (!value) {
            return undefined;
          }
          delete value[name];
          return withBody(plan, value);
        },
      }),
    );
  }
  for (const [name, member] of propertiesOf(schema)) {
    out.push(...memberBreakers(name, member, form).map(invalid));
    const resource = typeof member.pattern === 'string' ? resourceByIdPattern(member.pattern) : undefined;
    if (resource && op.responses.includes(404) && !form) {
      out.push({
        label: `body/${name} names no ${resource.collectionPath.split('/').at(-1)} (well-formed unknown id)`,
        status: 404,
        error: 'not_found',
        verdict: 'valid',
        apply: (plan, rng) => {
          const value = bodyObject(plan) ?? {};
          value[name] = stringMatching(member.pattern as string, rng);
          return withBody(plan, value);
        },
      });
    }
  }
  if (schema.additionalProperties === false) {
    out.push(
      invalid({
        label: 'body with an unknown member',
        verdict: 'invalid',
        apply: (plan) => withBody(plan, { ...(bodyObject(plan) ?? {}), [UNKNOWN_MEMBER]: 'x' }),
      }),
    );
  }
  if (typeof schema.minProperties === 'number' && schema.minProperties > 0 && !form) {
    out.push(
      invalid({ label: 'body with no member', verdict: 'invalid', apply: (plan) => withBody(plan, {}) }),
    );
  }
  if (!form) {
    out.push(
      invalid({
        label: 'body an array, not an object',
        verdict: 'invalid',
        apply: (plan) => withBody(plan, []),
      }),
    );
    out.push(
      invalid({
        label: 'body not JSON',
        verdict: 'raw',
        apply: (plan) => ({ ...plan, raw: { contentType: 'application/json', text: '{"name": ' } }),
      }),
    );
  }
  if (body.required) {
    out.push(
      invalid({ label: 'no body', verdict: 'invalid', apply: (plan) => ({ ...plan, body: undefined }) }),
    );
  }
  const unsupported = op.responses.includes(415);
  out.push({
    label: form ? 'body as JSON, not a form' : 'body as text/plain',
    status: unsupported ? 415 : 400,
    error: unsupported ? 'unsupported_media_type' : 'invalid_request',
    verdict: 'raw',
    apply: (plan) => ({
      ...plan,
      raw: form
        ? { contentType: 'application/json', text: JSON.stringify(plan.body ?? {}) }
        : { contentType: 'text/plain', text: JSON.stringify(plan.body ?? {}) },
    }),
  });
  return out;
}

function parameterMutations(op: OperationSpec): Mutation[] {
  const out: Mutation[] = [];
  for (const p of op.parameters) {
    if (p.in !== 'query' && p.in !== 'header') {
      continue;
    }
    if (p.in === 'header' && ['authorization', 'cookie', 'x-api-key'].includes(p.name.toLowerCase())) {
      continue;
    }
    const s = deref(p.schema);
    const where = `${p.in}/${p.name}`;
    const put = (label: string, make: (rng: Rng) => string | undefined) =>
      out.push({
        label: `${where} ${label}`,
        status: 400,
        error: 'invalid_request',
        verdict: 'invalid',
        apply: (plan, rng) => {
          const value = make(rng);
          if (value === undefined) {
            return undefined;
          }
          return p.in === 'query'
            ? { ...plan, query: { ...plan.query, [p.name]: value } }
            : { ...plan, headers: { ...plan.headers, [p.name]: value } };
        },
      });
    const types = typesOf(s);
    if (types.includes('integer') || types.includes('number')) {
      put('not a number', () => 'abc');
      if (typeof s.minimum === 'number') {
        put(`below its minimum (${s.minimum - 1})`, () => String((s.minimum as number) - 1));
      }
      if (typeof s.maximum === 'number') {
        put(`above its maximum (${s.maximum + 1})`, () => String((s.maximum as number) + 1));
      }
    }
    if (typeof s.maxLength === 'number') {
      put(`too long (${s.maxLength + 1} characters)`, () => 'x'.repeat((s.maxLength as number) + 1));
    }
    if (Array.isArray(s.enum)) {
      put('not one of its values', () => 'not-a-documented-value');
    } else if (typeof s.pattern === 'string') {
      put('not matching its pattern', (rng) => stringNotMatching(s.pattern as string, rng));
    }
  }
  return out;
}

function pathMutations(op: OperationSpec): Mutation[] {
  return resourcesOfPath(op.path).flatMap((resource): Mutation[] => {
    const where = `path/${resource.param}`;
    const put = (label: string, make: (rng: Rng) => string): Mutation => ({
      label: `${where} ${label}`,
      status: 404,
      error: 'not_found',
      verdict: 'valid',
      apply: (plan, rng) => ({ ...plan, params: { ...plan.params, [resource.param]: make(rng) } }),
    });
    const out = [put('of another shape', () => 'not-an-id')];
    if (resource.idPattern !== undefined) {
      const pattern = resource.idPattern;
      out.push(put('well-formed but unknown', (rng) => stringMatching(pattern, rng)));
    }
    return out;
  });
}

/**
 * The invalid inputs of an operation derived from its schemas (issue case 5): each required
 * member missing, each member of the wrong type, too long, out of its enum, pattern or range, an
 * unknown member, a body that is not an object, not JSON or of the wrong media type; each query and
 * header parameter broken the same ways; path ids of another shape or unknown; members that point
 * at resources naming none.
 */
export const schemaMutations = (op: OperationSpec): Mutation[] => [
  ...pathMutations(op),
  ...parameterMutations(op),
  ...bodyMutations(op),
];
