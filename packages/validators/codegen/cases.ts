/**
 * Test cases derived from the spec, so that every operation — a new one too — is covered: a valid
 * request built from the spec's examples, and invalid ones each expected to fail at exactly one place.
 */
import { isObject, type Json, type Location, type MediaModel, type OperationModel } from './operations.js';

/** A request input as the validators take it. */
export interface RequestCase {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}

/** An input expected to fail, and the one issue path it must fail at. */
export interface InvalidCase {
  readonly name: string;
  readonly input: RequestCase;
  readonly path: string;
}

const INPUT_KEY: Readonly<Record<Location, 'params' | 'query' | 'headers'>> = {
  path: 'params',
  query: 'query',
  header: 'headers',
};

/** Follows `#/components/schemas/…` references. */
export function resolve(doc: Json, schema: unknown): Json {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 16; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), doc);
  }
  return isObject(current) ? current : {};
}

const typesOf = (s: Json): string[] =>
  Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];

const escapeSegment = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Required members of an object schema, its `allOf` parts included. */
export function requiredOf(doc: Json, schema: unknown): string[] {
  const s = resolve(doc, schema);
  const own = Array.isArray(s.required) ? (s.required as string[]) : [];
  const parts = Array.isArray(s.allOf) ? s.allOf.flatMap((part) => requiredOf(doc, part)) : [];
  return [...new Set([...own, ...parts])];
}

/** As a server reads a parameter: a string (a list for an array). */
function asParameter(value: unknown): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

/** A valid request of the operation, from the examples of its parameters and body. */
export function validRequest(op: OperationModel): RequestCase {
  const input: RequestCase = {};
  for (const [location, model] of Object.entries(op.params) as [
    Location,
    OperationModel['params'][Location],
  ][]) {
    if (model === null) {
      continue;
    }
    const values: Record<string, string | string[]> = {};
    const required = (model.schema.required ?? []) as string[];
    for (const name of model.names) {
      if (name in model.example) {
        values[name] = asParameter(model.example[name]);
      } else if (required.includes(name)) {
        throw new Error(
          `${op.operationId}: parameter ${location}:${name} is required but has no example in the spec`,
        );
      }
    }
    (input as Record<string, unknown>)[INPUT_KEY[location]] = values;
  }
  const media = op.body?.media[0];
  if (media !== undefined) {
    const example = media.examples[0];
    if (example === undefined && op.body?.required) {
      throw new Error(`${op.operationId}: the request body is required but has no example in the spec`);
    }
    if (example !== undefined) {
      input.headers = { ...input.headers, 'content-type': media.mediaType };
      input.body = structuredClone(example.value);
    }
  }
  return input;
}

