export { generateApiKey } from './api-key/generate.js';
export { hashApiKey } from './api-key/hash.js';
export { apiKeyHint } from './api-key/hint.js';
export {
  API_KEY_LENGTH,
  API_KEY_PATTERN,
  API_KEY_PREFIX,
  API_KEY_SCANNER,
  type ApiKeyFormatError,
  isApiKey,
  type ParsedApiKey,
  parseApiKey,
} from './api-key/parse.js';
export {
  type ApiKeyDenialReason,
  type ApiKeyRecord,
  type ApiKeyStore,
  type ApiKeyVerifier,
  type ApiKeyVerifierOptions,
  createApiKeyVerifier,
} from './api-key/verify.js';
export {
  type Authenticator,
  type AuthenticatorOptions,
  authorize,
  createAuthenticator,
  type HeadersInput,
} from './authenticate.js';
export {
  type AuthenticatedClient,
  authenticateClient,
  type ClientAuthenticationOptions,
  type ClientCredentialsGrant,
  type ClientSecretRecord,
  grantClientCredentials,
  type OAuthClientRecord,
} from './client-credentials/grant.js';
export {
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
  type ClientCredentials,
  GRANT_TYPES,
  type GrantType,
  parseClientAuthentication,
  parseForm,
  parseTokenRequest,
  type RawTokenRequest,
  type TokenRequest,
} from './client-credentials/request.js';
export {
  CLIENT_ID_PATTERN,
  CLIENT_SECRET_PATTERN,
  clientSecretHint,
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from './client-credentials/secret.js';
export {
  AUTH_ERRORS,
  AuthError,
  type AuthErrorBody,
  type AuthErrorCode,
  type AuthErrorOptions,
  type AuthErrorSpec,
  type Challenge,
  fail,
  ok,
  REALM,
  type Result,
} from './errors.js';
export type { MaybePromise } from './lib/maybe-promise.js';
export type { Principal, PrincipalKind } from './principal.js';
export {
  evaluateSecurity,
  SCHEME_OF_KIND,
  type SecurityEvaluation,
  type SecurityRequirements,
} from './scope/evaluate.js';
export { formatScope, isScope, parseScope, SCOPE_SYNTAX } from './scope/parse.js';
export { ADMIN_SCOPE, hasScope, missingScopes } from './scope/satisfy.js';
export { createTokenCache, type TokenCache, type TokenCacheOptions } from './token/cache.js';
export { ACCESS_TOKEN_TYPE, type AccessTokenClaims } from './token/claims.js';
export {
  type IssueAccessTokenOptions,
  type IssuedAccessToken,
  issueAccessToken,
  type TokenResponseBody,
  toTokenResponse,
} from './token/issue.js';
export {
  createKeySet,
  exportSigningKey,
  generateSigningKey,
  importJwks,
  importSigningKey,
  type Jwks,
  jwkThumbprint,
  type KeySet,
  type PrivateJwk,
  type PublicJwk,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
  type SigningKey,
  type SigningKeyOptions,
} from './token/keys.js';
export {
  accessTokenPrincipal,
  createTokenVerifier,
  type TokenDenialReason,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token/verify.js';
