import { describe, expect, it } from 'vitest';
import { generateApiKey } from './generate.js';
import { hashApiKey } from './hash.js';
import { type ApiKeyDenialReason, type ApiKeyRecord, createApiKeyVerifier } from './verify.js';

const pepper = 'pepper-pepper-pepper-pepper-pepper';
const NOW = 1_750_000_000_000;

const record = (overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id: 'key_1',
  orgId: 'org_1',
  scopes: ['pipeline:read'],
  expiresAt: null,
  revokedAt: null,
  ...overrides,
});

async function setup(stored: ApiKeyRecord | null, async = false) {
  const key = generateApiKey();
  const table = new Map<string, ApiKeyRecord>();
  if (stored !== null) {
    table.set(await hashApiKey(key, pepper), stored);
  }
  let lookups = 0;
  const verifier = createApiKeyVerifier({
    store: {
      findByHash: (hash) => {
        lookups++;
        return async ? Promise.resolve(table.get(hash)) : table.get(hash);
      },
    },
    pepper,
    now: () => NOW,
  });
  return { key, verifier, lookups: () => lookups };
}

describe('createApiKeyVerifier', () => {
  it('RFC 6750 §3.1: a stored key yields its principal, synchronously with a sync store', async () => {
    const { key, verifier } = await setup(record());
    const result = verifier.verify(key);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({
      ok: true,
      value: {
        orgId: 'org_1',
        kind: 'api_key',
        credentialId: 'key_1',
        scopes: ['pipeline:read'],
        clientId: null,
      },
    });
  });

  it('works with an async store', async () => {
    const { key, verifier } = await setup(record(), true);
    const result = verifier.verify(key);
    expect(result).toBeInstanceOf(Promise);
    expect((await result).ok).toBe(true);
  });

  it.each<
    [
      string,
      {
        stored: ApiKeyRecord | null;
        change?: (key: string) => string;
        reason: ApiKeyDenialReason;
        lookup: boolean;
      },
    ]
  >([
    [
      'malformed key, no lookup',
      { stored: record(), change: () => 'nc_short', reason: 'malformed', lookup: false },
    ],
    [
      'bad checksum, no lookup',
      {
        stored: record(),
        change: (k) => `${k.slice(0, -1)}${k.endsWith('0') ? '1' : '0'}`,
        reason: 'bad_checksum',
        lookup: false,
      },
    ],
    ['unknown key', { stored: null, reason: 'unknown', lookup: true }],
    ['revoked key', { stored: record({ revokedAt: NOW - 1 }), reason: 'revoked', lookup: true }],
    ['revoked at this instant', { stored: record({ revokedAt: NOW }), reason: 'revoked', lookup: true }],
    ['expired key', { stored: record({ expiresAt: NOW }), reason: 'expired', lookup: true }],
  ])('RFC 6750 §3.1 invalid_api_key 401: %s', async (_name, { stored, change, reason, lookup }) => {
    const { key, verifier, lookups } = await setup(stored);
    const result = await verifier.verify(change ? change(key) : key);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_api_key');
      expect(result.error.status).toBe(401);
      expect(result.error.reason).toBe(reason);
      expect(result.error.headers()['WWW-Authenticate']).toBe('Bearer realm="neuracraft"');
      expect(result.error.description).not.toContain(key.slice(3));
    }
    expect(lookups() > 0).toBe(lookup);
  });

  it('accepts a key before its scheduled revocation and expiry (rotation grace period)', async () => {
    const { key, verifier } = await setup(record({ revokedAt: NOW + 1, expiresAt: NOW + 1 }));
    expect((await verifier.verify(key)).ok).toBe(true);
  });

  it('uses Date.now by default', async () => {
    const key = generateApiKey();
    const hash = await hashApiKey(key, pepper);
    const verifier = createApiKeyVerifier({
      store: { findByHash: (h) => (h === hash ? record({ expiresAt: Date.now() - 1 }) : undefined) },
      pepper,
    });
    const result = await verifier.verify(key);
    expect(result.ok ? null : result.error.reason).toBe('expired');
  });

  it('refuses a short pepper as a configuration fault', () => {
    expect(() => createApiKeyVerifier({ store: { findByHash: () => undefined }, pepper: 'short' })).toThrow(
      TypeError,
    );
    expect(() => hashApiKey('nc_x', 'short')).toThrow(TypeError);
  });

  it('hashes deterministically, keyed by the pepper', async () => {
    const key = generateApiKey();
    expect(await hashApiKey(key, pepper)).toBe(await hashApiKey(key, pepper));
    expect(await hashApiKey(key, pepper)).not.toBe(await hashApiKey(key, `${pepper}!`));
    expect(await hashApiKey(key, pepper)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
