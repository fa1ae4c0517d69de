import { describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATIONS_BY_ROUTE, SCOPE_DESCRIPTIONS, SCOPES, SECURITY_SCHEMES } from './index.js';

describe('@neuracraft/types, generated from spec/openapi.yaml', () => {
  it('has exactly the five scopes of the product document, with its descriptions', () => {
    expect(SCOPE_DESCRIPTIONS).toEqual({
      'pipeline:read': 'View pipelines and executions',
      'pipeline:write': 'Create or modify pipelines',
      'workflow:execute': 'Trigger workflow executions',
      'plugin:manage': 'Install, update, or remove plugins',
      'admin:all': 'Full system access (use with caution)',
    });
    expect(SCOPES).toEqual(Object.keys(SCOPE_DESCRIPTIONS));
  });

  it('declares X-API-Key and the client-credentials token URL', () => {
    expect(SECURITY_SCHEMES.ApiKeyAuth).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(SECURITY_SCHEMES.OAuth2.tokenUrl).toBe('/oauth/token');
  });

  it.each([
    [
      'listPipelines',
      [{ ApiKeyAuth: ['pipeline:read'] }, { OAuth2: ['pipeline:read'] }, { DashboardSession: [] }],
    ],
    ['createPipeline', [{ ApiKeyAuth: ['pipeline:write'] }, { OAuth2: ['pipeline:write'] }]],
    ['triggerWorkflow', [{ ApiKeyAuth: ['workflow:execute'] }, { OAuth2: ['workflow:execute'] }]],
    ['cancelExecution', [{ ApiKeyAuth: ['workflow:execute'] }, { OAuth2: ['workflow:execute'] }]],
    [
      'listPlugins',
      [
        { ApiKeyAuth: ['plugin:manage'] },
        { OAuth2: ['plugin:manage'] },
        { ApiKeyAuth: ['pipeline:read'] },
        { OAuth2: ['pipeline:read'] },
        { DashboardSession: [] },
      ],
    ],
    ['createApiKey', [{ ApiKeyAuth: ['admin:all'] }, { OAuth2: ['admin:all'] }, { DashboardSession: [] }]],
    ['getMe', [{ ApiKeyAuth: [] }, { OAuth2: [] }, { DashboardSession: [] }]],
    ['createToken', []],
    ['getJwks', []],
    ['getHealth', []],
  ])('%s has the security DESIGN.md gives it', (id, want) => {
    expect(OPERATIONS[id as keyof typeof OPERATIONS].security).toEqual(want);
  });

  it('indexes the same rows by "METHOD /path"', () => {
    expect(OPERATIONS_BY_ROUTE['GET /v1/pipelines/{id}']).toBe(OPERATIONS.getPipeline);
    expect(Object.keys(OPERATIONS_BY_ROUTE)).toHaveLength(Object.keys(OPERATIONS).length);
  });

  it('gives every operation outside the public set at least one credential scheme', () => {
    const publicOps = Object.values(OPERATIONS)
      .filter((op) => op.security.length === 0)
      .map((op) => op.operationId)
      .sort();
    expect(publicOps).toEqual(
      [
        'createToken',
        'revokeToken',
        'introspectToken',
        'getAuthorizationServerMetadata',
        'getJwks',
        'getHealth',
        'getReadiness',
        'getMetrics',
        'login',
      ].sort(),
    );
  });
});
