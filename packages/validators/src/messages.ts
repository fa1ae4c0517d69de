import type { ErrorObject } from 'ajv';
import { type Issue, issue, pointer } from './result.js';

type Schema = Readonly<Record<string, unknown>>;

/**
 * The most issues a validation reports: what the spec's `Error.issues` allows (`maxItems`).
 *
 * @example
 * ```ts
 * import { MAX_ISSUES, validateRequest } from '@neuracraft/validators';
 *
 * const result = validateRequest('createPipeline', { body });
 * if (!result.ok && result.issues.length === MAX_ISSUES) {
 *   // there may be more problems than listed
 * }
 * ```
 */
export const MAX_ISSUES = 100;

const FORMATS: Readonly<Record<string, string>> = {
  'date-time': 'an RFC 3339 date-time such as 2026-01-31T09:30:00Z',
  date: 'an RFC 3339 date such as 2026-01-31',
  time: 'an RFC 3339 time such as 09:30:00Z',
  duration: 'an ISO 8601 duration such as P1D',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uri: 'an absolute URI',
  'uri-reference': 'a URI reference',
  url: 'a URL',
  uuid: 'a UUID',
  'json-pointer': 'a JSON pointer such as /body/name',
  regex: 'a regular expression',
  byte: 'base64 text',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
};

const quote = (v: unknown): string => JSON.stringify(v);

const num = (s: Schema, key: string): number | undefined =>
  typeof s[key] === 'number' ? (s[key] as number) : undefined;

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** `of 1–200 characters`, `of at most 5 items`, … or `''` without bounds. */
function count(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && min > 0 && max !== undefined) {
    return min === max ? ` of exactly ${plural(min, unit)}` : ` of ${min}–${max} ${unit}s`;
  }
  if (max !== undefined) {
    return ` of at most ${plural(max, unit)}`;
  }
  if (min !== undefined && min > 0) {
    return ` of at least ${plural(min, unit)}`;
  }
  return '';
}

function range(s: Schema): string {
  const min = num(s, 'minimum');
  const max = num(s, 'maximum');
  const xmin = num(s, 'exclusiveMinimum');
  const xmax = num(s, 'exclusiveMaximum');
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) {
    parts.push(`from ${min} to ${max}`);
  } else if (min !== undefined) {
    parts.push(`of at least ${min}`);
  } else if (max !== undefined) {
    parts.push(`of at most ${max}`);
  }
  if (xmin !== undefined) {
    parts.push(`greater than ${xmin}`);
  }
  if (xmax !== undefined) {
    parts.push(`less than ${xmax}`);
  }
  const step = num(s, 'multipleOf');
  if (step !== undefined) {
    parts.push(`that is a multiple of ${step}`);
  }
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

function describeType(type: string, s: Schema, keyword: string): string {
  switch (type) {
    case 'string': {
      const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
      const length = count(num(s, 'minLength'), num(s, 'maxLength'), 'character');
      if (format !== undefined) {
        // A format says more than a safety length limit, unless the length is what failed.
        return keyword === 'maxLength' || keyword === 'minLength' ? `${format}${length}` : format;
      }
      const pattern = typeof s.pattern === 'string' ? ` matching ${s.pattern}` : '';
      return `a string${length}${pattern}`;
    }
    case 'integer':
      return `an integer${range(s)}`;
    case 'number':
      return `a number${range(s)}`;
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array': {
      const unique = s.uniqueItems === true ? ' with no item repeated' : '';
      return `an array${count(num(s, 'minItems'), num(s, 'maxItems'), 'item')}${unique}`;
    }
    case 'object':
      return `an object${count(num(s, 'minProperties'), num(s, 'maxProperties'), 'member').replace(/^ of/, ' with')}`;
    default:
      return `a value of type ${type}`;
  }
}

/** What a schema accepts, in words: `a string of 1–200 characters`, `one of "a", "b"`, … */
export function describe(s: Schema, keyword = ''): string {
  if ('const' in s) {
    return quote(s.const);
  }
  if (Array.isArray(s.enum)) {
    const values = s.enum.map(quote);
    return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length === 0) {
    return 'a valid value';
  }
  const words = types.filter((t) => t !== 'null').map((t) => describeType(t, s, keyword));
  if (types.includes('null')) {
    words.push('null');
  }
  return words.join(' or ');
}

