import { OPERATIONS, type OperationDescriptor } from '@neuracraft/types';
import { spec } from '@neuracraft/types/spec';

/** A JSON Schema (or any other node of the OpenAPI document), read loosely. */
export type Schema = { readonly [key: string]: unknown };

/** One parameter of an operation, `$ref`s resolved. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Schema;
}

/** One documented response header; `name` as the spec writes it. */
export interface HeaderSpec {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Schema;
}

/** One documented response of an operation. */
export interface ResponseSpec {
  readonly status: string;
  /** By lower-cased name. */
  readonly headers: ReadonlyMap<string, HeaderSpec>;
  /** By media type; empty for a response without a body. */
  readonly content: ReadonlyMap<string, Schema>;
}

/** An operation of the table joined with what the document says of its inputs and outputs. */
export interface OperationSpec extends OperationDescriptor {
  readonly parameters: readonly ParameterSpec[];
  readonly body: { readonly mediaType: string; readonly schema: Schema; readonly required: boolean } | null;
  readonly responseSpecs: ReadonlyMap<string, ResponseSpec>;
  /** Documented 2xx codes, ascending. */
  readonly successes: readonly number[];
}

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a node of the document by JSON pointer (`#/components/schemas/Error`). */
function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) {
    throw new TypeError(`only local references are supported, not ${ref}`);
  }
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isObject(node) ? node[key] : undefined;
  }
  if (node === undefined) {
    throw new TypeError(`dangling reference ${ref}`);
  }
  return node;
}

/** Follows `$ref` until a node that is not a reference. */
export function deref(node: unknown): Schema {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) {
      throw new TypeError('reference cycle');
    }
    current = pointer(current.$ref);
  }
  return isObject(current) ? current : {};
}

/** The component name a `$ref` node points at (`#/components/schemas/Pipeline` → `Pipeline`). */
export const refName = (node: unknown): string | undefined =>
  isObject(node) && typeof node.$ref === 'string' ? node.$ref.split('/').at(-1) : undefined;

function parametersOf(op: OperationDescriptor): ParameterSpec[] {
  const item = deref((spec.paths as Record<string, unknown>)[op.path]);
  const operation = deref(item[op.method]);
  const byKey = new Map<string, ParameterSpec>();
  for (const list of [item.parameters, operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p = deref(raw);
      byKey.set(`${String(p.in)}:${String(p.name)}`, {
        name: String(p.name),
        in: p.in as ParameterSpec['in'],
        required: p.required === true,
        schema: isObject(p.schema) ? p.schema : {},
      });
    }
  }
  return [...byKey.values()];
}

function responsesOf(op: OperationDescriptor): Map<string, ResponseSpec> {
  const operation = deref(deref((spec.paths as Record<string, unknown>)[op.path])[op.method]);
  const out = new Map<string, ResponseSpec>();
  for (const [status, raw] of Object.entries(deref(operation.responses))) {
    const response = deref(raw);
    const headers = new Map<string, HeaderSpec>();
    for (const [name, h] of Object.entries(deref(response.headers))) {
      const header = deref(h);
      headers.set(name.toLowerCase(), {
        name,
        required: header.required === true,
        schema: isObject(header.schema) ? header.schema : {},
      });
    }
    const content = new Map<string, Schema>();
    for (const [media, m] of Object.entries(deref(response.content))) {
      content.set(media, isObject(deref(m).schema) ? (deref(m).schema as Schema) : {});
    }
    out.set(status, { status, headers, content });
  }
  return out;
}

function bodyOf(op: OperationDescriptor): OperationSpec['body'] {
  if (op.requestContentType === null) {
    return null;
  }
  const operation = deref(deref((spec.paths as Record<string, unknown>)[op.path])[op.method]);
  const media = deref(deref(deref(operation.requestBody).content)[op.requestContentType]);
  return {
    mediaType: op.requestContentType,
    schema: isObject(media.schema) ? media.schema : {},
    required: op.requestBodyRequired,
  };
}

const cache = new Map<string, OperationSpec>();

/**
 * The operation `operationId` as the document describes it.
 *
 * @throws {TypeError} when the table has no such operation.
 */
export function operationSpec(operationId: string): OperationSpec {
  const cached = cache.get(operationId);
  if (cached) {
    return cached;
  }
  const op = (OPERATIONS as Readonly<Record<string, OperationDescriptor>>)[operationId];
  if (op === undefined) {
    throw new TypeError(`no operation ${operationId} in the spec`);
  }
  const built: OperationSpec = {
    ...op,
    parameters: parametersOf(op),
    body: bodyOf(op),
    responseSpecs: responsesOf(op),
    successes: op.responses.filter((s) => s >= 200 && s < 300),
  };
  cache.set(operationId, built);
  return built;
}

/** Every operation of the table, in the document's order. */
export const allOperations = (): OperationSpec[] => Object.keys(OPERATIONS).map(operationSpec);

/** The response of `op` documented for `status`: exact, `4XX`-style range, then `default`. */
export const responseFor = (op: OperationSpec, status: number): ResponseSpec | undefined =>
  op.responseSpecs.get(String(status)) ??
  op.responseSpecs.get(`${String(status).charAt(0)}XX`) ??
  op.responseSpecs.get('default');

/** A component schema by name (`Error`). */
export const componentSchema = (name: string): Schema | undefined => {
  const schemas = (spec.components as Record<string, Record<string, unknown>>).schemas ?? {};
  return name in schemas ? deref(schemas[name]) : undefined;
};

/** The types a schema allows (`type` as a list); empty when it does not say. */
export function typesOf(schema: Schema): string[] {
  const s = deref(schema);
  if (Array.isArray(s.type)) {
    return s.type as string[];
  }
  return typeof s.type === 'string' ? [s.type] : [];
}

/**
 * Merges an `allOf` into one object schema (properties, required, additionalProperties: false when
 * any member says so); other schemas are returned dereferenced.
 */
export function flatten(schema: Schema): Schema {
  const s = deref(schema);
  if (!Array.isArray(s.allOf)) {
    return s;
  }
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let additional: unknown;
  const rest: Record<string, unknown> = {};
  for (const part of [s, ...(s.allOf as unknown[]).map((p) => flatten(deref(p)))]) {
    Object.assign(properties, isObject(part.properties) ? part.properties : {});
    for (const name of Array.isArray(part.required) ? (part.required as string[]) : []) {
      required.add(name);
    }
    if (part.additionalProperties !== undefined) {
      additional = part.additionalProperties;
    }
    for (const [k, v] of Object.entries(part)) {
      if (!['allOf', 'properties', 'required', 'additionalProperties'].includes(k)) {
        rest[k] = v;
      }
    }
  }
  return {
    ...rest,
    type: 'object',
    properties,
    required: [...required],
    ...(additional !== undefined && { additionalProperties: additional }),
  };
}

/** The properties of an object schema (after {@link flatten}), dereferenced. */
export function propertiesOf(schema: Schema): [string, Schema][] {
  const s = flatten(schema);
  return Object.entries(isObject(s.properties) ? s.properties : {}).map(([k, v]) => [k, deref(v)]);
}

/** The required member names of an object schema (after {@link flatten}). */
export const requiredOf = (schema: Schema): string[] => {
  const s = flatten(schema);
  return Array.isArray(s.required) ? (s.required as string[]) : [];
};

export { isObject };
