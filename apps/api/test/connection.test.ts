/**
 * Credentials sent again and again on one kept-alive connection: the server does not hash them again,
 * and must still refuse them the moment they are revoked, and refuse any other credential sent there.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakChecksum,
  type CreatedApp,
  call,
  createApp,
  createKey,
  remember,
  startWorld,
  stopServersAndScanLogs,
  tokenFor,
  type World,
} from './support/fixtures.js';

let world: World;
let app: CreatedApp;

beforeAll(async () => {
  world = await startWorld({ NEURACRAFT_AUTH_FAILURE_LIMIT: 'off' });
  app = await createApp(world.server, world.a, ['pipeline:read']);
});

afterAll(async () => {
  const { leaked } = await stopServersAndScanLogs();
  expect(leaked).toEqual([]);
});

interface Answer {
  readonly status: number;
  /** The `error` code of an error answer. */
  readonly code: string | undefined;
  /** The client side port of the connection the answer came on. */
  readonly port: number;
}

/** One client connection: every request goes over the same kept-alive socket. */
function connection() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, headers: Record<string, string>) =>
    new Promise<Answer>((done, fail) => {
      const req = request(`${world.server.url}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          done({
            status: res.statusCode ?? 0,
            code: res.statusCode === 200 ? undefined : (JSON.parse(text) as { error?: string }).error,
            port: req.socket?.localPort ?? 0,
          });
        });
      });
      req.on('error', fail);
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

describe('one kept-alive connection', () => {
  it('a key revoked between two of its requests is refused on the very connection that used it', async () => {
    const { id, key } = await createKey(world.server, world.a, ['pipeline:read']);
    const client = connection();
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) {
        answers.push(await client.get('/v1/me', { 'x-api-key': key }));
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.port)).size).toBe(1);

      // One character off the key it just sent, then another org's key: each judged on its own.
      const broken = await client.get('/v1/me', { 'x-api-key': breakChecksum(key) });
      expect(broken).toMatchObject({ status: 401, code: 'invalid_api_key', port: answers[0]!.port });
      const otherOrg = await createKey(world.server, world.b, ['pipeline:read']);
      const other = await client.get('/v1/pipelines', { 'x-api-key': otherOrg.key });
      expect(other).toMatchObject({ status: 200, port: answers[0]!.port });
      expect((await client.get('/v1/me', { 'x-api-key': key })).status).toBe(200);

      const revoked = await call(world.server, 'DELETE', `/v1/api-keys/${id}`, { key: world.a.adminKey });
      expect(revoked.status).toBe(204);
      const after = await client.get('/v1/me', { 'x-api-key': key });
      expect(after).toMatchObject({ status: 401, code: 'invalid_api_key', port: answers[0]!.port });
    } finally {
      client.close();
    }
  });

  it('a token revoked between two of its requests is refused on the very connection that used it', async () => {
    const token = await tokenFor(world.server, app);
    const client = connection();
    try {
      const first = await client.get('/v1/me', { authorization: `Bearer ${token}` });
      expect(first.status).toBe(200);
      expect(await client.get('/v1/me', { authorization: `Bearer ${token}` })).toMatchObject({
        status: 200,
        port: first.port,
      });
      // The same token with a character in the middle of its signature changed.
      const at = token.length - 20;
      const forged = remember(token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1));
      expect(await client.get('/v1/me', { authorization: `Bearer ${forged}` })).toMatchObject({
        status: 401,
        code: 'invalid_token',
        port: first.port,
      });

      const revoked = await call(world.server, 'POST', '/oauth/revoke', {
        form: { token, client_id: app.client_id, client_secret: app.client_secret },
      });
      expect(revoked.status).toBe(200);
      expect(await client.get('/v1/me', { authorization: `Bearer ${token}` })).toMatchObject({
        status: 401,
        code: 'invalid_token',
        port: first.port,
      });
    } finally {
      client.close();
    }
  });
});
