import type { ErrorCode } from '@neuracraft/types';

/**
 * What a caller should do about each error code: the "Resolution" column of the guide's error table.
 * The rest of each row (status, code, when) is read from the spec at build time; a code the spec
 * adds shows up with no resolution until one is written here. Markdown, one paragraph each.
 */
export const RESOLUTIONS = {
  invalid_request:
    'Fix the request as `error_description` and `issues` say. Send exactly one credential: `X-API-Key`, a bearer token or a session.',
  authentication_required: 'Send an API key in `X-API-Key` or an access token in `Authorization: Bearer …`.',
  invalid_api_key:
    'Verify the API key is correct and unexpired: copy it again (it is 52 characters, `nc_…`), check its status and `expires_at` in **Settings > API Keys**, or create a new one.',
  invalid_token:
    'Refresh your OAuth token or re-authenticate: request a new token from `POST /oauth/token` (`@neuracraft/client` does this for you).',
  invalid_session: 'Sign in to the dashboard again.',
  invalid_credentials: 'Check the email and password; repeated failures are rate limited.',
  insufficient_scope:
    'Request additional scopes in your token (`scope=…`, within the scopes the app may request), or use a key that holds one of `required_scopes`.',
  csrf_token_invalid: 'Send the `X-CSRF-Token` header with the token of your session.',
  not_found: 'Check the id and that it belongs to the organization of your credential.',
  conflict:
    'Read the resource again before changing it; use a new `Idempotency-Key` for a request that is not a retry.',
  payload_too_large: 'Send a smaller body.',
  unsupported_media_type:
    'Send the body as `application/json` (the OAuth endpoints take `application/x-www-form-urlencoded`).',
  rate_limited:
    'Wait the number of seconds in `Retry-After`, then retry; spread requests out using the `RateLimit` header.',
  invalid_client:
    'Check `client_id` and `client_secret`; send them either in the body or with HTTP Basic, not both. After a secret rotation, switch to the new secret before the grace period ends.',
  invalid_grant: 'Request a new token with the client credentials grant.',
  invalid_scope:
    'Ask only for scopes the app may request (see the app in **Settings > OAuth Apps**), or omit `scope` to get all of them.',
  unauthorized_client: 'Use `grant_type=client_credentials`, the one grant OAuth apps may use.',
  unsupported_grant_type: 'Send `grant_type=client_credentials`.',
  unsupported_token_type: 'Revoke access tokens only; omit `token_type_hint` or set it to `access_token`.',
  server_error:
    'Retry later, with the same `Idempotency-Key` for a POST; if it persists, report the `request_id`.',
} satisfies Partial<Record<ErrorCode, string>>;
