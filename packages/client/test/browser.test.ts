import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiKey, createClient } from '../src/index.js';
import { type ProxyServer, startProxy } from './support/proxy.js';
import { type CreatedApp, createApp, createKey, createOrg } from './support/server.js';

const { url, dataDir } = inject('api');
const NAMES = ['Browser one', 'Browser two', 'Browser three'];

describe('in headless Chromium, bundled by esbuild', () => {
  let browser: Browser;
  let site: ProxyServer;
  let key: string;
  let app: CreatedApp;
  let bundle: string;

  beforeAll(async () => {
    const org = await createOrg(dataDir, 'browser');
    ({ key } = await createKey(dataDir, 'pipeline:read pipeline:write', '--org', org.id));
    app = await createApp(dataDir, 'pipeline:read', '--org', org.id);
    const client = createClient({ baseUrl: url, auth: apiKey(key), throwOnError: true });
    for (const name of NAMES) {
      await client.POST('/v1/pipelines', { body: { name, steps: [] } });
    }
    // platform: 'browser' with nothing external: a Node built-in anywhere in src would fail the build.
    const out = await build({
      entryPoints: [new URL('./browser/page.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    bundle = out.outputFiles[0]?.text ?? '';
    // The page is served by a local static server that passes every other path on to the API (same origin, no CORS).
    site = await startProxy(url, ({ path }) => {
      const { pathname } = new URL(path, 'http://x');
      if (pathname === '/') {
        return {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
          body: '<!doctype html><script type="module" src="/app.js"></script>',
        };
      }
      if (pathname === '/app.js') {
        return { status: 200, headers: { 'Content-Type': 'text/javascript' }, body: bundle };
      }
      return undefined;
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const visit = async (query: Record<string, string>) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/?${new URLSearchParams(query)}`);
    await page.waitForFunction(() => 'result' in window);
    const result = await page.evaluate(() => window.result);
    await page.close();
    return { result, errors };
  };

  it('has no Node built-in in the bundle', () => {
    expect(bundle).not.toMatch(/\brequire\(|from ["']node:/);
  });

  it('lists pipelines with an API key, page by page', async () => {
    const { result, errors } = await visit({ key });
    expect(errors).toEqual([]);
    expect(result).toEqual({ names: expect.arrayContaining(NAMES), me: 'api_key' });
    expect((result as { names: string[] }).names).toHaveLength(3);
  });

  it.each(['basic', 'post'])('lists pipelines with client credentials (client_secret_%s)', async (method) => {
    const { result, errors } = await visit({
      client_id: app.client_id,
      client_secret: app.client_secret,
      method,
    });
    expect(errors).toEqual([]);
    expect(result).toEqual({ names: expect.arrayContaining(NAMES), me: 'access_token' });
  });

  it('surfaces a typed error in the browser', async () => {
    const { result } = await visit({ key: `nc_${'A'.repeat(49)}` });
    expect(result).toMatchObject({ code: 'invalid_api_key' });
  });
});
