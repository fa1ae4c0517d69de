/** Reads, from a bundled OpenAPI 3.1 document, the schemas each operation's validators check. */

/** Thrown when the document holds something the validators cannot check; the message names the place. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
}

export type Json = Record<string, unknown>;

export type Location = 'path' | 'query' | 'header';

/** The parameters of one location of one operation, as one object schema. */
export interface LocationModel {
  /** Parameter names as the validator sees them: header names lower-cased. */
  readonly names: readonly string[];
  /** Names of array parameters sent as one comma-separated value (`style: simple`, or `form` unexploded). */
  readonly split: readonly string[];
  readonly schema: Json;
  /** The spec's example of each parameter that has one, keyed like `names`, for the tests. */
  readonly example: Readonly<Record<string, unknown>>;
}

export interface MediaModel {
  readonly mediaType: string;
  readonly schema: Json;
  /** Every example of the media type (`example` and each `examples.*.value`), for the tests. */
  readonly examples: readonly { readonly name: string; readonly value: unknown }[];
}

export interface OperationModel {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<Location, LocationModel | null>>;
  readonly body: { readonly required: boolean; readonly media: readonly MediaModel[] } | null;
  /** Keyed by status as written in the spec (`200`, `4XX`, `default`); `[]` media for a response without body. */
  readonly responses: Readonly<Record<string, readonly MediaModel[]>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOCATIONS: readonly Location[] = ['path', 'query', 'header'];

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `#/components/...` references of non-schema objects (parameters, request bodies, responses). */
function deref(doc: Json, value: unknown, where: string): Json {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || hops > 16) {
      throw new SpecError(`${where}: cannot follow $ref ${JSON.stringify(ref)}`);
    }
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), doc);
  }
  if (!isObject(current)) {
    throw new SpecError(`${where}: expected an object`);
  }
  return current;
}

/** The schema a `$ref` or inline schema stands for, following schema references (for style decisions only). */
function schemaType(doc: Json, schema: Json, where: string): unknown {
  return typeof schema.$ref === 'string' ? deref(doc, schema, where).type : schema.type;
}

function examplesOf(media: Json): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  if ('example' in media) {
    out.push({ name: 'example', value: media.example });
  }
  if (isObject(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      if (isObject(example) && 'value' in example) {
        out.push({ name, value: example.value });
      }
    }
  }
  return out;
}

function mediaOf(doc: Json, content: unknown, where: string): MediaModel[] {
  if (content === undefined) {
    return [];
  }
  if (!isObject(content)) {
    throw new SpecError(`${where}.content: expected an object`);
  }
  return Object.entries(content).map(([mediaType, raw]) => {
    const media = deref(doc, raw, `${where}.content.${mediaType}`);
    if (!isObject(media.schema)) {
      throw new SpecError(`${where}.content.${mediaType}: has no schema`);
    }
    return { mediaType: mediaType.toLowerCase(), schema: media.schema, examples: examplesOf(media) };
  });
}

function paramsOf(doc: Json, pathItem: Json, operation: Json, where: string): OperationModel['params'] {
  const byKey = new Map<string, Json>();
  const list = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ];
  for (const [i, raw] of list.entries()) {
    const param = deref(doc, raw, `${where}.parameters[${i}]`);
    if (typeof param.name !== 'string' || typeof param.in !== 'string') {
      throw new SpecError(`${where}.parameters[${i}]: needs "name" and "in"`);
    }
    // An operation's parameter overrides the path item's of the same name and location.
    byKey.set(`${param.in}:${param.in === 'header' ? param.name.toLowerCase() : param.name}`, param);
  }
  const result: Record<Location, LocationModel | null> = { path: null, query: null, header: null };
  for (const location of LOCATIONS) {
    const params = [...byKey.values()].filter((p) => p.in === location);
    if (params.length === 0) {
      continue;
    }
    const properties: Json = {};
    const required: string[] = [];
    const split: string[] = [];
    const example: Json = {};
    for (const param of params) {
      const name = location === 'header' ? String(param.name).toLowerCase() : String(param.name);
      const at = `${where} parameter ${location}:${name}`;
      if (!isObject(param.schema)) {
        throw new SpecError(`${at}: only parameters with a "schema" are supported`);
      }
      properties[name] = param.schema;
      const first = examplesOf(param)[0];
      if (first !== undefined) {
        example[name] = first.value;
      }
      if (param.required === true || location === 'path') {
        required.push(name);
      }
      const style = param.style ?? (location === 'query' ? 'form' : 'simple');
      const explode = param.explode ?? style === 'form';
      if (style !== 'simple' && style !== 'form') {
        throw new SpecError(`${at}: style ${JSON.stringify(style)} is not supported`);
      }
      if (schemaType(doc, param.schema, at) === 'array' && (style === 'simple' || explode === false)) {
        split.push(name);
      }
    }
    const schema: Json = { type: 'object', properties };
    if (required.length > 0) {
      schema.required = required;
    }
    result[location] = { names: Object.keys(properties), split, schema, example };
  }
  for (const param of byKey.values()) {
    if (!LOCATIONS.includes(param.in as Location)) {
      throw new SpecError(`${where}: ${String(param.in)} parameter ${String(param.name)} is not supported`);
    }
  }
  return result;
}

/** Every operation of the document, in document order, with the schemas of its inputs and outputs. */
export function readOperations(doc: Json): OperationModel[] {
  if (!isObject(doc.paths)) {
    throw new SpecError('the document has no paths');
  }
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const pathItem = deref(doc, rawItem, `paths.${path}`);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) {
        continue;
      }
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== 'string') {
        throw new SpecError(`${where}: has no operationId`);
      }
      let body: OperationModel['body'] = null;
      if (operation.requestBody !== undefined) {
        const requestBody = deref(doc, operation.requestBody, `${where} requestBody`);
        body = {
          required: requestBody.required === true,
          media: mediaOf(doc, requestBody.content, `${where} requestBody`),
        };
      }
      const responses: Record<string, MediaModel[]> = {};
      for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const response = deref(doc, raw, `${where} response ${status}`);
        responses[status.toUpperCase() === 'DEFAULT' ? 'default' : status.toUpperCase()] = mediaOf(
          doc,
          response.content,
          `${where} response ${status}`,
        );
      }
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        params: paramsOf(doc, pathItem, operation, where),
        body,
        responses,
      });
    }
  }
  return operations;
}