/** Values the schema rejects, each expected to fail at the value's own place (or `suffix` below it). */
export function invalidValues(
  doc: Json,
  schema: unknown,
  coerced: boolean,
  sample?: unknown,
): { value: unknown; suffix: string; why: string }[] {
  const s = resolve(doc, schema);
  const types = typesOf(s);
  const out: { value: unknown; suffix: string; why: string }[] = [];
  const add = (why: string, value: unknown, suffix = ''): void => {
    out.push({ value, suffix, why });
  };
  if (isObject(s.discriminator) && typeof s.discriminator.propertyName === 'string') {
    add(
      'unknown discriminator value',
      { [s.discriminator.propertyName]: 'no-such-kind' },
      `/${s.discriminator.propertyName}`,
    );
  }
  if (!coerced && types.length > 0) {
    const candidates: [string, unknown][] = [
      ['number', 12345.5],
      ['string', 'text'],
      ['boolean', true],
      ['array', []],
      ['object', {}],
    ];
    const allowed = (t: string): boolean =>
      types.includes(t) ||
      (t === 'number' && types.includes('integer')) ||
      (t === 'object' && types.includes('null'));
    const wrong = candidates.find(([t]) => !allowed(t));
    if (wrong !== undefined) {
      add(`a ${wrong[0]}`, wrong[1]);
    }
  }
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) {
    add('a value outside the enum', 'no-such-value');
  }
  if (types.includes('string') && !Array.isArray(s.enum)) {
    if (typeof s.maxLength === 'number') {
      add('too long', 'x'.repeat(s.maxLength + 1));
    }
    if (typeof s.minLength === 'number' && s.minLength > 0) {
      add('empty', '');
    }
    if (typeof s.pattern === 'string' || typeof s.format === 'string') {
      add('malformed', '\u0001 not this');
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    if (coerced) {
      add('not a number', 'abc');
    } else if (types.includes('integer')) {
      add('a fraction', 1.5);
    }
    if (typeof s.maximum === 'number') {
      add('above the maximum', coerced ? String(s.maximum + 1) : s.maximum + 1);
    }
    if (typeof s.minimum === 'number') {
      add('below the minimum', coerced ? String(s.minimum - 1) : s.minimum - 1);
    }
  }
  if (types.includes('boolean') && coerced) {
    add('not a boolean', 'maybe');
  }
  if (types.includes('array')) {
    const items = resolve(doc, s.items);
    if (s.uniqueItems === true && Array.isArray(items.enum) && !coerced) {
      add('a repeated item', [items.enum[0], items.enum[0]]);
    }
    if (typeof s.maxItems === 'number' && Array.isArray(sample) && sample.length > 0 && !coerced) {
      add(
        'too many items',
        Array.from({ length: s.maxItems + 1 }, () => sample[0]),
      );
    }
    if (typeof s.minItems === 'number' && s.minItems > 0 && !coerced) {
      add('too few items', []);
    }
    if (Array.isArray(items.enum) && !coerced) {
      add('an item outside the enum', ['no-such-value'], '/0');
    }
  }
  if (types.includes('object') && !coerced) {
    if (s.additionalProperties === false) {
      add('an unknown member', { no_such_member: 1 }, '/no_such_member');
    }
    if (typeof s.maxProperties === 'number') {
      add(
        'too many members',
        Object.fromEntries(Array.from({ length: s.maxProperties + 1 }, (_, i) => [`m${i}`, 1])),
      );
    }
    if (isObject(s.propertyNames) && typeof s.propertyNames.maxLength === 'number') {
      const long = 'k'.repeat(s.propertyNames.maxLength + 1);
      add('a member name too long', { [long]: 1 }, `/${long}`);
    }
  }
  return out;
}

function bodyCases(doc: Json, op: OperationModel, valid: RequestCase, media: MediaModel): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const form = media.mediaType === 'application/x-www-form-urlencoded';
  const schema = resolve(doc, media.schema);
  const example = valid.body;
  const withBody = (body: unknown): RequestCase => ({ ...valid, body });
  if (op.body?.required) {
    cases.push({ name: 'body missing', input: withBody(undefined), path: '/body' });
  }
  cases.push({ name: 'body not an object', input: withBody(form ? 'text' : ['text']), path: '/body' });
  if (!isObject(example)) {
    return cases;
  }
  for (const name of requiredOf(doc, schema)) {
    const { [name]: _dropped, ...rest } = example;
    cases.push({ name: `body without ${name}`, input: withBody(rest), path: `/body/${escapeSegment(name)}` });
  }
  if (schema.additionalProperties === false) {
    cases.push({
      name: 'body with an unknown member',
      input: withBody({ ...example, no_such_member: 'x' }),
      path: '/body/no_such_member',
    });
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (form) {
      cases.push({
        name: `body/${name} repeated`,
        input: withBody({ ...example, [name]: ['one', 'two'] }),
        path: `/body/${escapeSegment(name)}`,
      });
    }
    for (const { value, suffix, why } of invalidValues(doc, property, form, example[name])) {
      cases.push({
        name: `body/${name} ${why}`,
        input: withBody({ ...example, [name]: value }),
        path: `/body/${escapeSegment(name)}${suffix}`,
      });
    }
  }
  return cases;
}

