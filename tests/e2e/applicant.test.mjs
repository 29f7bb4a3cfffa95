// The applicant's journey in Chromium: the release build served by wink-server in emulator
// mode, the emulator's stand-in widget, and the server's own API — nothing mocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE, RYAN, account, apply, applyAndLinkSss, logIn, noSidewaysScroll, openWidget } from './journey.mjs';

const [apiKey, apiSecret] = (process.env.WINK_TEST_SECRETS ?? 'sandbox-emulator-key,sandbox-emulator-secret').split(',');
const admin = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('George applies, links sss_ph and sees it ready, at 375 px', async () => {
  const { page, problems } = await openPage(browser);
  await applyAndLinkSss(page, GEORGE);
  const row = account(page, 'sss_ph');
  await row.waitFor({ timeout: 30_000 });
  // Webhooks → sync → the server's event stream: the page shows the data has arrived.
  await page.waitForFunction(() => {
    const li = document.querySelector('li.account[data-provider-id="sss_ph"]');
    return li && li.dataset.status === 'ready';
  }, null, { timeout: 30_000 });
  await noSidewaysScroll(page);
  assert.deepEqual(problems, []);
});

test('a wrong password explains INVALID_CREDENTIALS; a retry succeeds', async () => {
  const { page } = await openPage(browser);
  await apply(page, GEORGE);
  const dialog = await openWidget(page);
  await logIn(dialog, /^SSS\b/, GEORGE.email, 'not-the-password');
  await dialog.getByRole('button', { name: 'Try again' }).waitFor();
  // The page explains the error in plain language while the widget is still open.
  await page.locator('.notices').getByText(/password/i).first().waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await dialog.getByLabel('Email or mobile number').fill(GEORGE.email);
  await dialog.getByLabel('Password').fill('123456');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('li.account')]
    .some((li) => li.dataset.status === 'connected' || li.dataset.status === 'ready'), null, { timeout: 30_000 });
});

test('Ryan completes MFA on an MFA provider', async () => {
  const { page } = await openPage(browser);
  await apply(page, RYAN);
  const dialog = await openWidget(page);
  await logIn(dialog, /^Upwork\b/, RYAN.email, '654321');
  await dialog.getByLabel(/code/i).fill('1234');
  await dialog.getByRole('button', { name: /Verify|Submit|Continue/ }).click();
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await account(page, 'upwork').waitFor({ timeout: 30_000 });
});

test('an expired link token is replaced and the widget reopens', async () => {
  const { page } = await openPage(browser);
  let configs = 0;
  page.on('requestfinished', (r) => { if (r.url().endsWith('/api/link/config')) configs += 1; });
  await apply(page, GEORGE);
  // The page prefetches a config for the button: expire its token only once it has one,
  // or the prefetch could come after the expiry with a fresh token and prove nothing.
  for (let i = 0; i < 300 && configs === 0; i += 1) await page.waitForTimeout(100);
  assert.ok(configs > 0, 'the link page fetched its first config');
  // Every token issued so far stops working, as after hours on the page.
  const expired = await fetch(`${baseUrl}/sandbox/_emulator/tokens/expire`, { method: 'POST', headers: { Authorization: admin } });
  assert.ok(expired.ok, `expire tokens: ${expired.status}`);
  const before = configs;
  await page.getByRole('button', { name: 'Link an account' }).click();
  // The widget finds its token expired, calls onTokenExpired; the page fetches a new one.
  for (let i = 0; i < 300 && configs === before; i += 1) await page.waitForTimeout(100);
  assert.ok(configs > before, 'a new link config (token) was fetched');
  const dialog = page.getByRole('dialog');
  const consent = dialog.getByRole('button', { name: 'Continue' });
  await consent.waitFor({ timeout: 30_000 });
  await consent.click();
  await logIn(dialog, /^SSS\b/, GEORGE.email, '123456');
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
});

test('revoking an account in the widget removes it from the list', async () => {
  const { page } = await openPage(browser);
  await apply(page, GEORGE);
  let dialog = await openWidget(page);
  await logIn(dialog, /^SSS\b/, GEORGE.email, '123456');
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await account(page, 'sss_ph').waitFor({ timeout: 30_000 });

  dialog = await openWidget(page, 'Manage connections');
  await dialog.getByRole('button', { name: /^Disconnect SSS/ }).click();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await account(page, 'sss_ph').waitFor({ state: 'detached', timeout: 30_000 });
});
