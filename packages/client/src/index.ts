export type { components, ErrorCode, paths, Scope } from '@neuracraft/types';
export { type Auth, apiKey } from './auth/api-key.js';
export { type ClientCredentialsOptions, clientCredentials } from './auth/client-credentials.js';
export {
  type ClientMethod,
  type ClientOptions,
  createClient,
  type ListItem,
  type ListPath,
  type NeuraCraftClient,
  type Result,
  type Success,
} from './client.js';
export { type ErrorBody, type ErrorIssue, isNeuraCraftError, NeuraCraftError } from './errors.js';
export type { Fetch, RetryOptions } from './retry.js';
