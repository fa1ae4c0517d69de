import type { SecurityModel } from './security.js';

/** Heads every generated file. */
export const BANNER = `/**
 * This file was generated from spec/openapi.yaml by \`pnpm generate\` (packages/types/codegen).
 * Do not edit it by hand: change the spec and regenerate.
 */
/* biome-ignore-all format: generated */
/* eslint-disable */
`;

const lit = (value: unknown): string => JSON.stringify(value, null, 2);

/** Renders the scope list, the scheme table, the error codes and the operation table as a TS module. */
export function emitSecurityModule(model: SecurityModel): string {
  const scopes = model.scopes.map((s) => s.name);
  const descriptions = Object.fromEntries(model.scopes.map((s) => [s.name, s.description]));
  const operations = Object.fromEntries(model.operations.map((op) => [op.operationId, op]));
  const byRoute = model.operations
    .map(
      (op) => `  ${JSON.stringify(`${op.method.toUpperCase()} ${op.path}`)}: OPERATIONS.${op.operationId},`,
    )
    .join('\n');
  return `${BANNER}
import type { OperationDescriptor, SecuritySchemeDescriptor } from '../operation.js';

/** Every scope the API defines, in the order the spec lists them. */
export const SCOPES = ${lit(scopes)} as const;

/** A scope of the API. */
export type Scope = (typeof SCOPES)[number];

/** What each scope grants, as the spec describes it. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = ${lit(descriptions)};

/** The security schemes of \`components.securitySchemes\`. */
export const SECURITY_SCHEMES = ${lit(model.schemes)} as const satisfies Readonly<Record<string, SecuritySchemeDescriptor>>;

/** The name of a security scheme. */
export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;

/** Every \`error\` code a response body can carry (\`components.schemas.ErrorCode\`). */
export const ERROR_CODES = ${lit(model.errorCodes)} as const;

/** An \`error\` code of a response body. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every operation of the API keyed by operationId, with its method, path and security requirements. */
export const OPERATIONS = ${lit(operations)} as const satisfies Readonly<
  Record<string, OperationDescriptor<string, SecuritySchemeName, Scope>>
>;

/** The operationId of an operation of the API. */
export type OperationId = keyof typeof OPERATIONS;

/** A row of the operation table. */
export type Operation = (typeof OPERATIONS)[OperationId];

/** The operation table keyed by \`"METHOD /path"\`, e.g. \`"GET /v1/pipelines/{id}"\`. */
export const OPERATIONS_BY_ROUTE = {
${byRoute}
} as const;

/** A \`"METHOD /path"\` key of {@link OPERATIONS_BY_ROUTE}. */
export type Route = keyof typeof OPERATIONS_BY_ROUTE;
`;
}

/** Renders the bundled document as a module, so every runtime can import it without a JSON loader. */
export function emitSpecModule(doc: unknown): string {
  return `${BANNER}
import type { OpenApiDocument } from '../document.js';

/** The bundled OpenAPI document (spec/openapi.yaml with every $ref inside it resolved in place). */
export const spec: OpenApiDocument = ${lit(doc)};
`;
}
