import {
  deref,
  flatten,
  isObject,
  propertiesOf,
  requiredOf,
  type Schema,
  typesOf,
} from '../spec/document.js';
import type { Rng } from './prng.js';
import { stringMatching } from './regex.js';

/**
 * Supplies a value for a schema node instead of generating one: ids of resources that exist, the
 * suite's own client credentials. `at` is the path of member names from the root.
 */
export type Link = (schema: Schema, at: readonly string[]) => { readonly value: unknown } | undefined;

/** How to generate. */
export interface GenerateOptions {
  readonly rng: Rng;
  /**
   * Only what the schema requires, with small, plain values — for fixtures and the requests of the
   * success cases. Default: `false` (optional members, lengths and edge values at random).
   */
  readonly minimal?: boolean;
  readonly link?: Link;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const EXOTIC = [' ', '-', '_', '.', 'é', 'ß', '中', '😀', "'", '"', '<', '&', '\\', '/', '%'];
const MAX_DEPTH = 6;

function randomText(rng: Rng, length: number, plain: boolean): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += !plain && rng.chance(0.1) ? rng.pick(EXOTIC) : ALNUM[rng.int(0, ALNUM.length - 1)];
  }
  return out;
}

function lengthBetween(rng: Rng, min: number, max: number, minimal: boolean): number {
  if (minimal) {
    return Math.min(max, Math.max(min, 8));
  }
  const roll = rng.next();
  if (roll < 0.15) {
    return min;
  }
  if (roll < 0.3 && Number.isFinite(max)) {
    return max;
  }
  return rng.int(min, Math.min(max, min + 16));
}

function formatted(format: string, rng: Rng): string | undefined {
  switch (format) {
    case 'date-time': {
      const at = new Date(Date.now() + rng.int(1, 365 * 24) * 3_600_000);
      return `${at.toISOString().slice(0, 19)}Z`;
    }
    case 'date':
      return new Date(Date.now() + rng.int(1, 365) * 86_400_000).toISOString().slice(0, 10);
    case 'email':
      return `${randomText(rng, rng.int(1, 12), true).toLowerCase()}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${randomText(rng, rng.int(0, 12), true)}`;
    case 'json-pointer':
      return rng.pick(['', '/name', '/steps/0/uses', '/a~1b']);
    case 'uuid':
      return crypto.randomUUID();
    default:
      return undefined;
  }
}

function freeJson(rng: Rng, depth: number): unknown {
  const roll = rng.int(0, depth > 2 ? 3 : 5);
  switch (roll) {
    case 0:
      return randomText(rng, rng.int(0, 12), false);
    case 1:
      return rng.chance(0.5) ? rng.int(-1000, 1000) : rng.next() * 1000;
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: rng.int(0, 3) }, () => freeJson(rng, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(0, 3); i > 0; i--) {
        out[randomText(rng, rng.int(1, 8), true)] = freeJson(rng, depth + 1);
      }
      return out;
    }
  }
}

function generateString(s: Schema, o: GenerateOptions): string {
  const { rng } = o;
  const minimal = o.minimal === true;
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Number.POSITIVE_INFINITY;
  if (Array.isArray(s.examples) && s.examples.length > 0 && (minimal || rng.chance(0.5))) {
    return String(minimal ? s.examples[0] : rng.pick(s.examples));
  }
  if (typeof s.pattern === 'string') {
    return stringMatching(s.pattern, rng, { minLength: min, maxLength: max, unique: minimal });
  }
  if (typeof s.format === 'string') {
    const value = formatted(s.format, rng);
    if (value !== undefined && value.length <= max) {
      return value;
    }
  }
  return randomText(rng, lengthBetween(rng, min, max, minimal), minimal);
}

function generateNumber(s: Schema, o: GenerateOptions, integer: boolean): number {
  const { rng } = o;
  const lo =
    typeof s.minimum === 'number'
      ? s.minimum
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + 1
        : undefined;
  const hi =
    typeof s.maximum === 'number'
      ? s.maximum
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - 1
        : undefined;
  const min = lo ?? (hi === undefined ? -1000 : hi - 1000);
  const max = hi ?? min + 1000;
  if (o.minimal) {
    return typeof s.default === 'number' ? s.default : min;
  }
  const roll = rng.next();
  const value =
    roll < 0.15 ? min : roll < 0.3 ? max : integer ? rng.int(min, max) : min + rng.next() * (max - min);
  return integer ? Math.round(value) : value;
}

