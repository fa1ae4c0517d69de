import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startTestServer, type TestServer } from './support/server.js';

const run = promisify(execFile);

/**
 * The product document's own snippets, run as a user would: the only edits are the host
 * (https://api.neuracraft.com → http://localhost:8080) and the placeholders, filled with real credentials.
 */
const SEED = readFileSync(new URL('./fixtures/authentication.md', import.meta.url), 'utf8');
const blocks = (lang: string) =>
  [...SEED.matchAll(new RegExp(`^( *)\`\`\`${lang}\\n([\\s\\S]*?)^ *\`\`\``, 'gm'))].map(([, indent, body]) =>
    body!.replace(new RegExp(`^${indent}`, 'gm'), ''),
  );

/** A Python with `requests`, as the snippet needs: the first on PATH, else Debian's. */
async function python(): Promise<string> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      await run(candidate, ['-c', 'import requests']);
      return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error('no python3 with the requests module: install python3-requests');
}

describe('every curl and Python snippet of the product document, verbatim, against localhost:8080', () => {
  let server: TestServer;
  let credentials: Record<string, string>;
  const fill = (snippet: string) =>
    Object.entries(credentials).reduce(
      (text, [placeholder, value]) => text.replaceAll(placeholder, value),
      snippet.replaceAll('https://api.neuracraft.com', 'http://localhost:8080'),
    );

  beforeAll(async () => {
    server = await startTestServer({ PORT: '8080', HOST: '0.0.0.0' });
    const key = await server.cliJson<{ key: string }>(['keys', 'create', '--name', 'seed']);
    const app = await server.cliJson<{ client_id: string; client_secret: string }>([
      'apps',
      'create',
      '--name',
      'seed',
      '--scopes',
      'pipeline:read workflow:execute',
    ]);
    credentials = {
      your_api_key_here: key.key,
      your_client_id: app.client_id,
      your_client_secret: app.client_secret,
    };
  });
  afterAll(async () => {
    await server?.stop();
    removeDataDir(server.dataDir);
  });

  it('has the snippets this test runs: three curl blocks and one Python block', () => {
    expect(blocks('bash')).toHaveLength(3);
    expect(blocks('python')).toHaveLength(1);
  });

  it('API key: curl -X GET /v1/pipelines -H "X-API-Key: …" lists pipelines', async () => {
    const { stdout } = await run('bash', ['-c', fill(blocks('bash')[0]!)]);
    expect(JSON.parse(stdout)).toEqual({ data: [], next_cursor: null });
  });

  it('API key: the Python requests snippet gets 200 and the list', async () => {
    const code = `${fill(blocks('python')[0]!)}\nprint(response.status_code)\nprint(response.text)\n`;
    const { stdout } = await run(await python(), ['-c', code]);
    const [status, body] = stdout.trim().split('\n');
    expect(status).toBe('200');
    expect(JSON.parse(body!)).toEqual({ data: [], next_cursor: null });
  });

  it('OAuth 2.0: the token request, then GET /v1/workflows with the bearer token (RFC 6749 §4.4, RFC 6750 §2.1)', async () => {
    const token = JSON.parse((await run('bash', ['-c', fill(blocks('bash')[1]!)])).stdout) as Record<
      string,
      unknown
    >;
    expect(token).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'pipeline:read workflow:execute',
    });
    credentials.your_access_token_here = token.access_token as string;

    const { stdout } = await run('bash', ['-c', fill(blocks('bash')[2]!)]);
    expect(JSON.parse(stdout)).toEqual({ data: [], next_cursor: null });
  });

  it.each([
    ['invalid_api_key', 401, ['-H', 'X-API-Key: nc_thisIsNotAKey']],
    ['invalid_token', 401, ['-H', 'Authorization: Bearer not.a.token']],
  ])('the error table: %s is answered %i', async (code, status, args) => {
    const { stdout } = await run('curl', [
      '-s',
      '-w',
      '\n%{http_code}',
      ...args,
      'http://localhost:8080/v1/pipelines',
    ]);
    const [body, got] = stdout.split('\n');
    expect(Number(got)).toBe(status);
    expect(JSON.parse(body!).error).toBe(code);
  });

  it('the error table: insufficient_scope is answered 403 for a token without pipeline:write', async () => {
    const { stdout } = await run('curl', [
      '-s',
      '-w',
      '\n%{http_code}',
      '-X',
      'POST',
      '-H',
      `Authorization: Bearer ${credentials.your_access_token_here}`,
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"name":"x"}',
      'http://localhost:8080/v1/pipelines',
    ]);
    const [body, got] = stdout.split('\n');
    expect(Number(got)).toBe(403);
    expect(JSON.parse(body!)).toMatchObject({
      error: 'insufficient_scope',
      required_scopes: ['pipeline:write'],
    });
  });
});
