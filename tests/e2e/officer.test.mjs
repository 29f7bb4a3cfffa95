// The loan officer's dashboard in Chromium, against the real server in emulator mode: an
// officer signed in in one browser context watches an applicant, linking in another
// context, appear and turn "Ready for review" without reloading, then reads the verified
// data. xtask starts the server with a demo officer (WINK_DEMO_OFFICER_EMAIL /
// WINK_DEMO_OFFICER_PASSWORD, a password made up per run) and passes the same to this suite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE, applyAndLinkSss, noSidewaysScroll, OFFICER, realProblems, signInAsOfficer } from './journey.mjs';

const { email, password } = OFFICER;
const skip = password ? false : 'WINK_DEMO_OFFICER_PASSWORD is not set (run it with cargo xtask test)';
const DESK = { width: 1280, height: 900 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page of the dashboard, signed in as the demo officer. */
async function signedIn(viewport = DESK) {
  const { page, problems } = await openPage(browser, viewport);
  await signInAsOfficer(page, baseUrl);
  return { page, problems };
}

/** `yyyy-MM` of the month `ago` months before this one (UTC). */
function monthAgo(ago) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - ago, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('a wrong password is refused in words', { skip }, async () => {
  const { page } = await openPage(browser, DESK);
  await page.goto(`${baseUrl}/officer/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(`${password}-not`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong email or password.').waitFor({ timeout: 30_000 });
});

test('George links sss_ph while the officer watches: he appears and turns ready without a reload', { skip }, async () => {
  const officer = await signedIn();
  // Only this run's George: a unique email, searched for before he exists.
  const georgeEmail = `george.e2e.${Date.now()}@example.com`;
  await officer.page.getByLabel('Search name, email or reference').fill(georgeEmail);
  await officer.page.getByRole('button', { name: 'Search', exact: true }).click();
  await officer.page.locator('[data-empty]').waitFor({ timeout: 30_000 });
  // The officers' stream is open: changes will arrive by it, not by the 10 s poll.
  await officer.page.locator('.live-status[data-live="live"]').waitFor({ timeout: 30_000 });
  await officer.page.evaluate(() => { window.__sameDocument = true; });

  const applicant = await openPage(browser);
  await applyAndLinkSss(applicant.page, { ...GEORGE, email: georgeEmail });

  const row = officer.page.locator('tr[data-applicant-id]');
  await row.first().waitFor({ timeout: 30_000 });
  assert.equal(await row.count(), 1);
  await officer.page.locator('tr[data-applicant-id][data-status="ready"]').waitFor({ timeout: 60_000 });
  assert.match(await row.innerText(), /Ready for review/);
  assert.equal(await officer.page.evaluate(() => window.__sameDocument), true, 'the list page was reloaded');

  // The detail: verified name, the contributions chart, the summary with the gap.
  await row.getByRole('link', { name: GEORGE.name }).click();
  await officer.page.getByRole('heading', { name: GEORGE.name, level: 1 }).waitFor({ timeout: 30_000 });
  assert.equal(await officer.page.evaluate(() => window.__sameDocument), true, 'the detail was a page load');
  const comparison = officer.page.locator('#comparison tr[data-row="name"]');
  assert.match(await comparison.locator('.verified-name').innerText(), /George Cimafranca Palomero, Jr/);
  assert.match(await comparison.locator('[data-score]').innerText(), /Name match \d+\/100/);
  assert.match(await officer.page.locator('#identity .verified-name').first().innerText(), /George Cimafranca Palomero, Jr/);

  const chart = officer.page.locator('#contributions .contributions-chart');
  await chart.waitFor();
  const bars = await chart.locator('rect.bar').count();
  assert.ok(bars >= 24, `${bars} monthly bars`);
  // George's four months without work: 17 to 14 months before the anchor (last month).
  const gapMonths = [18, 17, 16, 15].map(monthAgo);
  const marked = await chart.locator('rect.bar.gap').evaluateAll((rects) => rects.map((r) => r.dataset.month));
  assert.deepEqual(marked, gapMonths);
  assert.equal(await chart.locator('.employer-change').count(), 1, 'CDE Corporation → ABC Corporation');
  assert.match(await chart.innerText(), /CDE Corporation → ABC Corporation/);

  const summary = officer.page.locator('#summary');
  const gapFlag = summary.locator('[data-flag="contribution_gap"]');
  await gapFlag.waitFor();
  const flagText = await gapFlag.innerText();
  assert.match(flagText, /Contribution gap/);
  assert.ok(flagText.includes(gapMonths[0]) && flagText.includes(gapMonths[3]), `the gap's months in: ${flagText}`);
  assert.match(await summary.innerText(), /Data freshness/);

  // The same detail on a phone: nothing wider than the screen.
  const phone = await openPage(browser);
  await phone.page.context().addCookies(await officer.page.context().cookies());
  await phone.page.goto(officer.page.url());
  await phone.page.locator('#contributions .contributions-chart').waitFor({ timeout: 30_000 });
  await noSidewaysScroll(phone.page);
  assert.deepEqual(realProblems(officer.problems), []);
  assert.deepEqual(realProblems(applicant.problems), []);
});

test('an invitation link opens the application pre-filled', { skip }, async () => {
  const officer = await signedIn();
  await officer.page.getByLabel('Full name').fill('Maria Santos');
  await officer.page.getByLabel('Email', { exact: true }).fill('maria.santos@example.com');
  await officer.page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = officer.page.locator('#invite-link');
  await link.waitFor({ timeout: 30_000 });
  const url = await link.inputValue();
  assert.ok(url.startsWith(`${baseUrl}/apply?invite=`), url);

  const applicant = await openPage(browser);
  await applicant.page.goto(url);
  await applicant.page.locator('[data-invite="prefilled"]').waitFor({ timeout: 30_000 });
  assert.equal(await applicant.page.getByLabel('Full name').inputValue(), 'Maria Santos');
  assert.equal(await applicant.page.getByLabel('Email address').inputValue(), 'maria.santos@example.com');
  assert.deepEqual(realProblems(applicant.problems), []);
});

test('signing out ends the session; the dashboard asks to sign in again', { skip }, async () => {
  const { page } = await signedIn();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor({ timeout: 30_000 });
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
  const me = await page.evaluate(async () => (await fetch('/api/officer/me')).status);
  assert.equal(me, 401);
});

test('the Rollout page shows each cohort\'s funnel and counts a new applicant without a reload', { skip }, async () => {
  const officer = await signedIn();
  await officer.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Rollout' }).click();
  await officer.page.getByRole('heading', { name: 'Rollout', level: 1 }).waitFor({ timeout: 30_000 });
  // Whatever the share, this run's applicants (allow-listed domains at worst) are on the Wink path.
  const settings = officer.page.locator('.rollout-settings');
  await settings.waitFor({ timeout: 30_000 });
  assert.match(await settings.innerText(), /\d+ % of new applicants take the Wink path/);
  const wink = officer.page.locator('section.cohort[data-cohort="wink"]');
  await wink.waitFor();
  assert.equal(await wink.locator('tr.funnel-step').count(), 4);
  assert.equal(await wink.locator('tr.funnel-step svg[role="img"]').count(), 4);
  const applied = wink.locator('tr[data-step="Applied"] [data-count]');
  const before = Number(await applied.innerText());
  await officer.page.locator('.live-status[data-live="live"]').waitFor({ timeout: 30_000 });
  await officer.page.evaluate(() => { window.__sameDocument = true; });

  const applicant = await openPage(browser);
  await applyAndLinkSss(applicant.page, { ...GEORGE, email: `george.rollout.${Date.now()}@example.com` });
  await officer.page.waitForFunction(
    (n) => Number(document.querySelector('section.cohort[data-cohort="wink"] tr[data-step="Applied"] [data-count]')?.textContent) > n,
    before,
    { timeout: 60_000 },
  );
  await officer.page.waitForFunction(
    () => Number(document.querySelector('section.cohort[data-cohort="wink"] tr[data-step="Synced"] [data-count]')?.textContent) > 0,
    null,
    { timeout: 60_000 },
  );
  assert.equal(await officer.page.evaluate(() => window.__sameDocument), true, 'the rollout page was reloaded');
  await noSidewaysScroll(officer.page);
  assert.deepEqual(realProblems(officer.problems), []);
});