function generateArray(s: Schema, o: GenerateOptions, at: readonly string[], depth: number): unknown[] {
  const { rng } = o;
  const minItems = typeof s.minItems === 'number' ? s.minItems : 0;
  const maxItems = typeof s.maxItems === 'number' ? s.maxItems : minItems + 5;
  const count = o.minimal
    ? minItems
    : rng.chance(0.1)
      ? maxItems
      : rng.int(minItems, Math.min(maxItems, minItems + 3));
  const items = deref(s.items);
  if (s.uniqueItems === true && Array.isArray(items.enum)) {
    return rng.sample(items.enum as unknown[], count);
  }
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count && attempt < count * 4 + 4; attempt++) {
    const value = generateAt(items, o, [...at, String(out.length)], depth + 1);
    const key = JSON.stringify(value);
    if (s.uniqueItems === true && seen.has(key)) {
      continue;
    }
    seen.add(key);
    out.push(value);
  }
  return out;
}

function generateObject(schema: Schema, o: GenerateOptions, at: readonly string[], depth: number) {
  const { rng } = o;
  const s = flatten(schema);
  const required = new Set(requiredOf(s));
  const properties = propertiesOf(s);
  const minProperties = typeof s.minProperties === 'number' ? s.minProperties : 0;
  const maxProperties = typeof s.maxProperties === 'number' ? s.maxProperties : Number.POSITIVE_INFINITY;
  const out: Record<string, unknown> = {};
  const optional = properties.filter(([name]) => !required.has(name));
  const chosen = new Set(properties.filter(([name]) => required.has(name)).map(([name]) => name));
  for (const [name] of optional) {
    if (!o.minimal && depth < MAX_DEPTH && rng.chance(0.5)) {
      chosen.add(name);
    }
  }
  for (const [name] of rng.sample(optional, optional.length)) {
    if (chosen.size >= minProperties) {
      break;
    }
    chosen.add(name);
  }
  for (const [name, member] of properties) {
    if (chosen.has(name) && Object.keys(out).length < maxProperties) {
      out[name] = generateAt(member, o, [...at, name], depth + 1);
    }
  }
  const additional = s.additionalProperties;
  const open =
    additional === true || isObject(additional) || (additional === undefined && properties.length === 0);
  if (open && !o.minimal && depth < MAX_DEPTH) {
    const names = deref(s.propertyNames);
    for (let i = rng.int(0, 3); i > 0 && Object.keys(out).length < maxProperties; i--) {
      const name = typesOf(names).includes('string')
        ? generateString(names, o)
        : randomText(rng, rng.int(1, 8), true);
      if (name !== '' && !(name in out) && !properties.some(([p]) => p === name)) {
        out[name] = isObject(additional)
          ? generateAt(additional, o, [...at, name], depth + 1)
          : freeJson(rng, depth);
      }
    }
  }
  return out;
}

function generateAt(schema: unknown, o: GenerateOptions, at: readonly string[], depth: number): unknown {
  const s = deref(schema);
  const linked = o.link?.(s, at);
  if (linked !== undefined) {
    return linked.value;
  }
  const { rng } = o;
  if ('const' in s) {
    return s.const;
  }
  if (Array.isArray(s.enum)) {
    return o.minimal ? s.enum[0] : rng.pick(s.enum);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key])) {
      const options = s[key] as unknown[];
      return generateAt(o.minimal ? options[0] : rng.pick(options), o, at, depth);
    }
  }
  let types = typesOf(s);
  if (types.length === 0) {
    types =
      Array.isArray(s.allOf) || isObject(s.properties) ? ['object'] : isObject(s.items) ? ['array'] : [];
  }
  if (types.length === 0) {
    return freeJson(rng, depth);
  }
  const nonNull = types.filter((t) => t !== 'null');
  const type =
    nonNull.length === 0 || (!o.minimal && types.includes('null') && rng.chance(0.15))
      ? 'null'
      : o.minimal
        ? nonNull[0]!
        : rng.pick(nonNull);
  switch (type) {
    case 'null':
      return null;
    case 'string':
      return generateString(s, o);
    case 'integer':
      return generateNumber(s, o, true);
    case 'number':
      return generateNumber(s, o, false);
    case 'boolean':
      return o.minimal ? (typeof s.default === 'boolean' ? s.default : true) : rng.chance(0.5);
    case 'array':
      return generateArray(s, o, at, depth);
    default:
      return generateObject(s, o, at, depth);
  }
}

/**
 * Generates a value that is valid against a JSON Schema of the spec (`$ref`, `allOf`, `oneOf`,
 * `enum`, `const`, string lengths, patterns and formats, number bounds, arrays with `uniqueItems`,
 * objects with `required`, `minProperties` and `additionalProperties`).
 *
 * @example
 * ```ts
 * const body = generateValue(componentSchema('PipelineCreate')!, { rng: createRng(42), minimal: true });
 * // → { name: 'aB3dE5fG' }
 * ```
 */
export function generateValue(schema: Schema, options: GenerateOptions): unknown {
  return generateAt(schema, options, [], 0);
}
