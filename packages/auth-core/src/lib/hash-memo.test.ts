import type * as NodeCrypto from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateApiKey } from '../api-key/generate.js';
import { hashApiKey } from '../api-key/hash.js';
import { type ApiKeyRecord, createApiKeyVerifier } from '../api-key/verify.js';
import { createAuthenticator } from '../authenticate.js';
import { issueAccessToken } from '../token/issue.js';
import { createKeySet, generateSigningKey, type KeySet } from '../token/keys.js';
import { createTokenVerifier } from '../token/verify.js';
import { createHashMemo } from './hash-memo.js';

// The module object the Node backend hashes with, so a spy counts every SHA-256 it computes.
const nodeCrypto = process.getBuiltinModule('node:crypto') as typeof NodeCrypto;
const countHashes = () => vi.spyOn(nodeCrypto, 'hash');
afterEach(() => {
  vi.restoreAllMocks();
});

/** A string of the same length as `value` with the character at `at` replaced. */
const altered = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);

describe('createHashMemo', () => {
  const connection = {};

  it('answers the hash of the credential the connection presented last, and of no other', () => {
    const memo = createHashMemo();
    expect(memo.get(connection, 'secret-1')).toBeUndefined();
    memo.set(connection, 'secret-1', 'hash-1');
    expect(memo.get(connection, 'secret-1')).toBe('hash-1');
    expect(memo.get({}, 'secret-1')).toBeUndefined();
    expect(memo.get(connection, 'secret-2')).toBeUndefined();
    expect(memo.get(connection, 'secret-10')).toBeUndefined();
    expect(memo.get(connection, 'secret-')).toBeUndefined();
    memo.set(connection, 'secret-2', 'hash-2');
    expect(memo.get(connection, 'secret-2')).toBe('hash-2');
    expect(memo.get(connection, 'secret-1')).toBeUndefined();
  });

  it('tells apart credentials that differ in any one character, of any length, in any script', () => {
    const memo = createHashMemo();
    for (const credential of [
      'a',
      'abc',
      'abcd',
      'abcde',
      'header.payload.signature',
      'x'.repeat(4095),
      'clé-é',
    ]) {
      memo.set(connection, credential, `hash of ${credential}`);
      expect(memo.get(connection, credential)).toBe(`hash of ${credential}`);
      for (let at = 0; at < credential.length; at += Math.max(1, credential.length >> 4)) {
        const other =
          credential.slice(0, at) + (credential[at] === 'é' ? 'e' : 'é') + credential.slice(at + 1);
        expect(memo.get(connection, other)).toBeUndefined();
        expect(memo.get(connection, credential)).toBe(`hash of ${credential}`);
      }
    }
    // Same length in characters, not in bytes.
    memo.set(connection, 'ab', 'h');
    expect(memo.get(connection, 'aé')).toBeUndefined();
    expect(memo.get(connection, 'ab')).toBe('h');
  });

  it('remember keeps a hash, or a hash to come, for a connection; without one it only hands the hash on', async () => {
    const memo = createHashMemo();
    expect(memo.remember(undefined, 'key-1', 'h1')).toBe('h1');
    expect(memo.remember(connection, 'key-1', 'h1')).toBe('h1');
    expect(memo.get(connection, 'key-1')).toBe('h1');
    const later = memo.remember(connection, 'key-2', Promise.resolve('h2'));
    expect(memo.get(connection, 'key-2')).toBeUndefined();
    await expect(later).resolves.toBe('h2');
    expect(memo.get(connection, 'key-2')).toBe('h2');
    expect(memo.get(connection, 'key-1')).toBeUndefined();
  });

  it('does not remember a credential too long to compare, and forgets the one before it', () => {
    const memo = createHashMemo();
    memo.set(connection, 'short', 'h');
    const long = 'y'.repeat(20_000);
    memo.set(connection, long, 'long');
    expect(memo.get(connection, long)).toBeUndefined();
    expect(memo.get(connection, 'short')).toBeUndefined();
  });
});

