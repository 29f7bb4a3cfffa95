import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the release build shows the mode reported by /api/info', async () => {
  const { page, problems } = await openPage(browser);
  const api = await (await fetch(`${baseUrl}/api/info`)).json();
  await page.goto(`${baseUrl}/`);
  const badge = page.locator('.mode[data-mode]');
  await badge.waitFor({ timeout: 30_000 });
  assert.equal(await badge.getAttribute('data-mode'), api.mode);
  assert.equal(api.mode, 'emulator');
  assert.match(await page.locator('.mode-badge').innerText(), /emulator/i);
  assert.match(await page.locator('.version').innerText(), new RegExp(api.version.replace(/\./g, '\\.')));
  assert.deepEqual(problems, []);
});

test('an unknown client route renders the app\'s own not-found page', async () => {
  const { page, problems } = await openPage(browser);
  const response = await page.goto(`${baseUrl}/no/such/page`);
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await page.locator('.mode[data-mode]').waitFor({ timeout: 30_000 });
  assert.deepEqual(problems, []);
});

test('the page fits a 375 px phone screen without sideways scrolling', async () => {
  const { page } = await openPage(browser, { width: 375, height: 740 });
  await page.goto(`${baseUrl}/`);
  await page.locator('.mode[data-mode]').waitFor({ timeout: 30_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
});
