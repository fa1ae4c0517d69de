export {
  API_KEY_PATTERN,
  CLIENT_ID_PATTERN,
  CLIENT_SECRET_PATTERN,
  isApiKeyShape,
  isClientIdShape,
  isClientSecretShape,
} from './credentials.js';
export { isIdempotencyKey } from './idempotency.js';
export { MAX_BODY_BYTES } from './limits.js';
export { MAX_ISSUES } from './messages.js';
export type { OperationIdOf, OperationKey, RequestBody, ResponseBody, ValidRequest } from './operation.js';
export { type ParameterValues, type RequestInput, validateRequest } from './request.js';
export { validateResponse } from './response.js';
export type { Issue, Result } from './result.js';
export { isScopeString, type ParseScopeOptions, parseScopeString } from './scope.js';
export { isFutureTimestamp, parseDateTime } from './timestamp.js';
