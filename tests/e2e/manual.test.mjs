// Staged rollout, the manual path: an applicant outside the rollout is told in plain words
// that the lender's team verifies the application, never gets the widget, and can finish;
// the officer sees them as "Manual verification" and counted in the Manual cohort.
//
// Producing a manual applicant needs a server whose rollout is 0 % (a share above 0 puts
// applicants on either path by a hash of their id), with the other suites' email domains
// allow-listed so they keep the Wink path:
//   WINK_ROLLOUT_PERCENT=0 WINK_ROLLOUT_ALLOWLIST=@smileapi.io,@example.com
// Against a server at another percentage this test skips itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';

const email = process.env.WINK_DEMO_OFFICER_EMAIL ?? 'officer@wink.test';
const password = process.env.WINK_DEMO_OFFICER_PASSWORD;
const skip = password ? false : 'WINK_DEMO_OFFICER_PASSWORD is not set (run it with cargo xtask test)';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The officers' API, signed in as the demo officer. */
async function officerApi() {
  const context = await browser.newContext();
  const login = await context.request.post(`${baseUrl}/api/officer/login`, { data: { email, password } });
  assert.equal(login.status(), 200);
  return context.request;
}

test('outside the rollout: an explanation instead of the widget, then done; the officer sees manual verification', { skip }, async (t) => {
  const api = await officerApi();
  const rollout = await (await api.get(`${baseUrl}/api/officer/rollout`)).json();
  if (rollout.percent !== 0) {
    t.skip(`the server's rollout is ${rollout.percent} %; run it with WINK_ROLLOUT_PERCENT=0 to get a manual applicant`);
    return;
  }
  const manualBefore = rollout.cohorts.find((c) => c.cohort === 'manual')?.applied ?? 0;

  const { page, problems } = await openPage(browser);
  const applicantEmail = `maria.manual.${Date.now()}@manual.test`;
  await page.goto(`${baseUrl}/apply`);
  await page.getByLabel('Full name').fill('Maria Santos');
  await page.getByLabel('Email address').fill(applicantEmail);
  await page.getByLabel('Mobile number').fill('+63 917 123 4567');
  await page.getByLabel('Employer').fill('XYZ Foods');
  await page.getByLabel('Monthly income').fill('18000');
  await page.getByLabel(/I agree to share/).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { name: 'Application received' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue: link your accounts' }).click();

  await page.getByRole('heading', { name: 'Our team will verify your application' }).waitFor({ timeout: 30_000 });
  const text = await page.locator('main, body').first().innerText();
  assert.match(text, /verified manually by our lending team/);
  assert.match(text, /You don't need to link any account/);
  assert.match(text, new RegExp(applicantEmail.replace(/\./g, '\\.')));
  assert.equal(await page.getByRole('button', { name: 'Link an account' }).count(), 0);
  assert.equal(await page.locator('script[src*="smile.v2.js"]').count(), 0, 'no widget script');
  assert.equal(await page.getByRole('dialog').count(), 0);

  await page.getByRole('button', { name: "I'm done" }).click();
  await page.getByRole('heading', { name: 'Thank you. Your application is with us' }).waitFor({ timeout: 30_000 });
  // The application has loaded once the reference shows.
  await page.locator('.reference').waitFor({ timeout: 30_000 });
  const done = await page.locator('body').innerText();
  assert.doesNotMatch(done, /Smile collects/);
  assert.doesNotMatch(done, /Manage your connections/);
  assert.deepEqual(problems, []);

  // The officer's side: the list's status and the Manual cohort.
  const list = await (await api.get(`${baseUrl}/api/officer/applicants?q=${encodeURIComponent(applicantEmail)}`)).json();
  assert.equal(list.items.length, 1);
  assert.equal(list.items[0].status, 'manual');
  const after = await (await api.get(`${baseUrl}/api/officer/rollout`)).json();
  assert.equal(after.cohorts.find((c) => c.cohort === 'manual').applied, manualBefore + 1);
});