/** The JSON pointer an Ajv error concerns, under `base` (`/body`, `/query`, …). */
function pathOf(base: string, e: ErrorObject): string {
  const at = base + e.instancePath;
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
      return pointer(at, e.params.missingProperty as string);
    case 'additionalProperties':
      return pointer(at, e.params.additionalProperty as string);
    case 'unevaluatedProperties':
      return pointer(at, e.params.unevaluatedProperty as string);
    case 'propertyNames':
      return pointer(at, e.params.propertyName as string);
    case 'discriminator':
      return pointer(at, e.params.tag as string);
    default:
      return at;
  }
}

function expectationOf(e: ErrorObject, coerced: boolean): string | undefined {
  const parent = (e.parentSchema ?? {}) as Schema;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'dependentRequired':
      return `is required when ${quote(e.params.property)} is given`;
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const known =
        parent.properties !== null && typeof parent.properties === 'object'
          ? Object.keys(parent.properties)
          : [];
      return known.length > 0 ? `is not a known member (known: ${known.join(', ')})` : 'is not allowed here';
    }
    case 'propertyNames':
      return `is not an allowed member name: a name must be ${describe((parent.propertyNames ?? {}) as Schema)}`;
    case 'uniqueItems':
      return `must not repeat an item (items ${e.params.j} and ${e.params.i} are the same)`;
    case 'discriminator': {
      const tags = ((parent.discriminator as Schema | undefined)?.tags ?? []) as unknown[];
      const expected = tags.length === 1 ? quote(tags[0]) : `one of ${tags.map(quote).join(', ')}`;
      return e.params.tagValue === undefined ? `is required (${expected})` : `must be ${expected}`;
    }
    case 'oneOf':
      return e.params.passingSchemas
        ? 'must match only one of the allowed shapes'
        : 'must match one of the allowed shapes';
    case 'anyOf':
      return 'must match one of the allowed shapes';
    case 'not':
    case 'false schema':
      return 'is not allowed here';
    case 'if':
      // The failing `then` or `else` says what is wrong.
      return undefined;
    case 'type':
      if (coerced && Array.isArray(e.data) && e.params.type !== 'array') {
        return `must be given once, as ${describe(parent, e.keyword)}`;
      }
      return `must be ${describe(parent, e.keyword)}`;
    default:
      return `must be ${describe(parent, e.keyword)}`;
  }
}

/**
 * Turns the errors of a compiled validator into issues: one per place (the first thing found wrong
 * there), in the order found, at most {@link MAX_ISSUES}. `coerced` marks inputs made of strings (parameters, form bodies),
 * where an array stands for a repeated parameter.
 */
export function toIssues(
  base: string,
  errors: readonly ErrorObject[],
  coerced: boolean,
  out: Issue[] = [],
): Issue[] {
  // With alternatives (oneOf/anyOf), what each alternative disliked is noise: report the alternative.
  const alternatives = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => ({ at: e.instancePath, schemaPath: e.schemaPath }));
  const seen = new Set(out.map((i) => i.path));
  for (const e of errors) {
    if (out.length >= MAX_ISSUES) {
      break;
    }
    // What a member name failed is said by the `propertyNames` error that follows.
    if (e.propertyName !== undefined) {
      continue;
    }
    if (
      alternatives.some(
        (a) =>
          (e.instancePath === a.at || e.instancePath.startsWith(`${a.at}/`)) &&
          e.schemaPath !== a.schemaPath &&
          e.keyword !== 'oneOf' &&
          e.keyword !== 'anyOf',
      )
    ) {
      continue;
    }
    const expectation = expectationOf(e, coerced);
    if (expectation === undefined) {
      continue;
    }
    const path = pathOf(base, e);
    if (!seen.has(path)) {
      seen.add(path);
      out.push(issue(path, expectation));
    }
  }
  return out;
}