describe('a credential presented again on one connection', () => {
  const pepper = 'pepper-pepper-pepper-pepper-pepper';
  const ISSUER = 'https://api.neuracraft.com';
  let keySet: KeySet;
  beforeAll(async () => {
    keySet = createKeySet([await generateSigningKey('ES256')]);
  });

  async function keys() {
    const key = generateApiKey();
    const other = generateApiKey();
    const records = new Map<string, ApiKeyRecord>([
      [
        await hashApiKey(key, pepper),
        { id: 'key_1', orgId: 'org_1', scopes: ['pipeline:read'], expiresAt: null, revokedAt: null },
      ],
      [
        await hashApiKey(other, pepper),
        { id: 'key_2', orgId: 'org_1', scopes: [], expiresAt: null, revokedAt: null },
      ],
    ]);
    const lookups: string[] = [];
    const verifier = createApiKeyVerifier({
      store: {
        findByHash: (hash) => {
          lookups.push(hash);
          return records.get(hash);
        },
      },
      pepper,
    });
    return { key, other, records, lookups, verifier };
  }

  it('an API key is hashed once per connection, and looked up every time', async () => {
    const { key, lookups, verifier } = await keys();
    const socket = {};
    const hashes = countHashes();
    const first = verifier.verify(key, socket);
    expect(first).toMatchObject({ ok: true, value: { credentialId: 'key_1' } });
    expect(verifier.verify(key, socket)).toBe(first);
    expect(verifier.verify(key, socket)).toBe(first);
    expect(hashes).toHaveBeenCalledTimes(1);
    expect(lookups).toHaveLength(3);
    expect(new Set(lookups).size).toBe(1);
    // Without a connection, or on another one, it is hashed again.
    expect(verifier.verify(key)).toBe(first);
    expect(verifier.verify(key, {})).toBe(first);
    expect(hashes).toHaveBeenCalledTimes(3);
  });

  it('revocation and expiry still apply to a key the connection presented before', async () => {
    const { key, records, verifier } = await keys();
    const socket = {};
    expect(verifier.verify(key, socket)).toMatchObject({ ok: true });
    const hash = await hashApiKey(key, pepper);
    records.set(hash, { ...records.get(hash)!, revokedAt: Date.now() - 1 });
    expect(verifier.verify(key, socket)).toMatchObject({
      ok: false,
      error: { code: 'invalid_api_key', reason: 'revoked' },
    });
    records.set(hash, { ...records.get(hash)!, revokedAt: null, expiresAt: Date.now() - 1 });
    expect(verifier.verify(key, socket)).toMatchObject({ ok: false, error: { reason: 'expired' } });
  });

  it('another key on the same connection is checked and hashed afresh', async () => {
    const { key, other, verifier } = await keys();
    const socket = {};
    const hashes = countHashes();
    expect(verifier.verify(key, socket)).toMatchObject({ value: { credentialId: 'key_1' } });
    expect(verifier.verify(other, socket)).toMatchObject({ value: { credentialId: 'key_2' } });
    expect(verifier.verify(key, socket)).toMatchObject({ value: { credentialId: 'key_1' } });
    expect(hashes).toHaveBeenCalledTimes(3);
    // One character off the last key: refused on its checksum, before any lookup.
    for (const at of [3, 20, key.length - 1]) {
      expect(verifier.verify(altered(key, at), socket)).toMatchObject({
        ok: false,
        error: { code: 'invalid_api_key', reason: 'bad_checksum' },
      });
    }
  });

  it('a bearer token is hashed once per connection; a token changed anywhere is verified afresh', async () => {
    const { token } = await issueAccessToken({
      keySet,
      issuer: ISSUER,
      audience: ISSUER,
      clientId: 'app_1',
      orgId: 'org_1',
      scopes: ['pipeline:read'],
      ttlSeconds: 3600,
    });
    const revoked = new Set<string>();
    const verifier = createTokenVerifier({
      keySet,
      issuer: ISSUER,
      audience: ISSUER,
      isRevoked: (jti) => revoked.has(jti),
    });
    const socket = {};
    const hashes = countHashes();
    const first = verifier.verify(token, socket);
    expect(first).toMatchObject({ ok: true, value: { client_id: 'app_1' } });
    expect(verifier.verify(token, socket)).toMatchObject({ ok: true, value: { client_id: 'app_1' } });
    expect(hashes).toHaveBeenCalledTimes(1);

    // Right after the good token on the same connection, one character off anywhere is refused.
    const signatureAt = token.lastIndexOf('.') + 1;
    for (const at of [1, signatureAt - 3, signatureAt, signatureAt + 5, token.length - 2]) {
      expect(verifier.verify(token, socket)).toMatchObject({ ok: true });
      const result = verifier.verify(altered(token, at), socket);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_token' } });
    }

    revoked.add((first as { value: { jti: string } }).value.jti);
    expect(verifier.verify(token, socket)).toMatchObject({
      ok: false,
      error: { code: 'invalid_token', reason: 'revoked' },
    });
  });

  it('the authenticator hands the connection on', async () => {
    const { key, verifier } = await keys();
    const auth = createAuthenticator({
      apiKeys: verifier,
      tokens: createTokenVerifier({ keySet, issuer: ISSUER, audience: ISSUER }),
    });
    const socket = {};
    const hashes = countHashes();
    const first = auth.check({ 'x-api-key': key }, socket);
    expect(first).toMatchObject({ ok: true, value: { credentialId: 'key_1' } });
    expect(auth.check({ 'x-api-key': key }, socket)).toBe(first);
    await expect(auth.authenticate({ 'x-api-key': key }, socket)).resolves.toBe(first);
    expect(hashes).toHaveBeenCalledTimes(1);
  });
});
