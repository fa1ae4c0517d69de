import { describe, expect, it } from 'vitest';
import { decodeBase64urlText } from '../lib/base64url.js';
import { issueAccessToken, toTokenResponse } from './issue.js';
import { createKeySet, generateSigningKey, importSigningKey, SIGNING_ALGORITHMS } from './keys.js';

const NOW = 1_750_000_000_000;
const base = {
  issuer: 'https://api.neuracraft.com',
  audience: 'https://api.neuracraft.com',
  clientId: 'app_dK3qZFvDa0VPzUjIbo0psOsC',
  orgId: 'org_1',
  scopes: ['pipeline:read', 'workflow:execute'] as const,
  ttlSeconds: 3600,
  now: () => NOW,
};

const decode = (segment: string): unknown => JSON.parse(decodeBase64urlText(segment)!);

describe('issueAccessToken', () => {
  it.each(SIGNING_ALGORITHMS)('RFC 9068 §2: %s token header and claims', async (alg) => {
    const key = await generateSigningKey(alg);
    const issued = await issueAccessToken({ ...base, keySet: createKeySet([key]) });
    const [header, payload, signature] = issued.token.split('.');
    expect(decode(header!)).toEqual({ alg, typ: 'at+jwt', kid: key.kid });
    expect(decode(payload!)).toEqual(issued.claims);
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(issued.expiresIn).toBe(3600);
    expect(issued.claims).toEqual({
      iss: base.issuer,
      sub: base.clientId,
      aud: base.audience,
      exp: NOW / 1000 + 3600,
      iat: NOW / 1000,
      jti: expect.stringMatching(/^tok_[0-9A-Za-z]{24}$/),
      client_id: base.clientId,
      scope: 'pipeline:read workflow:execute',
      org_id: 'org_1',
    });
  });

  it('RFC 9068 §2.2: every token gets its own jti', async () => {
    const keySet = createKeySet([await generateSigningKey()]);
    const a = await issueAccessToken({ ...base, keySet, now: undefined });
    const b = await issueAccessToken({ ...base, keySet });
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it.each([0, -1, 1.5, 86_401, Number.NaN])('refuses ttlSeconds %s', async (ttlSeconds) => {
    const keySet = createKeySet([await generateSigningKey()]);
    await expect(issueAccessToken({ ...base, keySet, ttlSeconds })).rejects.toThrow(RangeError);
  });

  it('refuses a key set that cannot sign', async () => {
    const keySet = createKeySet([await importSigningKey((await generateSigningKey()).publicJwk)]);
    await expect(issueAccessToken({ ...base, keySet })).rejects.toThrow(TypeError);
  });
});

describe('toTokenResponse', () => {
  it('RFC 6749 §5.1: JSON body, no-store, no-cache', async () => {
    const keySet = createKeySet([await generateSigningKey()]);
    const issued = await issueAccessToken({ ...base, keySet });
    const response = toTokenResponse(issued);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(await response.json()).toEqual({
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'pipeline:read workflow:execute',
    });
  });
});
