// The first screens prerendered at build time (issue 18): the server sends `/apply` as HTML
// in the reader's language, and the officers' sign-in to a browser without a session,
// usable before the wasm has arrived; what is typed there meanwhile is kept when the app
// takes over, and the application (or the sign-in) goes through with it. The wasm is held
// back by the test until the reader has typed, then let through. `/` and `/apply` are a
// smaller build of their own (dist/start/), which brings the prerendered page to life where
// it is (src/first_screens/); the link page loads the whole app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { baseUrl, launch } from './browser.mjs';
import { GEORGE, OFFICER } from './journey.mjs';

const FIL = JSON.parse(readFileSync(new URL('../../locales/fil.json', import.meta.url), 'utf8'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page whose wasm download waits until `release()` is called. */
async function withWasmHeld(locale) {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { context, page, release, problems };
}

test('/apply is usable before the wasm arrives, and what was typed survives the takeover', async () => {
  const { context, page, release, problems } = await withWasmHeld('en-PH');
  try {
    await page.goto(`${baseUrl}/apply`, { waitUntil: 'domcontentloaded' });
    // The prerendered form: in the page as sent, no wasm yet.
    const name = page.locator('#field-fullName');
    await name.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await page.locator('[data-prerendered]').count() > 0, 'the prerendered screen');
    const submit = page.getByRole('button', { name: 'Continue', exact: true });
    assert.equal(await submit.isDisabled(), true, 'no submit before the app can send it');
    await name.fill(GEORGE.name);
    await page.locator('#field-email').fill(GEORGE.email);
    await page.getByLabel(/I agree to share/).check();
    await page.locator('#field-email').focus();

    release();
    // The same page, brought to life: its button works once the wasm is running.
    await page.locator('.apply-form button[type=submit]:enabled').waitFor({ timeout: 30_000 });
    assert.equal(await submit.isDisabled(), false, 'the app took over');
    assert.ok(await page.locator('[data-prerendered]').count() > 0, 'the prerendered screen, kept');
    assert.equal(await name.inputValue(), GEORGE.name);
    assert.equal(await page.locator('#field-email').inputValue(), GEORGE.email);
    assert.equal(await page.getByLabel(/I agree to share/).isChecked(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-email', 'focus kept');

    // The app holds what was typed: the rest filled, the application is received.
    await page.getByLabel('Mobile number').fill(GEORGE.mobile);
    await page.getByLabel('Employer').fill(GEORGE.employer);
    await page.getByLabel('Monthly income').fill(GEORGE.income);
    await submit.click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor({ timeout: 30_000 });

    // The first screens are their own smaller build; the link page loads the whole app.
    const wasm = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
    });
    const ownWasm = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm')));
    assert.ok(ownWasm.length === 1 && ownWasm[0].startsWith('/start/wink-start-'), `first screens' wasm: ${ownWasm}`);
    await page.getByRole('button', { name: 'Continue: link your accounts' }).click();
    await page.getByRole('heading', { name: 'Link your income accounts' }).waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).pathname, '/link');
    assert.ok(wasm.length === 1 && wasm[0].startsWith('/wink-portal-'), `the whole app's wasm: ${wasm}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a Filipino reader is sent the Filipino first screen, and the language shown is remembered', async () => {
  const { context, page, release } = await withWasmHeld('fil-PH');
  try {
    await page.goto(`${baseUrl}/apply`, { waitUntil: 'domcontentloaded' });
    await page.locator('#field-fullName').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fil');
    assert.equal(await page.locator('h1').innerText(), FIL['apply.title']);
    release();
    await page.locator('.apply-form button[type=submit]:enabled').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('h1').innerText(), FIL['apply.title']);
    // The app's choice is what the server reads next time, whatever the browser says.
    const cookies = await context.cookies(baseUrl);
    assert.equal(cookies.find((c) => c.name === 'wink_lang')?.value, 'fil');
    const english = await fetch(`${baseUrl}/apply`, {
      headers: { 'accept-language': 'en', cookie: 'wink_lang=id' },
    });
    assert.equal(english.headers.get('vary')?.includes('accept-language'), true);
    assert.match(await english.text(), /<html lang="id">/);
  } finally {
    await context.close();
  }
});

test("the officers' sign-in is usable before the wasm arrives; a session skips it", async () => {
  const { context, page, release, problems } = await withWasmHeld('en-PH');
  try {
    await page.goto(`${baseUrl}/officer/`, { waitUntil: 'domcontentloaded' });
    await page.locator('#officer-email').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await page.locator('[data-prerendered]').count() > 0, 'the prerendered sign-in');
    await page.locator('#officer-email').fill(OFFICER.email);
    await page.locator('#officer-password').fill(OFFICER.password);
    release();
    await page.locator('[data-prerendered]').first().waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await page.locator('#officer-email').inputValue(), OFFICER.email);
    // The app's session check (a 401) leaves the form and what is typed in it alone.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('#officer-password').inputValue(), OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Applicants' }).waitFor({ timeout: 30_000 });
    // Signed in, a reload is the dashboard itself: never the sign-in form first.
    const reloaded = await context.request.get(`${baseUrl}/officer/`);
    assert.equal((await reloaded.text()).includes('data-prerendered'), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
