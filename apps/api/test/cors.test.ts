import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startTestServer, type TestServer } from './support/server.js';

describe('CORS for the origins in NEURACRAFT_CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NEURACRAFT_CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(async () => {
    await server?.stop();
    removeDataDir(server.dataDir);
  });

  it('answers a preflight from a listed origin, allowing X-API-Key and Authorization but no cookie', async () => {
    const res = await fetch(`${server.url}/v1/pipelines`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-API-Key/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the page read X-Request-Id and the error of a real answer', async () => {
    const res = await fetch(`${server.url}/v1/pipelines`, { headers: { origin: 'https://app.example.com' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    expect(((await res.json()) as { error: string }).error).toBe('authentication_required');
  });

  it('gives any other origin no Access-Control-Allow-Origin', async () => {
    const res = await fetch(`${server.url}/v1/pipelines`, {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off without the setting: the dashboard session scheme is never cross-origin', async () => {
    const plain = await startTestServer();
    try {
      const res = await fetch(`${plain.url}/v1/me`, { headers: { origin: 'https://app.example.com' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.stop();
      removeDataDir(plain.dataDir);
    }
  });
});
