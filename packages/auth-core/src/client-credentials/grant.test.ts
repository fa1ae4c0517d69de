import { describe, expect, it } from 'vitest';
import { authenticateClient, grantClientCredentials, type OAuthClientRecord } from './grant.js';
import type { ClientCredentials, TokenRequest } from './request.js';
import {
  CLIENT_ID_PATTERN,
  CLIENT_SECRET_PATTERN,
  clientSecretHint,
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from './secret.js';

const pepper = 'a-pepper-of-sufficient-length';
const NOW = 1_750_000_000_000;

async function app(
  secrets: { secret: string; expiresAt: number | null }[],
  scopes: OAuthClientRecord['scopes'] = ['pipeline:read', 'workflow:execute'],
) {
  const client: OAuthClientRecord = {
    id: generateClientId(),
    orgId: 'org_1',
    scopes,
    tokenTtlSeconds: 3600,
    secrets: await Promise.all(
      secrets.map(async ({ secret, expiresAt }, i) => ({
        id: `sec_${i}`,
        hash: await hashClientSecret(secret, pepper),
        expiresAt,
      })),
    ),
  };
  return client;
}

const request = (client: ClientCredentials, scopes: TokenRequest['scopes'] = null): TokenRequest => ({
  grantType: 'client_credentials',
  client,
  scopes,
});

describe('client secrets', () => {
  it('RFC 6749 §2.3.1: generated ids and secrets match the spec formats', () => {
    const secret = generateClientSecret();
    expect(secret).toMatch(CLIENT_SECRET_PATTERN);
    expect(generateClientId()).toMatch(CLIENT_ID_PATTERN);
    expect(generateClientSecret()).not.toBe(secret);
    expect(clientSecretHint(secret)).toBe(`ncs_${secret.slice(4, 8)}…${secret.slice(-4)}`);
    expect(clientSecretHint(secret)).toMatch(/^ncs_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
  });

  it('hashing needs a real pepper', () => {
    expect(() => hashClientSecret('ncs_x', 'short')).toThrow(TypeError);
  });
});

describe('grantClientCredentials', () => {
  const current = generateClientSecret();
  const previous = generateClientSecret();

  it.each<
    [
      string,
      {
        secrets: { secret: string; expiresAt: number | null }[];
        present: string;
        method?: ClientCredentials['method'];
        unknown?: boolean;
        want: { ok: true } | { reason: string; basic: boolean };
      },
    ]
  >([
    [
      'RFC 6749 §4.4.2: the current secret',
      { secrets: [{ secret: current, expiresAt: null }], present: current, want: { ok: true } },
    ],
    [
      'RFC 6749 §2.3.1: either of two secrets during a rotation',
      {
        secrets: [
          { secret: current, expiresAt: null },
          { secret: previous, expiresAt: NOW + 1 },
        ],
        present: previous,
        want: { ok: true },
      },
    ],
    [
      'RFC 6749 §5.2: an expired secret → invalid_client',
      {
        secrets: [
          { secret: current, expiresAt: null },
          { secret: previous, expiresAt: NOW },
        ],
        present: previous,
        want: { reason: 'expired_secret', basic: false },
      },
    ],
    [
      'RFC 6749 §5.2: a wrong secret → invalid_client',
      {
        secrets: [{ secret: current, expiresAt: null }],
        present: previous,
        want: { reason: 'wrong_secret', basic: false },
      },
    ],
    [
      'RFC 6749 §5.2: a wrong secret over Basic → invalid_client with a Basic challenge',
      {
        secrets: [{ secret: current, expiresAt: null }],
        present: previous,
        method: 'client_secret_basic',
        want: { reason: 'wrong_secret', basic: true },
      },
    ],
    [
      'RFC 6749 §5.2: an unknown client → invalid_client',
      { secrets: [], present: current, unknown: true, want: { reason: 'unknown_client', basic: false } },
    ],
    [
      'RFC 6749 §5.2: an app with no secret → invalid_client',
      { secrets: [], present: current, want: { reason: 'wrong_secret', basic: false } },
    ],
  ])('%s', async (_name, { secrets, present, method = 'client_secret_post', unknown, want }) => {
    const client = await app(secrets);
    const result = await grantClientCredentials(
      request({ clientId: client.id, clientSecret: present, method }),
      {
        findClient: (id) => (unknown || id !== client.id ? undefined : client),
        pepper,
        now: () => NOW,
      },
    );
    if ('ok' in want) {
      expect(result).toEqual({ ok: true, value: { client, scopes: client.scopes } });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_client');
        expect(result.error.status).toBe(401);
        expect(result.error.reason).toBe(want.reason);
        expect(result.error.headers()['WWW-Authenticate']).toBe(
          want.basic ? 'Basic realm="neuracraft"' : undefined,
        );
        expect(JSON.stringify(result.error.toBody('r'))).not.toContain(present);
      }
    }
  });

  it.each<
    [
      string,
      {
        allowed: OAuthClientRecord['scopes'];
        requested: TokenRequest['scopes'];
        want: OAuthClientRecord['scopes'] | 'invalid_scope';
      },
    ]
  >([
    [
      'RFC 6749 §3.3: no scope → every scope the app may request',
      {
        allowed: ['pipeline:read', 'plugin:manage'],
        requested: null,
        want: ['pipeline:read', 'plugin:manage'],
      },
    ],
    [
      'RFC 6749 §3.3: a subset',
      { allowed: ['pipeline:read', 'plugin:manage'], requested: ['plugin:manage'], want: ['plugin:manage'] },
    ],
    [
      'RFC 6749 §5.2: a scope the app may not request → invalid_scope',
      { allowed: ['pipeline:read'], requested: ['pipeline:read', 'admin:all'], want: 'invalid_scope' },
    ],
    [
      'an app allowed admin:all may request narrower scopes',
      { allowed: ['admin:all'], requested: ['workflow:execute'], want: ['workflow:execute'] },
    ],
  ])('%s', async (_name, { allowed, requested, want }) => {
    const secret = generateClientSecret();
    const client = await app([{ secret, expiresAt: null }], allowed);
    const result = await grantClientCredentials(
      request({ clientId: client.id, clientSecret: secret, method: 'client_secret_post' }, requested),
      { findClient: async () => client, pepper },
    );
    if (want === 'invalid_scope') {
      expect(result.ok ? null : [result.error.code, result.error.status]).toEqual(['invalid_scope', 400]);
    } else {
      expect(result.ok && result.value.scopes).toEqual(want);
    }
  });

  it('authenticateClient names the secret used', async () => {
    const secret = generateClientSecret();
    const client = await app([
      { secret: generateClientSecret(), expiresAt: null },
      { secret, expiresAt: null },
    ]);
    const result = await authenticateClient(
      { clientId: client.id, clientSecret: secret, method: 'client_secret_post' },
      { findClient: () => client, pepper },
    );
    expect(result.ok && result.value.secretId).toBe('sec_1');
  });
});
