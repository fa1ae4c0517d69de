import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { type Server, startServer } from './support/server';

/**
 * The dashboard end to end, as issue #9's "Done when" lists it: a real server process serving the
 * built dashboard, driven in headless Chromium. The steps share one server, one browser and what each
 * step leaves behind (the signed-in page, the keys and apps made), so they run in order.
 */

const SHOTS = resolve(import.meta.dirname, '../screenshots');
const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };
const OTHER = { email: 'someone@example.com', password: 'another long passphrase' };
const WARNING = 'Store this securely—it won’t be shown again.';

let server: Server;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
/** Every URL the page asked for that is not the server's: there must be none. */
const outside: string[] = [];
/** What the browser said about the page's Content-Security-Policy: it must have nothing to refuse. */
const refused: string[] = [];
/** Every secret seen, to look for in the browser's storage. */
const secrets: string[] = [];

/** Writes a screenshot for review, after checking that the page and its tables fit the width (no sideways scrolling). */
async function shot(name: string) {
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 8)
      : [],
  );
  expect(wide, `${name}: these stick out of the window`).toEqual([]);
  const scrolled = await page.$$eval('.table-wrap', (wraps) =>
    wraps.map((w) => w.scrollWidth - w.clientWidth),
  );
  expect(
    scrolled.filter((px) => px > 0),
    `${name}: a table does not fit`,
  ).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

/** A plain HTTP request from the test (not the browser), as a script using a credential would make it. */
async function call(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, server.url), init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The seed's token request: `client_secret_post`, form-encoded. */
const token = (clientId: string, clientSecret: string) =>
  call('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: 'client_credentials',
      scope: 'pipeline:read workflow:execute',
    }),
  });

/** What the page keeps where a script could read it: both storages, readable cookies, IndexedDB names. */
const storage = (p: Page) =>
  p.evaluate(async () =>
    JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
    }),
  );

/** The whole page as text: its markup and the values of its fields (which the markup does not show). */
const everything = (p: Page) =>
  p.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input, textarea')]
        .map((el) => (el as HTMLInputElement).value)
        .join('\n'),
  );

async function signIn(p: Page, who: { email: string; password: string }) {
  await p.getByLabel('Email').fill(who.email);
  await p.getByLabel('Password').fill(who.password);
  const answer = p.waitForResponse((r) => r.url().endsWith('/auth/login'));
  await p.getByRole('button', { name: 'Sign in' }).click();
  return answer;
}

/** Checks that Tab and Shift+Tab keep focus inside `dialog`. */
async function expectFocusTrapped(dialog: Locator) {
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
}

const row = (name: string) => page.locator('tbody tr', { hasText: name });

