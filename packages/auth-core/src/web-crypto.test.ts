import * as nodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { generateApiKey } from './api-key/generate.js';
import { hashApiKey } from './api-key/hash.js';
import { createApiKeyVerifier } from './api-key/verify.js';
import { createAuthenticator } from './authenticate.js';
import { hashClientSecret } from './client-credentials/secret.js';
import { createNodeBackend } from './lib/crypto-node.js';
import { createWebBackend } from './lib/crypto-web.js';
import { issueAccessToken } from './token/issue.js';
import {
  createKeySet,
  exportSigningKey,
  generateSigningKey,
  importSigningKey,
  jwkThumbprint,
  SIGNING_ALGORITHMS,
} from './token/keys.js';
import { createTokenVerifier } from './token/verify.js';

// Runs the public API on the Web Crypto backend, as on runtimes without node:crypto.
vi.mock('./lib/crypto.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./lib/crypto.js')>();
  const { createWebBackend } = await import('./lib/crypto-web.js');
  return { ...original, backend: createWebBackend(globalThis.crypto.subtle) };
});

const node = createNodeBackend(nodeCrypto);
const web = createWebBackend(globalThis.crypto.subtle);
const pepper = 'a-pepper-of-sufficient-length';
const ISSUER = 'https://api.neuracraft.com';

describe('Web Crypto backend', () => {
  it('hashes exactly as the Node backend does, so stored hashes work on both', async () => {
    for (const data of ['', 'abc', `${pepper}${generateApiKey()}`, 'ünïcode ✓']) {
      expect(await web.sha256(data)).toBe(node.sha256(data));
    }
    const key = generateApiKey();
    expect(await hashApiKey(key, pepper)).toBe(node.sha256(pepper + key));
    expect(await hashClientSecret('ncs_x', pepper)).toBe(node.sha256(`${pepper}ncs_x`));
  });

  it('decodes base64url text, refusing bad input', () => {
    expect(web.decodeText('eyJhIjoxfQ')).toBe('{"a":1}');
    expect(web.decodeText('_w')).toBeNull(); // 0xff is not UTF-8
    expect(node.decodeText('eyJhIjoxfQ')).toBe('{"a":1}');
  });

  it('API key verification answers with a promise', async () => {
    const key = generateApiKey();
    const hash = await hashApiKey(key, pepper);
    const verifier = createApiKeyVerifier({
      store: {
        findByHash: (h) =>
          h === hash ? { id: 'key_1', orgId: 'o', scopes: [], expiresAt: null, revokedAt: null } : undefined,
      },
      pepper,
    });
    const pending = verifier.verify(key);
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).ok).toBe(true);
    const auth = createAuthenticator({
      apiKeys: verifier,
      tokens: createTokenVerifier({ keySet: createKeySet([]), issuer: ISSUER, audience: ISSUER }),
    });
    expect((await auth.authenticate({ 'x-api-key': key })).ok).toBe(true);
  });

  it.each(SIGNING_ALGORITHMS)(
    'RFC 9068 §4: issues and verifies %s tokens, and refuses tampered ones',
    async (alg) => {
      const key = await generateSigningKey(alg);
      expect(key.kid).toBe(await jwkThumbprint(key.publicJwk));
      const keySet = createKeySet([key]);
      const issued = await issueAccessToken({
        keySet,
        issuer: ISSUER,
        audience: ISSUER,
        clientId: 'app_1',
        orgId: 'org_1',
        scopes: ['pipeline:read'],
        ttlSeconds: 60,
      });
      for (const cache of [undefined, false] as const) {
        const verifier = createTokenVerifier({ keySet, issuer: ISSUER, audience: ISSUER, cache });
        const pending = verifier.verify(issued.token);
        expect(pending).toBeInstanceOf(Promise);
        expect(await pending).toEqual({ ok: true, value: issued.claims });
        const auth = createAuthenticator({
          apiKeys: createApiKeyVerifier({ store: { findByHash: () => undefined }, pepper }),
          tokens: verifier,
        });
        expect((await auth.authenticate({ authorization: `Bearer ${issued.token}` })).ok).toBe(true);
        // Six characters of the signature changed; its last one, whose unused bits must stay zero, kept.
        const six = issued.token.slice(-7, -1) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
        const tampered = `${issued.token.slice(0, -7)}${six}${issued.token.slice(-1)}`;
        const denied = await verifier.verify(tampered);
        expect(denied.ok ? null : denied.error.reason).toBe('bad_signature');
        // Signatures of the wrong length, well encoded: two bytes short, and three zero bytes.
        const [head, payload, signature] = issued.token.split('.') as [string, string, string];
        const shorter = Buffer.from(signature, 'base64url').subarray(2).toString('base64url');
        const short = await verifier.verify(`${head}.${payload}.${shorter}`);
        expect(short.ok ? null : short.error.reason).toBe('bad_signature');
        const broken = await verifier.verify(`${head}.${payload}.AAAA`);
        expect(broken.ok ? null : broken.error.reason).toBe('bad_signature');
        // One character is no bytes at all: not base64url.
        const one = await verifier.verify(`${head}.${payload}.A`);
        expect(one.ok ? null : one.error.reason).toBe('malformed');
      }
      const again = await importSigningKey(exportSigningKey(key));
      expect(again.publicJwk).toEqual(key.publicJwk);
    },
  );

  it.each(SIGNING_ALGORITHMS)('interoperates with the Node backend for %s', async (alg) => {
    const key = await generateSigningKey(alg);
    const jwk = exportSigningKey(key);
    const nodeKey = await node.importKey(alg, jwk, 'sign');
    const nodePublic = await node.importKey(alg, key.publicJwk, 'verify');
    const input = 'eyJhIjoxfQ.eyJiIjoyfQ';
    const signedByNode = node.sign(alg, nodeKey, input) as string;
    const webKey = await web.importKey(alg, key.publicJwk, 'verify');
    expect(await web.verify(alg, webKey, input, signedByNode)).toBe(true);
    const webPrivate = await web.importKey(alg, jwk, 'sign');
    expect(node.verify(alg, nodePublic, input, await web.sign(alg, webPrivate, input))).toBe(true);
    expect(node.verify(alg, nodePublic, input, 'AAAA')).toBe(false);
  });

  it('the Node backend falls back to createHash where crypto.hash is missing', () => {
    const old = createNodeBackend({ ...nodeCrypto, hash: undefined } as unknown as typeof nodeCrypto);
    expect(old.sha256('abc')).toBe(node.sha256('abc'));
  });

  it('the Node backend refuses a signature it cannot parse', async () => {
    const key = await node.importKey('RS256', (await node.generateKeyPair('RS256')).publicJwk, 'verify');
    expect(node.verify('RS256', key, 'a.b', 'AAAA')).toBe(false);
    expect(node.verify('ES256', {}, 'a.b', 'A'.repeat(86))).toBe(false);
  });
});
