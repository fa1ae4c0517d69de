import type { HttpMethod, OperationDescriptor, SecuritySchemeDescriptor } from '../src/operation.js';

/** Thrown when a spec cannot be turned into an operation table; the message names the offending place. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
}

type Json = Record<string, unknown>;

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What the generator extracts from a bundled OpenAPI 3.1 document. */
export interface SecurityModel {
  readonly schemes: Readonly<Record<string, SecuritySchemeDescriptor>>;
  readonly scopes: readonly { readonly name: string; readonly description: string }[];
  readonly operations: readonly OperationDescriptor[];
  readonly errorCodes: readonly string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function schemeOf(name: string, raw: unknown): SecuritySchemeDescriptor {
  if (!isObject(raw)) {
    throw new SpecError(`components.securitySchemes.${name} is not an object`);
  }
  switch (raw.type) {
    case 'apiKey': {
      const where = raw.in;
      if ((where !== 'header' && where !== 'query' && where !== 'cookie') || typeof raw.name !== 'string') {
        throw new SpecError(`components.securitySchemes.${name}: an apiKey scheme needs "in" and "name"`);
      }
      return { type: 'apiKey', in: where, name: raw.name };
    }
    case 'oauth2': {
      const flows = isObject(raw.flows) ? raw.flows : {};
      const scopes = new Set<string>();
      let tokenUrl: string | null = null;
      for (const flow of Object.values(flows)) {
        if (!isObject(flow)) {
          continue;
        }
        if (typeof flow.tokenUrl === 'string') {
          tokenUrl ??= flow.tokenUrl;
        }
        for (const scope of Object.keys(isObject(flow.scopes) ? flow.scopes : {})) {
          scopes.add(scope);
        }
      }
      return { type: 'oauth2', tokenUrl, scopes: [...scopes] };
    }
    case 'http':
      return { type: 'http', scheme: String(raw.scheme ?? '') };
    case 'openIdConnect':
    case 'mutualTLS':
      return { type: raw.type };
    default:
      throw new SpecError(`components.securitySchemes.${name}: unknown type ${JSON.stringify(raw.type)}`);
  }
}

function scopesOf(schemes: Record<string, unknown>): { name: string; description: string }[] {
  const seen = new Map<string, string>();
  for (const raw of Object.values(schemes)) {
    if (!isObject(raw) || raw.type !== 'oauth2' || !isObject(raw.flows)) {
      continue;
    }
    for (const flow of Object.values(raw.flows)) {
      if (!isObject(flow) || !isObject(flow.scopes)) {
        continue;
      }
      for (const [scope, description] of Object.entries(flow.scopes)) {
        if (!seen.has(scope)) {
          seen.set(scope, String(description));
        }
      }
    }
  }
  return [...seen].map(([name, description]) => ({ name, description }));
}

/**
 * Reads security schemes, scopes and every operation's effective security from a bundled document.
 * An operation without `security` inherits the root-level one; `security: []` makes it public.
 *
 * @throws {SpecError} on a reference to an undeclared scheme or scope, a missing or duplicate
 *   operationId, or a malformed security requirement.
 */
export function readSecurityModel(doc: unknown): SecurityModel {
  if (!isObject(doc)) {
    throw new SpecError('the document is not an object');
  }
  const components = isObject(doc.components) ? doc.components : {};
  const rawSchemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const schemes: Record<string, SecuritySchemeDescriptor> = {};
  for (const [name, raw] of Object.entries(rawSchemes)) {
    schemes[name] = schemeOf(name, raw);
  }
  const scopes = scopesOf(rawSchemes);
  const knownScopes = new Set(scopes.map((s) => s.name));

  const rootSecurity = doc.security;
  const operations: OperationDescriptor[] = [];
  const ids = new Set<string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) {
      continue;
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) {
        continue;
      }
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = op.operationId;
      if (typeof operationId !== 'string' || operationId === '') {
        throw new SpecError(`${where}: operationId is missing`);
      }
      if (ids.has(operationId)) {
        throw new SpecError(`${where}: operationId "${operationId}" is used twice`);
      }
      ids.add(operationId);
      const security = readRequirements(op.security ?? rootSecurity ?? [], where, schemes, knownScopes);
      const body = isObject(op.requestBody) ? op.requestBody : null;
      const content = body && isObject(body.content) ? Object.keys(body.content) : [];
      operations.push({
        operationId,
        method,
        path,
        summary: typeof op.summary === 'string' ? op.summary : '',
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        security,
        requestContentType: content[0] ?? null,
        requestBodyRequired: body?.required === true,
        responses: Object.keys(isObject(op.responses) ? op.responses : {})
          .filter((code) => /^\d{3}$/.test(code))
          .map(Number)
          .sort((a, b) => a - b),
        showsSecret: op['x-shows-secret'] === true,
      });
    }
  }

  const errorSchema = isObject(components.schemas) ? components.schemas.ErrorCode : undefined;
  const errorCodes =
    isObject(errorSchema) && Array.isArray(errorSchema.enum) ? errorSchema.enum.map(String) : [];
  return { schemes, scopes, operations, errorCodes };
}

function readRequirements(
  raw: unknown,
  where: string,
  schemes: Record<string, SecuritySchemeDescriptor>,
  knownScopes: ReadonlySet<string>,
): Record<string, string[]>[] {
  if (!Array.isArray(raw)) {
    throw new SpecError(`${where}: security must be a list of requirement objects`);
  }
  return raw.map((alternative, i) => {
    if (!isObject(alternative)) {
      throw new SpecError(`${where}: security[${i}] is not an object`);
    }
    const requirement: Record<string, string[]> = {};
    for (const [scheme, scopes] of Object.entries(alternative)) {
      if (!(scheme in schemes)) {
        throw new SpecError(
          `${where}: security scheme "${scheme}" is not declared in components.securitySchemes`,
        );
      }
      if (!Array.isArray(scopes)) {
        throw new SpecError(`${where}: security[${i}].${scheme} must be a list of scopes`);
      }
      for (const scope of scopes) {
        if (typeof scope !== 'string' || !knownScopes.has(scope)) {
          throw new SpecError(
            `${where}: scope ${JSON.stringify(scope)} of scheme "${scheme}" is not declared by any oauth2 flow`,
          );
        }
      }
      requirement[scheme] = scopes as string[];
    }
    return requirement;
  });
}