/** Requests of the operation that must fail, each at exactly one place. */
export function invalidRequests(doc: Json, op: OperationModel): InvalidCase[] {
  const valid = validRequest(op);
  const cases: InvalidCase[] = [];
  for (const [location, model] of Object.entries(op.params) as [
    Location,
    OperationModel['params'][Location],
  ][]) {
    if (model === null) {
      continue;
    }
    const key = INPUT_KEY[location];
    const base = valid[key] ?? {};
    const properties = model.schema.properties as Json;
    for (const name of model.names) {
      const at = `/${key}/${escapeSegment(name)}`;
      if (((model.schema.required ?? []) as string[]).includes(name)) {
        const { [name]: _dropped, ...rest } = base;
        cases.push({ name: `${key}/${name} missing`, input: { ...valid, [key]: rest }, path: at });
      }
      for (const { value, why } of invalidValues(doc, properties[name], true)) {
        cases.push({
          name: `${key}/${name} ${why}`,
          input: { ...valid, [key]: { ...base, [name]: value } },
          path: at,
        });
      }
    }
  }
  const media = op.body?.media[0];
  if (op.body === null) {
    for (const body of [{}, 'text', []]) {
      cases.push({
        name: `a body (${JSON.stringify(body)}) where none is taken`,
        input: { ...valid, body },
        path: '/body',
      });
    }
  } else if (media !== undefined) {
    const withExample = valid.body === undefined ? { ...valid, body: {} } : valid;
    cases.push(...bodyCases(doc, op, withExample, media));
  }
  return cases;
}

/** A status code that selects the response keyed `key` (`200`, `4XX`, `default`) and no other. */
export function statusFor(key: string, documented: readonly string[]): number {
  if (/^\d{3}$/.test(key)) {
    return Number(key);
  }
  const first = key === 'default' ? 100 : Number(key.charAt(0)) * 100;
  const last = key === 'default' ? 599 : first + 99;
  for (let status = first; status <= last; status++) {
    const code = String(status);
    if (!documented.includes(code) && !(key === 'default' && documented.includes(`${code.charAt(0)}XX`))) {
      return status;
    }
  }
  throw new Error(`no status selects the response ${key}`);
}

/**
 * Places of a schema that let a client send (or a server return) unbounded data: a string without
 * `maxLength` (or `enum`), an array without `maxItems`, and — in a write body — an object that neither
 * refuses unknown members (`additionalProperties: false`) nor bounds them (`maxProperties`).
 */
export function unboundedPlaces(
  doc: Json,
  schema: unknown,
  where: string,
  write: boolean,
  seen = new Set<unknown>(),
): string[] {
  if (!isObject(schema)) {
    return [];
  }
  const at = typeof schema.$ref === 'string' ? schema.$ref : where;
  const s = resolve(doc, schema);
  if (seen.has(s)) {
    return [];
  }
  seen.add(s);
  const out: string[] = [];
  const types = typesOf(s);
  if (types.includes('string') && !Array.isArray(s.enum) && typeof s.maxLength !== 'number') {
    out.push(`${at}: a string without maxLength`);
  }
  if (types.includes('array') && typeof s.maxItems !== 'number') {
    out.push(`${at}: an array without maxItems`);
  }
  if (
    write &&
    types.includes('object') &&
    s.additionalProperties !== false &&
    typeof s.maxProperties !== 'number'
  ) {
    out.push(`${at}: an object without additionalProperties: false or maxProperties`);
  }
  const children: [string, unknown][] = [
    ...Object.entries(isObject(s.properties) ? s.properties : {}).map(([k, v]): [string, unknown] => [
      `properties/${k}`,
      v,
    ]),
    ['items', s.items],
    ['additionalProperties', s.additionalProperties],
    ...(['oneOf', 'anyOf', 'allOf'] as const).flatMap((k) =>
      (Array.isArray(s[k]) ? (s[k] as unknown[]) : []).map((v, i): [string, unknown] => [`${k}/${i}`, v]),
    ),
  ];
  for (const [key, child] of children) {
    out.push(...unboundedPlaces(doc, child, `${at}/${key}`, write, seen));
  }
  return out;
}
