import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBase64url, encodeBase64urlText } from '../lib/base64url.js';
import { signCompact } from '../lib/jws.js';
import { createTokenCache } from './cache.js';
import type { AccessTokenClaims } from './claims.js';
import { issueAccessToken } from './issue.js';
import {
  createKeySet,
  generateSigningKey,
  type KeySet,
  SIGNING_ALGORITHMS,
  type SigningKey,
} from './keys.js';
import { accessTokenPrincipal, createTokenVerifier, type TokenDenialReason } from './verify.js';

const NOW = 1_750_000_000_000;
const T = NOW / 1000;
const ISSUER = 'https://api.neuracraft.com';
const AUDIENCE = 'https://api.neuracraft.com';

let key: SigningKey;
let other: SigningKey;
let keySet: KeySet;

beforeAll(async () => {
  key = await generateSigningKey('ES256');
  other = await generateSigningKey('ES256');
  keySet = createKeySet([key]);
});

const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: ISSUER,
  sub: 'app_1',
  aud: AUDIENCE,
  exp: T + 3600,
  iat: T,
  jti: 'tok_1',
  client_id: 'app_1',
  scope: 'pipeline:read',
  org_id: 'org_1',
  ...overrides,
});
const header = (overrides: Record<string, unknown> = {}) => ({
  alg: 'ES256',
  typ: 'at+jwt',
  kid: key.kid,
  ...overrides,
});
const sign = (h: object, c: object, with_: SigningKey = key) => signCompact(with_, h, c);
const seg = (value: unknown) =>
  encodeBase64urlText(typeof value === 'string' ? value : JSON.stringify(value));
