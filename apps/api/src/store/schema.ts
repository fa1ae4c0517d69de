/** Tables as both backends hold them: times are ISO-8601 UTC strings, booleans 0/1, nested data JSON text. */
export interface Database {
  orgs: { id: string; name: string; created_at: string };
  api_keys: {
    id: string;
    org_id: string;
    name: string;
    hash: string;
    hint: string;
    scopes: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  oauth_apps: {
    id: string;
    org_id: string;
    name: string;
    scopes: string;
    token_ttl_seconds: number;
    created_at: string;
    updated_at: string;
  };
  oauth_app_secrets: {
    id: string;
    app_id: string;
    hash: string;
    hint: string;
    created_at: string;
    expires_at: string | null;
  };
  signing_keys: {
    kid: string;
    alg: string;
    private_jwk: string;
    public_jwk: string;
    created_at: string;
    retired_at: string | null;
  };
  revoked_tokens: { jti: string; expires_at: string };
  pipelines: {
    id: string;
    org_id: string;
    name: string;
    description: string | null;
    steps: string;
    created_at: string;
    updated_at: string;
  };
  workflows: {
    id: string;
    org_id: string;
    name: string;
    pipeline_id: string;
    trigger: string;
    enabled: number;
    created_at: string;
    updated_at: string;
  };
  executions: {
    id: string;
    org_id: string;
    workflow_id: string;
    pipeline_id: string;
    status: string;
    inputs: string;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
  };
  plugins: {
    id: string;
    org_id: string;
    name: string;
    version: string;
    enabled: number;
    config: string;
    installed_at: string;
    updated_at: string;
  };
  audit_events: {
    id: string;
    org_id: string;
    action: string;
    outcome: string;
    actor_type: string;
    actor_id: string;
    target_type: string | null;
    target_id: string | null;
    request_id: string;
    ip: string | null;
    created_at: string;
  };
  idempotency_keys: {
    org_id: string;
    credential_id: string;
    idempotency_key: string;
    operation_id: string;
    fingerprint: string;
    status: number;
    body: string;
    created_at: string;
  };
  users: { id: string; org_id: string; email: string; password_hash: string; created_at: string };
  sessions: {
    id: string;
    user_id: string;
    org_id: string;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
  settings: { name: string; value: string };
}
