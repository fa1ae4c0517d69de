/** Compiles schemas into standalone ESM validator modules with Ajv (JSON Schema 2020-12). */
import { _, Ajv2020, type Options } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { isObject, type Json, SpecError } from './operations.js';

/** The base URI the components are registered under; it never appears in a message. */
const SPEC_ID = 'https://spec.neuracraft.invalid/openapi.json';
const ID_BASE = 'https://spec.neuracraft.invalid/v/';

/**
 * How a group of validators treats its input:
 * - `params`: path, query and header parameters and form bodies — strings coerced to the declared types
 *   (and to arrays), defaults filled in;
 * - `body`: JSON request bodies — no coercion, defaults filled in;
 * - `response`: response bodies — checked as they are, never changed.
 */
export type Flavour = 'params' | 'body' | 'response';

const FLAVOURS: Readonly<Record<Flavour, Options>> = {
  params: { coerceTypes: 'array', useDefaults: true },
  body: { useDefaults: true },
  response: {},
};

const SUBSCHEMA = new Set([
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
]);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords that change nothing about what is valid; dropped so the compiled modules stay small. */
const DROPPED = new Set([
  'description',
  'title',
  'example',
  'examples',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
]);

/**
 * Rewrites a schema into what Ajv reads: `#/components/…` references become absolute; annotations are
 * dropped; a `discriminator` loses its `mapping` (Ajv derives it from each branch's `enum`/`const`, and
 * the mapping is checked to agree) and gains `tags`, the values it accepts, for messages, and its
 * schema is typed `object` if it was not.
 */
export function adapt(schema: unknown, components: Json, where: string): unknown {
  if (!isObject(schema)) {
    return schema;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    if (DROPPED.has(key) || key.startsWith('x-')) {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/components/')) {
        throw new SpecError(`${where}: only #/components/… references are supported, not ${value}`);
      }
      out[key] = `${SPEC_ID}${value}`;
    } else if (key === 'discriminator' && isObject(value) && Array.isArray(schema.oneOf)) {
      out[key] = discriminator(value, schema.oneOf, components, where);
      // A discriminator reads a property, so the value is an object (and Ajv's strictTypes asks to say so).
      out.type ??= 'object';
    } else if (SUBSCHEMA.has(key)) {
      out[key] = adapt(value, components, at);
    } else if (SUBSCHEMA_MAP.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, adapt(v, components, `${at}/${k}`)]),
      );
    } else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map((v, i) => adapt(v, components, `${at}/${i}`));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function resolveSchema(components: Json, schema: unknown): Json {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 16; hops++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = isObject(components.schemas) ? components.schemas[name] : undefined;
  }
  return isObject(current) ? current : {};
}

function discriminator(raw: Json, oneOf: unknown[], components: Json, where: string): Json {
  const tagName = raw.propertyName;
  if (typeof tagName !== 'string') {
    throw new SpecError(`${where}/discriminator: needs propertyName`);
  }
  const tags: unknown[] = [];
  const byBranch = new Map<string, unknown>();
  for (const branch of oneOf) {
    const resolved = resolveSchema(components, branch);
    const property = isObject(resolved.properties)
      ? resolveSchema(components, resolved.properties[tagName])
      : {};
    const values = 'const' in property ? [property.const] : Array.isArray(property.enum) ? property.enum : [];
    if (values.length === 0) {
      throw new SpecError(`${where}: every oneOf branch needs an enum or const for "${tagName}"`);
    }
    tags.push(...values);
    if (isObject(branch) && typeof branch.$ref === 'string') {
      for (const v of values) {
        byBranch.set(String(v), branch.$ref);
      }
    }
  }
  if (isObject(raw.mapping)) {
    for (const [tag, ref] of Object.entries(raw.mapping)) {
      if (byBranch.get(tag) !== ref) {
        throw new SpecError(
          `${where}/discriminator/mapping/${tag}: disagrees with the ${JSON.stringify(tag)} of the oneOf branches`,
        );
      }
    }
  }
  return { propertyName: tagName, tags };
}

/** One schema to compile, and the name its validator is exported under. */
export interface Entry {
  readonly name: string;
  readonly schema: Json;
}

const REQUIRE = /require\("([^"]+)"\)/g;

/** Turns the CommonJS `require`s Ajv emits for its runtime helpers into ESM imports. */
function toEsm(code: string): { imports: string[]; code: string } {
  const modules = new Map<string, string>();
  const body = code.replace(REQUIRE, (_match, path: string) => {
    let id = modules.get(path);
    if (id === undefined) {
      id = `runtime${modules.size}`;
      modules.set(path, id);
    }
    return `cjs(${id})`;
  });
  const imports = [...modules].map(([path, id]) => {
    const file = /\.[cm]?js$/.test(path) ? path : `${path}.js`;
    return `import * as ${id} from ${JSON.stringify(file)};`;
  });
  return { imports, code: body };
}

/**
 * Compiles the entries of one flavour into the source of a TypeScript module that exports them as
 * `validators` (an object keyed by entry name). The module imports Ajv's runtime helpers and the
 * formats of ajv-formats, nothing else.
 */
export function compileModule(doc: Json, flavour: Flavour, entries: readonly Entry[]): string {
  const warnings: string[] = [];
  const collect = (...args: unknown[]): void => {
    warnings.push(args.map(String).join(' '));
  };
  const ajv = new Ajv2020({
    ...FLAVOURS[flavour],
    strict: true,
    allErrors: true,
    verbose: true,
    messages: false,
    allowUnionTypes: true,
    discriminator: true,
    logger: { log: collect, warn: collect, error: collect },
    code: { source: true, esm: true, optimize: true, formats: _`fullFormats` },
  });
  addFormats.default(ajv);
  ajv.addVocabulary(['components']);
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = Object.entries(isObject(components.schemas) ? components.schemas : {}).map(
    ([name, schema]) => [name, adapt(schema, components, `#/components/schemas/${name}`)],
  );
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: Object.fromEntries(schemas) } });
  const refs: Record<string, string> = {};
  let source: string;
  try {
    for (const [i, entry] of entries.entries()) {
      const id = `${ID_BASE}${flavour}/${i}`;
      ajv.addSchema({ ...(adapt(entry.schema, components, entry.name) as Json), $id: id });
      refs[`v${i}`] = id;
    }
    source = standalone.default(ajv, refs);
  } catch (error) {
    if (error instanceof SpecError) {
      throw error;
    }
    throw new SpecError(`cannot compile the ${flavour} schemas: ${(error as Error).message}`);
  }
  if (warnings.length > 0) {
    throw new SpecError(
      `the ${flavour} schemas are not strict JSON Schema 2020-12:\n  ${warnings.join('\n  ')}`,
    );
  }
  const { imports, code } = toEsm(
    source.replace(/^"use strict";/, '').replace(/export const (v\d+) =/g, 'const $1 ='),
  );
  const table = entries.map((entry, i) => `  ${JSON.stringify(entry.name)}: v${i},`).join('\n');
  return [
    '// @ts-nocheck',
    "import { fullFormats } from 'ajv-formats/dist/formats.js';",
    ...imports,
    "import type { CompiledValidator } from '../compiled.js';",
    '',
    '// Node hands a CommonJS module to `import *` as its `default`; bundlers hand over its exports.',
    'const cjs = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);',
    code,
    '',
    `/** The ${flavour} validators, by name. */`,
    'export const validators: Readonly<Record<string, CompiledValidator>> = {',
    table,
    '};',
    '',
  ].join('\n');
}
