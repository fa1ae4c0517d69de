import { afterAll, describe, expect, it } from 'vitest';
import { removeDataDir, startTestServer, type TestServer } from './support/server.js';

describe('a kill -9 during a burst of key creations', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    removeDataDir(server.dataDir);
  });

  it('leaves every key whose creation was answered 201 working after restart', async () => {
    server = await startTestServer({ NEURACRAFT_RATE_LIMIT: 'off' });
    const admin = await server.cliJson<{ key: string }>([
      'keys',
      'create',
      '--name',
      'admin',
      '--scopes',
      'admin:all',
    ]);
    const created: string[] = [];
    let failed = 0;
    const create = async (i: number) => {
      try {
        const res = await fetch(`${server.url}/v1/api-keys`, {
          method: 'POST',
          headers: { 'x-api-key': admin.key, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `burst-${i}`, scopes: ['pipeline:read'] }),
        });
        if (res.status === 201) {
          created.push(((await res.json()) as { key: string }).key);
        }
      } catch {
        failed++;
      }
    };
    const burst = Array.from({ length: 400 }, (_, i) => create(i));
    while (created.length < 50) {
      await new Promise((r) => setTimeout(r, 5));
    }
    server.process.kill('SIGKILL');
    await Promise.all(burst);
    expect(failed).toBeGreaterThan(0);

    server = await server.restart('SIGKILL');
    const statuses = await Promise.all(
      created.map(
        async (key) => (await fetch(`${server.url}/v1/pipelines`, { headers: { 'x-api-key': key } })).status,
      ),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(50);
  });
});