const hmacToken = (secret: string) => {
  const input = `${seg(header({ alg: 'HS256' }))}.${seg(claims())}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

const verifier = (options: Partial<Parameters<typeof createTokenVerifier>[0]> = {}) =>
  createTokenVerifier({ keySet, issuer: ISSUER, audience: AUDIENCE, now: () => NOW, ...options });

type Case = [string, { token: () => Promise<string> | string; reason: TokenDenialReason | null }];

describe('createTokenVerifier', () => {
  it.each<Case>([
    ['valid token', { token: () => sign(header(), claims()), reason: null }],
    [
      'typ application/at+jwt',
      { token: () => sign(header({ typ: 'application/at+jwt' }), claims()), reason: null },
    ],
    [
      'typ compared case-insensitively',
      { token: () => sign(header({ typ: 'AT+JWT' }), claims()), reason: null },
    ],
    [
      'aud array containing the audience',
      { token: () => sign(header(), claims({ aud: ['x', AUDIENCE] })), reason: null },
    ],
    ['expired within leeway', { token: () => sign(header(), claims({ exp: T - 4 })), reason: null }],
    [
      'iat slightly ahead, within leeway',
      { token: () => sign(header(), claims({ iat: T + 4 })), reason: null },
    ],
    ['nbf passed', { token: () => sign(header(), claims({ nbf: T - 10 })), reason: null }],
    ['typ missing', { token: () => sign(header({ typ: undefined }), claims()), reason: 'bad_typ' }],
    ['typ JWT', { token: () => sign(header({ typ: 'JWT' }), claims()), reason: 'bad_typ' }],
    ['crit header', { token: () => sign(header({ crit: ['exp'] }), claims()), reason: 'bad_typ' }],
    ['kid unknown', { token: () => sign(header({ kid: 'nope' }), claims()), reason: 'unknown_kid' }],
    ['kid missing', { token: () => sign(header({ kid: undefined }), claims()), reason: 'unknown_kid' }],
    ['kid not a string', { token: () => sign(header({ kid: 7 }), claims()), reason: 'unknown_kid' }],
    ['alg none', { token: () => `${seg(header({ alg: 'none' }))}.${seg(claims())}.`, reason: 'malformed' }],
    [
      'alg none with a signature',
      { token: () => `${seg(header({ alg: 'none' }))}.${seg(claims())}.AAAA`, reason: 'alg_mismatch' },
    ],
    [
      'alg HS256 keyed with the public key',
      { token: () => hmacToken(JSON.stringify(key.publicJwk)), reason: 'alg_mismatch' },
    ],
    [
      'alg RS256 on an ES256 key',
      { token: () => sign(header({ alg: 'RS256' }), claims()), reason: 'alg_mismatch' },
    ],
    [
      'signed by another key under our kid',
      { token: () => sign(header(), claims(), other), reason: 'bad_signature' },
    ],
    [
      'payload changed after signing',
      {
        token: async () => {
          const [h, , s] = (await sign(header(), claims())).split('.');
          return `${h}.${seg(claims({ scope: 'admin:all' }))}.${s}`;
        },
        reason: 'bad_signature',
      },
    ],
    [
      'signature of the wrong length',
      {
        // 63 bytes, well encoded: a valid ES256 signature has 64.
        token: async () => {
          const signed = await sign(header(), claims());
          return `${signed.slice(0, signed.lastIndexOf('.'))}.${encodeBase64url(new Uint8Array(63).fill(7))}`;
        },
        reason: 'bad_signature',
      },
    ],
    [
      'wrong issuer',
      { token: () => sign(header(), claims({ iss: 'https://evil.example' })), reason: 'wrong_issuer' },
    ],
    [
      'wrong audience',
      { token: () => sign(header(), claims({ aud: 'https://other.example' })), reason: 'wrong_audience' },
    ],
    [
      'aud array without the audience',
      { token: () => sign(header(), claims({ aud: ['x'] })), reason: 'wrong_audience' },
    ],
    ['expired beyond leeway', { token: () => sign(header(), claims({ exp: T - 5 })), reason: 'expired' }],
    [
      'issued in the future',
      { token: () => sign(header(), claims({ iat: T + 60 })), reason: 'not_yet_valid' },
    ],
    ['nbf in the future', { token: () => sign(header(), claims({ nbf: T + 60 })), reason: 'not_yet_valid' }],
    ['exp missing', { token: () => sign(header(), claims({ exp: undefined })), reason: 'bad_claims' }],
    ['exp a string', { token: () => sign(header(), claims({ exp: String(T + 60) })), reason: 'bad_claims' }],
    ['iat missing', { token: () => sign(header(), claims({ iat: undefined })), reason: 'bad_claims' }],
    ['nbf a string', { token: () => sign(header(), claims({ nbf: 'soon' })), reason: 'bad_claims' }],
    ['sub missing', { token: () => sign(header(), claims({ sub: undefined })), reason: 'bad_claims' }],
    ['jti empty', { token: () => sign(header(), claims({ jti: '' })), reason: 'bad_claims' }],
    [
      'client_id missing',
      { token: () => sign(header(), claims({ client_id: undefined })), reason: 'bad_claims' },
    ],
    [
      'scope not a string',
      { token: () => sign(header(), claims({ scope: ['pipeline:read'] })), reason: 'bad_claims' },
    ],
    ['org_id missing', { token: () => sign(header(), claims({ org_id: undefined })), reason: 'bad_claims' }],
    ['payload is an array', { token: () => sign(header(), [1, 2]), reason: 'malformed' }],
    ['empty', { token: () => '', reason: 'malformed' }],
    ['one segment', { token: () => 'abc', reason: 'malformed' }],
    ['two segments', { token: () => 'abc.def', reason: 'malformed' }],
    ['four segments', { token: () => 'a.b.c.d', reason: 'malformed' }],
    ['empty header', { token: () => '.b.c', reason: 'malformed' }],
    ['empty payload', { token: () => 'a..c', reason: 'malformed' }],
    ['characters outside base64url', { token: () => 'a+b.c.d', reason: 'malformed' }],
    [
      // RFC 4648 §3.5: the signature's last character with its unused bits set still decodes to the same
      // bytes; only the canonical spelling is accepted, so a token has one spelling.
      'a valid signature spelled with its unused bits set',
      {
        token: async () => {
          const signed = await sign(header(), claims());
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
          const last = alphabet.indexOf(signed.at(-1)!);
          return signed.slice(0, -1) + alphabet[last | 1];
        },
        reason: 'malformed',
      },
    ],
    ['bad payload characters', { token: () => 'ab.c=.d', reason: 'malformed' }],
    ['bad signature characters', { token: () => 'ab.cd.e/', reason: 'malformed' }],
    ['header not JSON', { token: () => `${seg('not json')}.${seg(claims())}.AAAA`, reason: 'malformed' }],
    ['header JSON null', { token: () => `${seg('null')}.${seg(claims())}.AAAA`, reason: 'malformed' }],
    [
      'impossible base64url length',
      { token: () => `${seg(header())}x.${seg(claims())}.AAAA`, reason: 'malformed' },
    ],
    ['longer than maxLength', { token: () => `${'a'.repeat(4097)}.b.c`, reason: 'malformed' }],
  ])('RFC 9068 §4 / RFC 8725: %s', async (_name, { token, reason }) => {
    for (const v of [verifier(), verifier({ cache: false })]) {
      const result = await v.verify(await token());
      if (reason === null) {
        expect(result.ok).toBe(true);
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_token');
          expect(result.error.status).toBe(401);
          expect(result.error.reason).toBe(reason);
          expect(result.error.headers()['WWW-Authenticate']).toMatch(
            /^Bearer realm="neuracraft", error="invalid_token", error_description="[^"]+"$/,
          );
        }
      }
    }
  });

  it.each(SIGNING_ALGORITHMS)(
    'RFC 9068 §4: verifies issued %s tokens, synchronously on Node',
    async (alg) => {
      const k = await generateSigningKey(alg);
      const set = createKeySet([k]);
      const issued = await issueAccessToken({
        keySet: set,
        issuer: ISSUER,
        audience: AUDIENCE,
        clientId: 'app_1',
        orgId: 'org_1',
        scopes: ['pipeline:read'],
        ttlSeconds: 60,
        now: () => NOW,
      });
      const result = createTokenVerifier({
        keySet: set,
        issuer: ISSUER,
        audience: AUDIENCE,
        now: () => NOW,
      }).verify(issued.token);
      expect(result).toEqual({ ok: true, value: issued.claims });
    },
  );

  it('key rotation: tokens of the old key verify after a new key signs', async () => {
    const newKey = await generateSigningKey('EdDSA');
    const rotated = createKeySet([newKey, key]);
    const oldToken = await sign(header(), claims());
    const result = await createTokenVerifier({
      keySet: rotated,
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => NOW,
    }).verify(oldToken);
    expect(result.ok).toBe(true);
    const retired = createTokenVerifier({
      keySet: createKeySet([newKey]),
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => NOW,
    });
    expect((await retired.verify(oldToken)).ok).toBe(false);
  });

  it('takes a kid → key function, and refuses keys it did not make', async () => {
    const token = await sign(header(), claims());
    const byFunction = verifier({ keySet: (kid) => (kid === key.kid ? key : undefined) });
    expect((await byFunction.verify(token)).ok).toBe(true);
    const foreign = verifier({ keySet: () => ({ ...key }), cache: false });
    const result = await foreign.verify(token);
    expect(result.ok ? null : result.error.reason).toBe('bad_signature');
  });

  it('caches verified tokens: a second verification skips the key lookup', async () => {
    let lookups = 0;
    const v = verifier({
      keySet: (kid) => {
        lookups++;
        return keySet.get(kid);
      },
    });
    const token = await sign(header(), claims());
    expect((await v.verify(token)).ok).toBe(true);
    expect((await v.verify(token)).ok).toBe(true);
    expect(lookups).toBe(1);
    expect(v.cache?.size).toBe(1);
    expect(verifier({ cache: false }).cache).toBeNull();
  });

  it('never serves a cached token past exp', async () => {
    let now = NOW;
    const v = verifier({ now: () => now, leewaySeconds: 0 });
    const token = await sign(header(), claims({ exp: T + 10 }));
    expect((await v.verify(token)).ok).toBe(true);
    now = NOW + 10_000;
    const result = await v.verify(token);
    expect(result.ok ? null : result.error.reason).toBe('expired');
    expect(result.ok ? '' : result.error.description).toBe('The access token expired.');
  });

  it('a cache shared with a verifier of another audience does not let its tokens through', async () => {
    const cache = createTokenCache();
    const theirs = verifier({ cache, audience: 'https://other.example' });
    const ours = verifier({ cache });
    const token = await sign(header(), claims({ aud: 'https://other.example' }));
    expect((await theirs.verify(token)).ok).toBe(true);
    const result = await ours.verify(token);
    expect(result.ok ? null : result.error.reason).toBe('wrong_audience');
    const otherIssuer = verifier({
      cache,
      issuer: 'https://elsewhere.example',
      audience: 'https://other.example',
    });
    const again = await otherIssuer.verify(token);
    expect(again.ok ? null : again.error.reason).toBe('wrong_issuer');
  });

  it('uses a given cache and Date.now by default', async () => {
    const cache = createTokenCache({ maxEntries: 5 });
    const v = createTokenVerifier({ keySet, issuer: ISSUER, audience: AUDIENCE, cache });
    const token = await sign(
      header(),
      claims({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 }),
    );
    expect((await v.verify(token)).ok).toBe(true);
    expect(v.cache).toBe(cache);
    expect(cache.size).toBe(1);
  });

  it.each([
    ['sync', (revoked: Set<string>) => (jti: string) => revoked.has(jti)],
    ['async', (revoked: Set<string>) => (jti: string) => Promise.resolve(revoked.has(jti))],
  ] as const)(
    'RFC 7009 §2.2: a %s revocation hook refuses revoked tokens, cached or not',
    async (_name, hook) => {
      const revoked = new Set<string>();
      const v = verifier({ isRevoked: hook(revoked) });
      const token = await sign(header(), claims({ jti: 'tok_r' }));
      expect((await v.verify(token)).ok).toBe(true);
      expect(v.cache?.size).toBe(1);
      revoked.add('tok_r');
      const result = await v.verify(token);
      expect(result.ok ? null : result.error.reason).toBe('revoked');
      expect(v.cache?.size).toBe(0);
      const again = await v.verify(token);
      expect(again.ok ? null : again.error.reason).toBe('revoked');
      expect(v.cache?.size).toBe(0);
    },
  );

  it('accessTokenPrincipal maps claims and keeps known scopes only, memoized', () => {
    const c = claims({
      scope: 'pipeline:read openid pipeline:read admin:all',
    }) as unknown as AccessTokenClaims;
    const principal = accessTokenPrincipal(c);
    expect(principal).toEqual({
      orgId: 'org_1',
      kind: 'access_token',
      credentialId: 'tok_1',
      scopes: ['pipeline:read', 'admin:all'],
      clientId: 'app_1',
    });
    expect(accessTokenPrincipal(c)).toBe(principal);
  });
});
