import { allOperations, flatten, isObject, type OperationSpec, responseFor } from './document.js';

/**
 * A resource the API lets a caller create and address by id: found from the paths alone, so a new
 * resource is covered the moment the spec describes it.
 */
export interface Resource {
  /** `/v1/pipelines/{id}` */
  readonly itemPath: string;
  /** `/v1/pipelines` */
  readonly collectionPath: string;
  /** The path parameter that names one (`id`). */
  readonly param: string;
  /** The spec's own create operation for it: a POST on the collection (or on a collection of that name). */
  readonly create: OperationSpec | undefined;
  /** GET on the item. */
  readonly read: OperationSpec | undefined;
  /** DELETE on the item: how fixtures are cleaned up. */
  readonly remove: OperationSpec | undefined;
  /** The `pattern` of the `id` member of the resource as the API answers it. */
  readonly idPattern: string | undefined;
}

const segments = (path: string) => path.split('/').filter(Boolean);
const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

function find(method: string, path: string): OperationSpec | undefined {
  return allOperations().find((op) => op.method === method && op.path === path);
}

function creatorOf(collectionPath: string, itemPath: string): OperationSpec | undefined {
  const direct = find('post', collectionPath);
  if (direct) {
    return direct;
  }
  // A collection with no POST of its own (`/v1/executions`) is fed by a POST on a collection of the
  // same name elsewhere (`/v1/workflows/{id}/executions`).
  const name = segments(collectionPath).at(-1);
  return allOperations().find(
    (op) =>
      op.method === 'post' &&
      segments(op.path).at(-1) === name &&
      op.path !== collectionPath &&
      !op.path.startsWith(`${itemPath}/`) &&
      op.successes.includes(201),
  );
}

function idPatternOf(...ops: (OperationSpec | undefined)[]): string | undefined {
  for (const op of ops) {
    if (op === undefined) {
      continue;
    }
    for (const status of op.successes) {
      const schema = responseFor(op, status)?.content.get('application/json');
      if (schema === undefined) {
        continue;
      }
      const id = flatten(schema).properties;
      const member = isObject(id) ? flatten(id.id as Record<string, unknown>) : undefined;
      if (member && typeof member.pattern === 'string') {
        return member.pattern;
      }
    }
  }
  return undefined;
}

let catalog: Map<string, Resource> | undefined;

/** Every resource of the spec, by item path. */
export function resources(): ReadonlyMap<string, Resource> {
  if (catalog) {
    return catalog;
  }
  catalog = new Map();
  for (const op of allOperations()) {
    const parts = segments(op.path);
    parts.forEach((segment, index) => {
      if (!isParam(segment)) {
        return;
      }
      const itemPath = `/${parts.slice(0, index + 1).join('/')}`;
      if (catalog!.has(itemPath)) {
        return;
      }
      const collectionPath = `/${parts.slice(0, index).join('/')}`;
      const read = find('get', itemPath);
      const create = creatorOf(collectionPath, itemPath);
      catalog!.set(itemPath, {
        itemPath,
        collectionPath,
        param: segment.slice(1, -1),
        create,
        read,
        remove: find('delete', itemPath),
        idPattern: idPatternOf(read, create),
      });
    });
  }
  return catalog;
}

/** The resources an operation's path parameters name, outermost first. */
export function resourcesOfPath(path: string): Resource[] {
  const parts = segments(path);
  const out: Resource[] = [];
  parts.forEach((segment, index) => {
    if (isParam(segment)) {
      const resource = resources().get(`/${parts.slice(0, index + 1).join('/')}`);
      if (resource) {
        out.push(resource);
      }
    }
  });
  return out;
}

/** The resource whose ids have this exact pattern (a `pipeline_id` member points at pipelines). */
export const resourceByIdPattern = (pattern: string): Resource | undefined =>
  [...resources().values()].find((r) => r.idPattern === pattern && r.create !== undefined);

/** The resource an id belongs to, by the pattern of its ids. */
export const resourceOfId = (id: string): Resource | undefined =>
  [...resources().values()].find((r) => r.idPattern !== undefined && new RegExp(r.idPattern, 'u').test(id));

/** Fills the `{param}`s of a path, percent-encoding each value. */
export const fillPath = (path: string, params: Readonly<Record<string, string>>): string =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
