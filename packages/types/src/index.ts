export type { JsonValue, OpenApiDocument } from './document.js';
export type { components, operations, paths } from './generated/openapi.js';
export {
  ERROR_CODES,
  type ErrorCode,
  OPERATIONS,
  OPERATIONS_BY_ROUTE,
  type Operation,
  type OperationId,
  type Route,
  SCOPE_DESCRIPTIONS,
  SCOPES,
  type Scope,
  SECURITY_SCHEMES,
  type SecuritySchemeName,
} from './generated/security.js';
export type {
  HttpMethod,
  OperationDescriptor,
  SecurityRequirement,
  SecuritySchemeDescriptor,
} from './operation.js';
