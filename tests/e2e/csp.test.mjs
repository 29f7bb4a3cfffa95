// The Content-Security-Policy in Chromium (issue 8, item 3): the release build served by
// wink-server in emulator mode. The normal flows — an applicant applies and links George's
// SSS account in the (stand-in) widget, an officer signs in and opens the list — cause no
// violation at all; a script injected from another origin is blocked and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE, account, applyAndLinkSss, OFFICER, signInAsOfficer } from './journey.mjs';

const { password } = OFFICER;
const skipOfficer = password ? false : 'WINK_DEMO_OFFICER_PASSWORD is not set (run it with cargo xtask test)';
const EVIL = 'https://evil.example/x.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * A page whose every document reports its `securitypolicyviolation` events (through a
 * binding, so they survive full page loads), and whose HTML documents' CSP headers are kept.
 * `evil.example` would answer with a script that marks the page, were it ever fetched.
 */
async function watchedPage(size) {
  const { page, problems } = await openPage(browser, size);
  const violations = [];
  const policies = [];
  await page.context().exposeBinding('__cspViolation', (_source, v) => { violations.push(v); });
  await page.context().addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
        page: location.pathname,
      });
    });
  });
  let evilFetched = false;
  await page.route('https://evil.example/**', (route) => {
    evilFetched = true;
    return route.fulfill({ contentType: 'text/javascript', body: 'window.__evilRan = true;' });
  });
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'document') {
      policies.push({ url: response.url(), csp: await response.headerValue('content-security-policy') });
    }
  });
  return { page, problems, violations, policies, evilFetched: () => evilFetched };
}

/** Waits until `violations` has one matching `predicate` (or 10 s pass). */
async function violationFor(page, violations, predicate) {
  for (let i = 0; i < 100; i += 1) {
    const found = violations.find(predicate);
    if (found) return found;
    await page.waitForTimeout(100);
  }
  return undefined;
}

/** Injects `<script src=EVIL>` into the page, as an XSS would. */
async function injectEvilScript(page) {
  await page.evaluate((src) => {
    const script = document.createElement('script');
    script.src = src;
    document.head.appendChild(script);
  }, EVIL);
}

test('the built pages carry no static nonce', async () => {
  for (const path of ['/', '/officer/']) {
    const response = await fetch(`${baseUrl}${path}`);
    assert.equal(response.status, 200, path);
    const html = await response.text();
    assert.doesNotMatch(html, /nonce=/i, `${path}: a nonce baked into index.html`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/, `${path}: ${csp}`);
    assert.doesNotMatch(csp, /nonce-|'unsafe-eval'/, `${path}: ${csp}`);
  }
});

test('George applies and links sss_ph with no CSP violation', async () => {
  const { page, problems, violations, policies } = await watchedPage();
  await applyAndLinkSss(page, GEORGE);
  await account(page, 'sss_ph').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const li = document.querySelector('li.account[data-provider-id="sss_ph"]');
    return li && li.dataset.status === 'ready';
  }, null, { timeout: 30_000 });
  assert.ok(policies.length > 0 && policies.every((p) => p.csp?.includes("frame-ancestors 'none'")),
    `every page load had the CSP: ${JSON.stringify(policies)}`);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), []);
});

test('the officer signs in and opens the list with no CSP violation', { skip: skipOfficer }, async () => {
  const { page, problems, violations, policies } = await watchedPage({ width: 1280, height: 900 });
  await signInAsOfficer(page, baseUrl);
  // George applied above: open his record, the page with the most to draw.
  const row = page.locator('tr[data-applicant-id]').first();
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_000);
  const csp = policies.find((p) => new URL(p.url).pathname.startsWith('/officer'))?.csp ?? '';
  assert.match(csp, /frame-ancestors 'none'/, csp);
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  assert.doesNotMatch(scriptSrc, /https?:/, `the dashboard allows no third-party script: ${csp}`);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), []);
});

test('a third-party script injected into an applicant page is blocked and never runs', async () => {
  const { page, violations, evilFetched } = await watchedPage();
  await page.goto(`${baseUrl}/apply`);
  await page.getByLabel('Full name').waitFor({ timeout: 30_000 });
  await injectEvilScript(page);
  const violation = await violationFor(page, violations, (v) => v.blocked.startsWith('https://evil.example'));
  assert.ok(violation, `no securitypolicyviolation for ${EVIL}: ${JSON.stringify(violations)}`);
  assert.match(violation.directive, /^script-src/);
  // An inline script, the other way an injection runs code, is refused as well.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(script);
  });
  const inline = await violationFor(page, violations, (v) => v.blocked === 'inline');
  assert.ok(inline, `no violation for an injected inline script: ${JSON.stringify(violations)}`);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__evilRan ?? false), false, 'the injected script ran');
  assert.equal(await page.evaluate(() => window.__inlineRan ?? false), false, 'the inline script ran');
  assert.equal(evilFetched(), false, 'the browser fetched the injected script');
});

test('the dashboard refuses even the widget\'s host', async () => {
  const { page, violations } = await watchedPage({ width: 1280, height: 900 });
  await page.goto(`${baseUrl}/officer/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = 'https://web.smileapi.io/v2/smile.v2.js';
    document.head.appendChild(script);
  });
  const violation = await violationFor(page, violations, (v) => v.blocked.startsWith('https://web.smileapi.io'));
  assert.ok(violation, `no violation on the dashboard: ${JSON.stringify(violations)}`);
  await injectEvilScript(page);
  assert.ok(await violationFor(page, violations, (v) => v.blocked.startsWith('https://evil.example')));
  assert.equal(await page.evaluate(() => window.__evilRan ?? false), false);
});
