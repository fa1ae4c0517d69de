/**
 * Reads what the guide's generated tables show from a bundled OpenAPI document: the scopes with the
 * operations that need them, and the error codes with their statuses. Only standard OpenAPI fields
 * are read (no `x-` extensions), so any valid change to the spec shows up without a hand edit here.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** An operation as the guide links to it. */
export interface OperationRef {
  readonly operationId: string;
  /** Lower-case HTTP method. */
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  /** The first tag, which is the section the reference shows the operation in. */
  readonly tag: string | undefined;
}

/** A row of the scope table. */
export interface ScopeRow {
  readonly scope: string;
  readonly description: string;
  /** Operations that list the scope in one of their security alternatives, in spec order. */
  readonly operations: readonly OperationRef[];
}

/** A row of the error table. */
export interface ErrorRow {
  readonly code: string;
  /** Statuses the code is answered with, ascending; empty when the spec documents none. */
  readonly statuses: readonly number[];
  /** When the code is answered, as the spec describes it. */
  readonly when: string;
}

/** Follows local `$ref`s (`#/components/…`) until a value that is not a reference. */
export function deref(doc: unknown, value: unknown, seen = new Set<string>()): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || !value.$ref.startsWith('#/')) {
    return value;
  }
  const ref = value.$ref;
  if (seen.has(ref)) {
    throw new Error(`circular $ref ${ref}`);
  }
  seen.add(ref);
  let target: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isObject(target) ? target[key] : undefined;
  }
  if (target === undefined) {
    throw new Error(`unresolved $ref ${ref}`);
  }
  return deref(doc, target, seen);
}

interface RawOperation extends OperationRef {
  readonly raw: Json;
}

