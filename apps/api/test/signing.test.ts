import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

const header = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as Record<string, string>;

async function tokenFrom(server: TestServer): Promise<string> {
  const app = await server.cliJson<{ client_id: string; client_secret: string }>([
    'apps',
    'create',
    '--name',
    'signing',
    '--scopes',
    'pipeline:read',
  ]);
  const res = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const me = (server: TestServer, token: string) =>
  fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('token signing keys', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ['ES256', 'EC'],
    ['EdDSA', 'OKP'],
    ['RS256', 'RSA'],
  ])('NEURACRAFT_SIGNING_ALG=%s signs RFC 9068 tokens the JWKS can verify (kty %s)', async (alg, kty) => {
    server = await startTestServer({ NEURACRAFT_SIGNING_ALG: alg });
    const token = await tokenFrom(server);
    expect(header(token)).toMatchObject({ alg, typ: 'at+jwt' });
    const jwks = (await fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.json())) as {
      keys: { kid: string; kty: string; alg: string }[];
    };
    expect(jwks.keys).toContainEqual(expect.objectContaining({ kid: header(token).kid, kty, alg }));
    expect(await me(server, token)).toBe(200);
  });

  it('signing-keys rotate: new tokens carry the new key, tokens of the previous key keep working', async () => {
    server = await startTestServer();
    const before = await tokenFrom(server);
    const { kid } = await server.cliJson<{ kid: string }>(['signing-keys', 'rotate']);
    server = await server.restart();
    const after = await tokenFrom(server);
    expect(header(after).kid).toBe(kid);
    expect(header(before).kid).not.toBe(kid);
    expect(await me(server, before)).toBe(200);
    expect(await me(server, after)).toBe(200);
  });
});
