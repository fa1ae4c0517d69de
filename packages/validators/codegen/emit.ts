/** Lays the operations out as validator modules and the table that ties them to operations. */
import { compileModule, type Entry, type Flavour } from './compile.js';
import type { Json, MediaModel, OperationModel } from './operations.js';

/** Heads every generated file. */
export const BANNER = `/**
 * This file was generated from spec/openapi.yaml by \`pnpm generate\` (packages/validators/codegen).
 * Do not edit it by hand: change the spec and regenerate.
 */
/* biome-ignore-all format: generated */
/* eslint-disable */
`;

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** Collects the schemas of one flavour, compiling each distinct schema once. */
class Group {
  readonly entries: Entry[] = [];
  readonly #byJson = new Map<string, string>();

  constructor(readonly flavour: Flavour) {}

  /** The expression that reads the validator of `schema` from this group's module. */
  add(name: string, schema: Json): string {
    const json = JSON.stringify(schema);
    let existing = this.#byJson.get(json);
    if (existing === undefined) {
      existing = name;
      this.#byJson.set(json, name);
      this.entries.push({ name, schema });
    }
    return `${this.flavour}[${JSON.stringify(existing)}]!`;
  }
}

const lit = (value: unknown): string => JSON.stringify(value);

/** The source of every file of `src/generated/`, by file name. */
export function emitModules(doc: Json, operations: readonly OperationModel[]): Record<string, string> {
  const groups = { params: new Group('params'), body: new Group('body'), response: new Group('response') };
  const rows: string[] = [];
  const routes: string[] = [];
  for (const op of operations) {
    const id = op.operationId;
    const location = (key: 'path' | 'query' | 'header'): string => {
      const model = op.params[key];
      if (model === null) {
        return 'null';
      }
      const validate = groups.params.add(`${id} ${key}`, model.schema);
      return `{ names: ${lit(model.names)}, split: ${lit(model.split)}, validate: ${validate} }`;
    };
    const media = (kind: 'request' | 'response', list: readonly MediaModel[], status = ''): string => {
      const items = list.map((m) => {
        const form = FORM_TYPES.has(m.mediaType);
        const group = kind === 'response' ? groups.response : form ? groups.params : groups.body;
        const validate = group.add(`${id} ${kind}${status} ${m.mediaType}`, m.schema);
        return kind === 'response'
          ? `${lit(m.mediaType)}: ${validate}`
          : `${lit(m.mediaType)}: { form: ${form}, validate: ${validate} }`;
      });
      return `{ ${items.join(', ')} }`;
    };
    const body =
      op.body === null
        ? 'null'
        : `{ required: ${op.body.required}, media: ${media('request', op.body.media)} }`;
    const responses = Object.entries(op.responses)
      .map(([status, list]) => `      ${lit(status)}: ${media('response', list, ` ${status}`)},`)
      .join('\n');
    rows.push(`  ${id}: {
    operationId: ${lit(id)},
    path: ${location('path')},
    query: ${location('query')},
    header: ${location('header')},
    body: ${body},
    responses: {
${responses}
    },
  },`);
    routes.push(`  ${lit(`${op.method.toUpperCase()} ${op.path}`)}: ${lit(id)},`);
  }
  const files: Record<string, string> = {};
  for (const group of Object.values(groups)) {
    files[`${group.flavour}.ts`] = `${BANNER}${compileModule(doc, group.flavour, group.entries)}`;
  }
  files['table.ts'] = `${BANNER}
import type { OperationId, Route } from '@neuracraft/types';
import type { OperationValidators } from '../table.js';
import { validators as body } from './body.js';
import { validators as params } from './params.js';
import { validators as response } from './response.js';

/** The validators of every operation, by operationId. */
export const OPERATION_TABLE: Readonly<Record<OperationId, OperationValidators>> = {
${rows.join('\n')}
};

/** \`"METHOD /path"\` → operationId. */
export const ROUTES: Readonly<Record<Route, OperationId>> = {
${routes.join('\n')}
};
`;
  return files;
}
