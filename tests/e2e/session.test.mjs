// Applicant sessions in Chromium against the real server: a resume link asks before it
// replaces the application open in this browser (so a link someone sends cannot silently
// swap the applicant into their application), and "Sign out" ends the session, after which
// the resume link brings the applicant back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE, RYAN, apply } from './journey.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Applies as `person` and continues to the link page; answers the resume link and the reference. */
async function applyKeepingLink(page, person) {
  const link = await apply(page, person);
  return { link, reference: await openReference(page) };
}

/** The reference of the application this page's session belongs to, or the status without one. */
async function openReference(page) {
  const response = await page.request.get(`${baseUrl}/api/applications/me`);
  return response.ok() ? (await response.json()).reference : response.status();
}

test("a resume link asks before replacing the open application; after signing out it brings the applicant back", async () => {
  const { page: georges, problems: georgeProblems } = await openPage(browser);
  const george = await applyKeepingLink(georges, GEORGE);
  assert.match(george.link, /\/resume\//);

  // Another browser, with Ryan's application open, is sent George's link.
  const { page, problems } = await openPage(browser);
  const ryan = await applyKeepingLink(page, RYAN);
  await page.goto(george.link);
  const question = page.getByRole('heading', { name: `Continue the application of G. P. (${george.reference})?` });
  await question.waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-resume="confirm"]').innerText(), new RegExp(`signs you out of the application open in this browser \\(${ryan.reference}\\)`));
  assert.equal(await openReference(page), ryan.reference, 'nothing replaced before an answer');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(`${baseUrl}/link`);
  assert.equal(await openReference(page), ryan.reference, 'Cancel keeps the open application');

  await page.goto(george.link);
  await question.waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(`${baseUrl}/link`);
  await page.getByText(george.reference).first().waitFor({ timeout: 30_000 });
  assert.equal(await openReference(page), george.reference);

  // George signs out on the link page: the start page says how to come back.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: "You're signed out" }).waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await openReference(page), 401, 'the session ended on the server');

  // With nothing open, the link resumes without asking.
  await page.goto(george.link);
  await page.waitForURL(`${baseUrl}/link`, { timeout: 30_000 });
  assert.equal(await openReference(page), george.reference);
  // Asking "who is signed in here?" with no session is a 401 the browser logs; nothing else.
  assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
  assert.deepEqual(georgeProblems, []);
});