/** A `GET` made by the page, with its session, as the dashboard makes it. */
const read = <T>(path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

/** Waits until a little after `time` (epoch milliseconds). */
const waitPast = (time: number) => new Promise((r) => setTimeout(r, Math.max(0, time - Date.now()) + 1_000));

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startServer();
  await server.createUser(OWNER.email, OWNER.password);
  await server.createUser(OTHER.email, OTHER.password);
  browser = await launchBrowser();
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      refused.push(message.text());
    }
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(`${server.url}/`) && !request.url().startsWith('data:')) {
      outside.push(request.url());
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.sequential('the dashboard, in Chromium, against a real server', () => {
  it('sends a visitor with no session to the login page', async () => {
    await page.goto(`${server.url}/settings/oauth-apps`);
    await page.getByRole('heading', { name: 'Sign in to the Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/settings/oauth-apps');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to the Dashboard' }).waitFor();
    await shot('01-login');
  });

  it('refuses a wrong password (401 invalid_credentials) and says so', async () => {
    const answer = await signIn(page, { email: OWNER.email, password: 'not the password at all' });
    expect(answer.status()).toBe(401);
    expect(((await answer.json()) as { error: string }).error).toBe('invalid_credentials');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Could not sign in');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await shot('02-login-wrong-password');
  });

  it('throttles repeated failures for an account (429 rate_limited), even with the right password after', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await signIn(page, { email: OTHER.email, password: `wrong password number ${i}` })).status(),
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const throttled = await signIn(page, OTHER);
    expect(throttled.status()).toBe(429);
    expect(((await throttled.json()) as { error: string }).error).toBe('rate_limited');
    expect(Number(throttled.headers()['retry-after'])).toBeGreaterThan(0);
    const said = page.getByRole('alert');
    await said.getByText('Too many attempts').waitFor();
    expect(await said.textContent()).toMatch(/Try again in \d+ (minute|second)s?\./);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('03-login-throttled');
  });

  it('signs in and lands on Settings > API Keys, with an HttpOnly, SameSite=Strict session cookie', async () => {
    const answer = await signIn(page, OWNER);
    expect(answer.status()).toBe(200);
    const { csrf_token } = (await answer.json()) as { csrf_token: string };
    secrets.push(csrf_token);
    await page.getByRole('heading', { name: 'API Keys', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/api-keys');
    const cookies = await context.cookies(server.url);
    const session = cookies.find((c) => c.name === 'nc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    secrets.push(session!.value);
    await page.getByText('No API keys yet').waitFor();
    await shot('04-api-keys-empty');
  });

  let ciKey = '';

  it('generates a key: name, scopes from the spec (admin:all flagged), expiry — shown once with a copy button and the warning', async () => {
    const opener = page.getByRole('button', { name: 'Generate New Key' });
    await opener.click();
    const form = page.getByRole('dialog', { name: 'Generate New Key' });
    await form.waitFor();
    expect(
      await form.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    for (const scope of ['pipeline:read', 'pipeline:write', 'workflow:execute', 'plugin:manage']) {
      expect(await form.getByRole('checkbox', { name: scope }).isChecked()).toBe(true);
    }
    const admin = form.getByRole('checkbox', { name: /admin:all/ });
    expect(await admin.isChecked()).toBe(false);
    expect(await form.locator('.scope-option.danger').textContent()).toContain('Dangerous');
    await admin.check();
    await form.getByText('admin:all gives this key full system access').waitFor();
    await admin.uncheck();

    // Nothing typed: the form says what is missing instead of sending.
    await form.getByRole('button', { name: 'Generate key' }).click();
    await form.getByText('Give the key a name').waitFor();
    await form.getByLabel('Name', { exact: true }).fill('CI deploy');
    await form.getByLabel('Expiration').selectOption('90');
    await expectFocusTrapped(form);
    await shot('05-generate-key-dialog');
    await form.getByRole('button', { name: 'Generate key' }).click();

    const shown = page.getByRole('alertdialog', { name: 'Your new API key' });
    await shown.waitFor();
    ciKey = await shown.getByLabel('API key', { exact: true }).inputValue();
    expect(ciKey).toMatch(/^nc_[0-9A-Za-z]{40,}$/);
    secrets.push(ciKey);
    expect(await shown.textContent()).toContain(WARNING);
    await shown.getByRole('button', { name: 'Copy API key' }).click();
    await shown.getByText('API key copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ciKey);
    await expectFocusTrapped(shown);
    await shot('06-key-shown-once');

    // The key cannot be lost by a stray Escape; Done closes it and focus goes back to the opener.
    await page.keyboard.press('Escape');
    expect(await shown.isVisible()).toBe(true);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    await row('CI deploy').getByText('Active').waitFor();
  });

  it('the key lists pipelines over plain HTTP (X-API-Key, as in the seed)', async () => {
    const { status, body } = await call('/v1/pipelines', { headers: { 'X-API-Key': ciKey } });
    expect(status).toBe(200);
    expect(body.data).toEqual([]);

    // Something for the read-only pages to show.
    const json = (body: unknown) => ({
      method: 'POST',
      headers: { 'X-API-Key': ciKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const pipeline = await call(
      '/v1/pipelines',
      json({
        name: 'Nightly sync',
        description: 'Copies yesterday’s orders into the warehouse.',
        steps: [
          { name: 'Fetch orders', uses: 'http-request@1' },
          { name: 'Transform', uses: 'jq@1' },
          { name: 'Load', uses: 'postgres@2' },
        ],
      }),
    );
    expect(pipeline.status).toBe(201);
    const workflow = await call(
      '/v1/workflows',
      json({
        name: 'Every night at 2',
        pipeline_id: pipeline.body.id,
        trigger: { type: 'schedule', cron: '0 2 * * *' },
      }),
    );
    expect(workflow.status).toBe(201);
    const execution = await call(
      `/v1/workflows/${workflow.body.id}/executions`,
      json({ inputs: { date: '2026-05-13' } }),
    );
    expect(execution.status).toBe(201);
  });

  it('after a reload the key is nowhere on the page, nor in storage or a readable cookie', async () => {
    await page.reload();
    await row('CI deploy').waitFor();
    expect(await everything(page)).not.toContain(ciKey);
    expect(await row('CI deploy').textContent()).toContain(`${ciKey.slice(0, 7)}…`);
    const kept = await storage(page);
    for (const secret of secrets) {
      expect(kept).not.toContain(secret);
    }
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await shot('07-api-keys-list');
  });

  it('revokes the key after a confirmation; the same request then gets 401 invalid_api_key', async () => {
    const revoke = row('CI deploy').getByRole('button', { name: 'Revoke CI deploy' });
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “CI deploy”?' });
    // Escape backs out, and focus returns to the button.
    await revoke.click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await revoke.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    // Cancel is focused first: Enter on a stray key press does not revoke.
    expect(
      await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await shot('08-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row('CI deploy').getByText('Revoked').waitFor();
    await page.getByRole('status').filter({ hasText: 'is revoked' }).waitFor();

    const { status, body } = await call('/v1/pipelines', { headers: { 'X-API-Key': ciKey } });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_api_key');
  });

  it('rotates a key with a grace period: both keys work until the old one’s time is up', async () => {
    await page.getByRole('button', { name: 'Generate New Key' }).click();
    const form = page.getByRole('dialog', { name: 'Generate New Key' });
    await form.getByLabel('Name', { exact: true }).fill('Reporting');
    await form.getByRole('checkbox', { name: 'pipeline:write' }).uncheck();
    await form.getByRole('checkbox', { name: 'workflow:execute' }).uncheck();
    await form.getByRole('checkbox', { name: 'plugin:manage' }).uncheck();
    await form.getByRole('button', { name: 'Generate key' }).click();
    const shown = page.getByRole('alertdialog', { name: 'Your new API key' });
    const oldKey = await shown.getByLabel('API key', { exact: true }).inputValue();
    secrets.push(oldKey);
    await shown.getByRole('button', { name: 'Done' }).click();

    await row('Reporting').getByRole('button', { name: 'Rotate Reporting' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate “Reporting”' });
    await rotate.getByLabel('Keep the old key working for', { exact: true }).fill('6');
    await rotate.getByLabel('Keep the old key working for: unit').selectOption('seconds');
    await shot('09-rotate-key-dialog');
    await rotate.getByRole('button', { name: 'Rotate key' }).click();
    const rotated = page.getByRole('alertdialog', { name: 'Key rotated' });
    const newKey = await rotated.getByLabel('API key', { exact: true }).inputValue();
    secrets.push(newKey);
    expect(newKey).not.toBe(oldKey);
    expect(await rotated.textContent()).toContain('keeps working until');
    expect(await rotated.textContent()).toContain(WARNING);
    await rotated.getByRole('button', { name: 'Done' }).click();

    // The server's own word on when the old key ends: the one named so that now has an expiry.
    const keys = await read<{ data: { name: string; status: string; expires_at: string | null }[] }>(
      '/v1/api-keys',
    );
    const ending = keys.data.find((k) => k.name === 'Reporting' && k.status === 'active' && k.expires_at);
    const until = Date.parse(ending!.expires_at!);
    const list = (key: string) => call('/v1/pipelines', { headers: { 'X-API-Key': key } });
    expect((await list(oldKey)).status).toBe(200);
    expect((await list(newKey)).status).toBe(200);
    expect(Date.now(), 'both keys were tried within the grace period').toBeLessThan(until);
    await waitPast(until);
    const old = await list(oldKey);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_api_key');
    expect((await list(newKey)).status).toBe(200);
  });

  let clientId = '';
  let firstSecret = '';

  it('creates an OAuth app: client_id and client_secret shown once, with copy buttons; the secret gets a token', async () => {
    await page.getByRole('link', { name: 'OAuth Apps' }).click();
    await page.getByRole('heading', { name: 'OAuth Apps', level: 1 }).waitFor();
    expect(
      await page
        .getByRole('heading', { name: 'OAuth Apps', level: 1 })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.getByRole('button', { name: 'Create App' }).click();
    const form = page.getByRole('dialog', { name: 'Create OAuth App' });
    await form.getByLabel('Name', { exact: true }).fill('Zapier integration');
    await form.getByRole('checkbox', { name: 'workflow:execute' }).check();
    await shot('10-create-app-dialog');
    await form.getByRole('button', { name: 'Create app' }).click();

    const shown = page.getByRole('alertdialog', { name: 'Your new OAuth app' });
    await shown.waitFor();
    clientId = await shown.getByLabel('Client ID', { exact: true }).inputValue();
    firstSecret = await shown.getByLabel('Client secret', { exact: true }).inputValue();
    secrets.push(firstSecret);
    expect(clientId).toMatch(/^app_/);
    expect(firstSecret).toMatch(/^ncs_/);
    expect(await shown.textContent()).toContain(WARNING);
    await shown.getByRole('button', { name: 'Copy Client ID' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
    await shown.getByRole('button', { name: 'Copy Client secret' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstSecret);
    await shot('11-app-credentials-shown-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await row('Zapier integration').waitFor();

    const issued = await token(clientId, firstSecret);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', scope: 'pipeline:read workflow:execute' });
    const workflows = await call('/v1/workflows', {
      headers: { Authorization: `Bearer ${issued.body.access_token}` },
    });
    expect(workflows.status).toBe(200);
  });

  it('rotates the secret with a grace period: both secrets work until the old one’s time is up', async () => {
    await row('Zapier integration')
      .getByRole('button', { name: 'Rotate secret of Zapier integration' })
      .click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the secret of “Zapier integration”' });
    await rotate.getByLabel('Keep the current secret working for', { exact: true }).fill('8');
    await rotate.getByLabel('Keep the current secret working for: unit').selectOption('seconds');
    await shot('12-rotate-secret-dialog');
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const shown = page.getByRole('alertdialog', { name: 'New client secret' });
    const secondSecret = await shown.getByLabel('Client secret', { exact: true }).inputValue();
    secrets.push(secondSecret);
    expect(secondSecret).not.toBe(firstSecret);
    expect(await shown.getByLabel('Client ID', { exact: true }).inputValue()).toBe(clientId);
    expect(await shown.textContent()).toContain('keeps working until');
    await shown.getByRole('button', { name: 'Done' }).click();
    await row('Zapier integration')
      .getByText(/expires in/)
      .waitFor();
    await shot('13-oauth-apps-list');

    const apps = await read<{ data: { client_id: string; secrets: { expires_at: string | null }[] }[] }>(
      '/v1/oauth-apps',
    );
    const ending = apps.data.find((a) => a.client_id === clientId)!.secrets.find((x) => x.expires_at);
    const until = Date.parse(ending!.expires_at!);
    expect((await token(clientId, firstSecret)).status).toBe(200);
    expect((await token(clientId, secondSecret)).status).toBe(200);
    expect(Date.now(), 'both secrets were tried within the grace period').toBeLessThan(until);
    await waitPast(until);
    const old = await token(clientId, firstSecret);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
    expect((await token(clientId, secondSecret)).status).toBe(200);

    // Deleting the app, after a confirmation, ends its secrets too.
    await row('Zapier integration').getByRole('button', { name: 'Delete Zapier integration' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete “Zapier integration”?' });
    await shot('14-delete-app-confirm');
    await confirm.getByRole('button', { name: 'Delete app' }).click();
    await page.getByText('No OAuth apps yet').waitFor();
    expect((await token(clientId, secondSecret)).body.error).toBe('invalid_client');
  });

  it('refuses a mutation made with the session cookie but without the CSRF header (403 csrf_token_invalid)', async () => {
    const attempt = (headers: Record<string, string>) =>
      page.evaluate(async (headers) => {
        const response = await fetch('/v1/api-keys', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ name: 'Made without the CSRF token', scopes: ['admin:all'] }),
        });
        return { status: response.status, body: (await response.json()) as { error: string } };
      }, headers);
    const without = await attempt({});
    expect(without).toMatchObject({ status: 403, body: { error: 'csrf_token_invalid' } });
    const wrong = await attempt({ 'X-CSRF-Token': 'x'.repeat(43) });
    expect(wrong).toMatchObject({ status: 403, body: { error: 'csrf_token_invalid' } });
    // The cookie was sent (a read with it succeeds), and nothing was made.
    const keys = await page.evaluate(
      async () => (await (await fetch('/v1/api-keys')).json()) as { data: { name: string }[] },
    );
    expect(keys.data.map((k) => k.name)).not.toContain('Made without the CSRF token');
  });

  it('shows pipelines, workflows, recent executions and the audit log, read-only', async () => {
    const pages = [
      ['Pipelines', '/pipelines', 'Nightly sync', '15-pipelines'],
      ['Workflows', '/workflows', 'Every night at 2', '16-workflows'],
      ['Executions', '/executions', 'Every night at 2', '17-executions'],
      ['Audit Log', '/audit', 'API key revoked', '18-audit'],
    ] as const;
    for (const [name, path, shows, file] of pages) {
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      await page.locator('tbody').getByText(shows).first().waitFor();
      expect(await page.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
      await shot(file);
    }
    // The audit log tells what the credentials did, and filters.
    await page.getByLabel('Outcome').selectOption('failure');
    await expect.poll(() => new URL(page.url()).search).toBe('?outcome=failure');
    await expect.poll(() => page.locator('tbody').getByText('API key created').count()).toBe(0);
    expect(await page.locator('tbody').getByText('Sign-in failed').count()).toBe(6);
  });

  it('an ended session sends you to the login page, and back to where you were after signing in', async () => {
    await page.getByRole('link', { name: 'Pipelines' }).click();
    await page.getByRole('heading', { name: 'Pipelines', level: 1 }).waitFor();
    // End the session behind the page's back, as its expiry would.
    const cookie = (await context.cookies(server.url)).find((c) => c.name === 'nc_session')!;
    const headers = { cookie: `nc_session=${cookie.value}` };
    const { body } = await call('/auth/session', { headers });
    expect(
      (
        await call('/auth/logout', {
          method: 'POST',
          headers: { ...headers, 'X-CSRF-Token': String(body.csrf_token) },
        })
      ).status,
    ).toBe(204);

    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByText('Your session has ended').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/workflows');
    await shot('19-session-ended');
    expect((await signIn(page, OWNER)).status()).toBe(200);
    await page.getByRole('heading', { name: 'Workflows', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/workflows');
  });

  it('signs out for real: the session is over on the server too', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the Dashboard' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/auth/session')).status);
    expect(status).toBe(401);
  });

  it('kept no secret in localStorage, sessionStorage or a readable cookie, asked nothing of any other host, and broke no rule of its Content-Security-Policy', async () => {
    expect(
      await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
    ).toContain("connect-src 'self'");
    expect(refused).toEqual([]);
    const kept = await storage(page);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) {
      expect(kept).not.toContain(secret);
    }
    expect(JSON.parse(kept)).toMatchObject({ local: {}, session: {}, cookie: '', indexedDB: [] });
    expect(outside).toEqual([]);
  });
});