/** Every operation of the document, in the order of `paths`. */
export function operationsOf(doc: unknown): RawOperation[] {
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  const out: RawOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = deref(doc, item);
    if (!isObject(pathItem)) {
      continue;
    }
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) {
        continue;
      }
      out.push({
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method} ${path}`,
        method,
        path,
        summary: typeof op.summary === 'string' ? op.summary : '',
        tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : undefined,
        raw: op,
      });
    }
  }
  return out;
}

/** Scopes named by an operation's security alternatives (its own, or the document's default). */
function scopesRequiredBy(doc: Json, op: Json): Set<string> {
  const security = op.security ?? doc.security ?? [];
  const scopes = new Set<string>();
  for (const alternative of Array.isArray(security) ? security : []) {
    for (const list of Object.values(isObject(alternative) ? alternative : {})) {
      for (const scope of Array.isArray(list) ? list : []) {
        scopes.add(String(scope));
      }
    }
  }
  return scopes;
}

/**
 * The scopes of the document's OAuth 2.0 flows, in spec order, each with its description and the
 * operations that list it in a security requirement (of any scheme: API keys carry scopes too).
 */
export function readScopes(doc: unknown): ScopeRow[] {
  if (!isObject(doc)) {
    throw new Error('the OpenAPI document is not an object');
  }
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const descriptions = new Map<string, string>();
  for (const value of Object.values(schemes)) {
    const scheme = deref(doc, value);
    if (!isObject(scheme) || scheme.type !== 'oauth2' || !isObject(scheme.flows)) {
      continue;
    }
    for (const flow of Object.values(scheme.flows)) {
      for (const [scope, description] of Object.entries(
        isObject(flow) && isObject(flow.scopes) ? flow.scopes : {},
      )) {
        if (!descriptions.has(scope)) {
          descriptions.set(scope, String(description));
        }
      }
    }
  }
  const operations = operationsOf(doc).map((op) => ({ op, scopes: scopesRequiredBy(doc, op.raw) }));
  return [...descriptions].map(([scope, description]) => ({
    scope,
    description,
    operations: operations.filter(({ scopes }) => scopes.has(scope)).map(({ op }) => withoutRaw(op)),
  }));
}

const withoutRaw = ({ raw: _, ...op }: RawOperation): OperationRef => op;

/** Error codes carried by the examples of one response, with the examples' summaries. */
function examplesOf(doc: unknown, response: unknown): { code: string; summary: string | undefined }[] {
  const resolved = deref(doc, response);
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {};
  const found: { code: string; summary: string | undefined }[] = [];
  for (const media of Object.values(content)) {
    if (!isObject(media)) {
      continue;
    }
    const examples: { value: unknown; summary: unknown }[] = [];
    if (media.example !== undefined) {
      examples.push({ value: media.example, summary: undefined });
    }
    for (const example of Object.values(isObject(media.examples) ? media.examples : {})) {
      const e = deref(doc, example);
      if (isObject(e)) {
        examples.push({ value: e.value, summary: e.summary });
      }
    }
    for (const { value, summary } of examples) {
      if (isObject(value) && typeof value.error === 'string') {
        found.push({ code: value.error, summary: typeof summary === 'string' ? summary : undefined });
      }
    }
  }
  return found;
}

/**
 * The `| \`code\` | status | meaning |` rows of a Markdown table in the `ErrorCode` schema's
 * description, where the spec documents each code in prose.
 */
function documentedCodes(description: unknown): Map<string, { status: number | undefined; meaning: string }> {
  const rows = new Map<string, { status: number | undefined; meaning: string }>();
  for (const line of typeof description === 'string' ? description.split('\n') : []) {
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
    const codeCell = cells.find((cell) => /^`[a-z0-9_]+`$/.test(cell));
    if (cells.length < 2 || codeCell === undefined) {
      continue;
    }
    const statusCell = cells.find((cell) => /^[1-5]\d\d$/.test(cell));
    const meaning = cells.filter((cell) => cell !== codeCell && cell !== statusCell).join(' ');
    rows.set(codeCell.slice(1, -1), {
      status: statusCell === undefined ? undefined : Number(statusCell),
      meaning,
    });
  }
  return rows;
}

/**
 * Every code of `components.schemas.ErrorCode`, with the statuses it is answered with and when.
 *
 * Statuses come from the responses of the operations, where an example body carries the code; a
 * code no example shows takes the status the `ErrorCode` description documents. "When" is that
 * description's meaning, else the examples' summaries. Rows are ordered by status, then spec order.
 */
export function readErrors(doc: unknown): ErrorRow[] {
  if (!isObject(doc)) {
    throw new Error('the OpenAPI document is not an object');
  }
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const schema = deref(doc, schemas.ErrorCode);
  const codes = isObject(schema) && Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  const documented = documentedCodes(isObject(schema) ? schema.description : undefined);

  const seen = new Map<string, { statuses: Set<number>; summaries: Set<string> }>();
  for (const op of operationsOf(doc)) {
    for (const [status, response] of Object.entries(isObject(op.raw.responses) ? op.raw.responses : {})) {
      if (!/^[1-5]\d\d$/.test(status)) {
        continue;
      }
      for (const { code, summary } of examplesOf(doc, response)) {
        const entry = seen.get(code) ?? { statuses: new Set(), summaries: new Set() };
        entry.statuses.add(Number(status));
        if (summary) {
          entry.summaries.add(summary);
        }
        seen.set(code, entry);
      }
    }
  }

  const rows = codes.map((code): ErrorRow => {
    const examples = seen.get(code);
    const prose = documented.get(code);
    const fromExamples = [...(examples?.statuses ?? [])].sort((a, b) => a - b);
    const statuses =
      fromExamples.length > 0 ? fromExamples : prose?.status === undefined ? [] : [prose.status];
    const when = prose?.meaning || [...(examples?.summaries ?? [])].join('; ');
    return { code, statuses, when };
  });
  const order = (row: ErrorRow) => row.statuses[0] ?? 999;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => order(a.row) - order(b.row) || a.index - b.index)
    .map(({ row }) => row);
}
