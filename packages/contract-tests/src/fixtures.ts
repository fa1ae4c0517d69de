import { SetupError, type SuiteContext } from './context.js';
import { createRng, deriveSeed } from './generate/prng.js';
import { generateValue, type Link } from './generate/values.js';
import type { HttpResponse } from './http/client.js';
import { deref, isObject, type OperationSpec, type Schema } from './spec/document.js';
import {
  fillPath,
  type Resource,
  resourceByIdPattern,
  resourceOfId,
  resourcesOfPath,
} from './spec/resources.js';

/** The resources a schema's string members point at, by the pattern of their ids. */
function referencedResources(
  schema: unknown,
  seen = new Set<unknown>(),
  out = new Set<Resource>(),
): Set<Resource> {
  const s = deref(schema);
  if (seen.has(s)) {
    return out;
  }
  seen.add(s);
  if (typeof s.pattern === 'string') {
    const resource = resourceByIdPattern(s.pattern);
    if (resource) {
      out.add(resource);
    }
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const part of Array.isArray(s[key]) ? (s[key] as unknown[]) : []) {
      referencedResources(part, seen, out);
    }
  }
  for (const member of Object.values(isObject(s.properties) ? s.properties : {})) {
    referencedResources(member, seen, out);
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (isObject(s[key])) {
      referencedResources(s[key], seen, out);
    }
  }
  return out;
}

/**
 * The resources the cases act on. Each is made through the spec's own create operation for its
 * collection, with a minimal valid body generated from that operation's schema (members that point
 * at other resources get ids of real ones), and removed through the spec's DELETE at the end.
 */
export class Fixtures {
  private readonly shared = new Map<string, Promise<string>>();
  private readonly tracked: { resource: Resource; id: string }[] = [];
  private readonly trackedIds = new Set<string>();
  private made = 0;

  constructor(
    private readonly ctx: SuiteContext,
    private readonly seed: number,
  ) {}

  /** A link that fills members pointing at resources with ids of shared fixtures. */
  async linkFor(schemas: readonly (Schema | undefined)[], depth = 0): Promise<Link> {
    const ids = new Map<string, string>();
    for (const schema of schemas) {
      if (schema === undefined) {
        continue;
      }
      for (const resource of referencedResources(schema)) {
        if (resource.idPattern !== undefined && depth < 5) {
          ids.set(resource.idPattern, await this.sharedId(resource, depth + 1));
        }
      }
    }
    return (schema) => {
      const id = typeof schema.pattern === 'string' ? ids.get(schema.pattern) : undefined;
      return id === undefined ? undefined : { value: id };
    };
  }

  /** The id of a fixture made once and shared by the cases that only read it. */
  sharedId(resource: Resource, depth = 0): Promise<string> {
    let p = this.shared.get(resource.itemPath);
    if (!p) {
      p = this.freshId(resource, depth);
      this.shared.set(resource.itemPath, p);
    }
    return p;
  }

  /** Makes a new fixture (for a case that may change or delete it) and answers its id. */
  async freshId(resource: Resource, depth = 0): Promise<string> {
    const op = resource.create;
    if (op === undefined) {
      throw new SetupError(`the spec has no create operation for ${resource.collectionPath}`);
    }
    const params = await this.pathParams(op, false, depth + 1);
    const link = await this.linkFor([op.body?.schema], depth + 1);
    const rng = createRng(deriveSeed(this.seed, `fixture ${resource.itemPath} ${this.made++}`));
    const body = op.body && generateValue(op.body.schema, { rng, minimal: true, link });
    const { response } = await this.ctx.must(
      {
        method: op.method,
        path: fillPath(op.path, params),
        headers: this.ctx.adminHeaders(),
        ...(op.body && { body: { type: 'json', value: body } }),
      },
      op.successes,
      `create a fixture for ${resource.itemPath} with ${op.operationId}`,
    );
    const record = response.json as Record<string, unknown> | undefined;
    const id = record?.[resource.param] ?? record?.id;
    if (typeof id !== 'string') {
      throw new SetupError(`${op.operationId} answered no id for ${resource.itemPath}`);
    }
    this.trackId(resource, id);
    return id;
  }

  /** Values for the path parameters of `op`: shared fixtures, or (`fresh`) a new one for the innermost. */
  async pathParams(op: OperationSpec, fresh: boolean, depth = 0): Promise<Record<string, string>> {
    if (depth > 5) {
      throw new SetupError(`fixtures for ${op.path} nest too deep`);
    }
    const resources = resourcesOfPath(op.path);
    const params: Record<string, string> = {};
    for (const [index, resource] of resources.entries()) {
      params[resource.param] =
        fresh && index === resources.length - 1
          ? await this.freshId(resource, depth)
          : await this.sharedId(resource, depth);
    }
    return params;
  }

  private trackId(resource: Resource, id: string): void {
    if (resource.remove !== undefined && !this.trackedIds.has(id)) {
      this.trackedIds.add(id);
      this.tracked.push({ resource, id });
    }
  }

  /** Remembers a resource a case created (a 201 with an `id`), so it is removed at the end. */
  track(response: HttpResponse): void {
    const id = (response.json as { id?: unknown } | undefined)?.id;
    if (response.status !== 201 || typeof id !== 'string') {
      return;
    }
    const resource = resourceOfId(id);
    if (resource) {
      this.trackId(resource, id);
    }
  }

  /** Removes every fixture, newest first; answers what could not be removed. */
  async cleanup(): Promise<string[]> {
    const problems: string[] = [];
    for (const { resource, id } of [...this.tracked].reverse()) {
      const op = resource.remove!;
      try {
        const { response } = await this.ctx.http.send({
          method: op.method,
          path: fillPath(op.path, { [resource.param]: id }),
          headers: this.ctx.adminHeaders(),
        });
        if (response.status >= 300 && response.status !== 404) {
          problems.push(`remove ${id}: ${op.method.toUpperCase()} ${op.path} → ${response.status}`);
        }
      } catch (error) {
        problems.push(`remove ${id}: ${(error as Error).message}`);
      }
    }
    return problems;
  }
}
