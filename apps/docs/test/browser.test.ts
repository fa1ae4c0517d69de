/**
 * Opens the built site in headless Chromium, served under /docs/ as the API server serves it, with
 * every request to another host blocked and recorded. Screenshots go to screenshots/ for review.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCOPES } from '@neuracraft/types';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR } from '../scripts/paths.js';
import { type DocsServer, serveDocs } from '../scripts/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(APP_DIR, 'screenshots');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SEED_ERRORS = [
  ['401', 'invalid_api_key'],
  ['401', 'invalid_token'],
  ['403', 'insufficient_scope'],
] as const;

// Without Chromium there is nothing to drive; CI installs it, so there the test must run.
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}: install the chromium package or set CHROMIUM_PATH`);
}

describe.skipIf(!hasChromium)('the docs site in Chromium, offline', () => {
  let server: DocsServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const blocked: string[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    server = await serveDocs();
    profile = mkdtempSync(join(tmpdir(), 'neuracraft-docs-chromium-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) {
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) {
        failures.push(`${response.status()} ${response.url()}`);
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('shows the reference with the token operation and the X-API-Key scheme', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    const redoc = page.locator('#redoc');
    await expect.poll(() => redoc.textContent(), { timeout: 15_000 }).toContain('/oauth/token');
    await page.screenshot({ path: join(SCREENSHOTS, 'reference.png') });

    await page.goto(`${server.url}#/oauth/createtoken`);
    await page.getByRole('heading', { name: 'Issue an access token (client credentials)' }).first().waitFor();
    await expect.poll(() => redoc.textContent()).toMatch(/POST\s*\/oauth\/token/);
    await page.waitForTimeout(500); // let the sidebar finish expanding before the screenshot
    await page.screenshot({ path: join(SCREENSHOTS, 'reference-token.png') });

    await page.goto(`${server.url}#/pipelines/listpipelines`);
    await page.getByRole('heading', { name: 'List pipelines' }).first().waitFor();
    await page.getByText('View security details').first().click();
    const scheme = page.getByText('Header parameter name:').first().locator('..');
    await expect.poll(() => scheme.textContent()).toContain('X-API-Key');
    await page.screenshot({ path: join(SCREENSHOTS, 'reference-api-key.png') });
  });

  it('shows the guide with the five scopes and the product document’s error codes', async () => {
    await page.goto(`${server.url}guide/`, { waitUntil: 'load' });
    const scopes = await page
      .locator('table[data-generated="scopes"] tbody tr td:first-child')
      .allInnerTexts();
    expect(scopes).toEqual([...SCOPES]);
    expect(scopes).toHaveLength(5);
    const errors = await page
      .locator('table[data-generated="errors"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
      );
    for (const [status, code] of SEED_ERRORS) {
      expect(
        errors.some(([s, c]) => s === status && c === code),
        `${status} ${code}`,
      ).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'guide.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'guide-full.png'), fullPage: true });
    for (const section of ['scopes-and-permissions', 'handling-errors']) {
      await page.goto(`${server.url}guide/#${section}`);
      await page.screenshot({ path: join(SCREENSHOTS, `guide-${section}.png`) });
    }
  });

  it('links from the guide to the operations of the reference', async () => {
    await page.goto(`${server.url}guide/`);
    await page.locator('a[href="../#/oauth/createtoken"]').first().click();
    await page.waitForURL(/\/docs\/#\/oauth\/createtoken$/);
    await page.getByRole('heading', { name: 'Issue an access token (client credentials)' }).first().waitFor();
    await page.getByRole('link', { name: 'Authentication guide' }).click();
    await page.waitForURL(/\/docs\/guide\/$/);
  });

  it('requested nothing from outside the machine, and everything it asked for was there', () => {
    expect(blocked).toEqual([]);
    expect(failures).toEqual([]);
  });
});
