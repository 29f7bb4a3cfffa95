// The applicant's journey, step by step, for the suites that need an applicant: apply on
// the release build, open Smile's (stand-in) widget from the link page, log in to a
// provider or upload a payslip instead. Shared by applicant.test.mjs, officer.test.mjs and
// documents.test.mjs.
import assert from 'node:assert/strict';
import { baseUrl } from './browser.mjs';

export const GEORGE = { name: 'George Palomero Jr.', email: 'gpalomero1234@smileapi.io', mobile: '+63 955 999 1234', employer: 'ABC Corporation', income: '25000' };
export const RYAN = { name: 'Ryan Lestari', email: 'ryan1234@smileapi.io', mobile: '+62 811 999 4321', employer: 'Freelance', income: '9000000' };

/** Fills and sends the application form, then continues to the link page; returns the
 * resume link the "Application received" screen showed. */
export async function apply(page, person) {
  await page.goto(`${baseUrl}/apply`);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Mobile number').fill(person.mobile);
  await page.getByLabel('Employer').fill(person.employer);
  await page.getByLabel('Monthly income').fill(person.income);
  await page.getByLabel(/I agree to share/).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { name: 'Application received' }).waitFor({ timeout: 30_000 });
  const resumeLink = await page.locator('#resume-link').inputValue();
  await page.getByRole('button', { name: 'Continue: link your accounts' }).click();
  await page.getByRole('heading', { name: 'Link your income accounts' }).waitFor({ timeout: 30_000 });
  return resumeLink;
}

/** Opens the widget from the link page and goes through its consent screen. */
export async function openWidget(page, buttonName = 'Link an account') {
  await page.getByRole('button', { name: buttonName }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 30_000 });
  // The widget loads its session first, then shows consent (first visit) or the list.
  const consent = dialog.getByRole('button', { name: 'Continue' });
  const list = dialog.getByRole('heading', { name: 'Select your provider' });
  await consent.or(list).first().waitFor({ timeout: 30_000 });
  if (await consent.isVisible()) await consent.click();
  await list.waitFor({ timeout: 30_000 });
  return dialog;
}

export async function logIn(dialog, provider, login, password) {
  await dialog.getByRole('button', { name: provider }).first().click();
  await dialog.getByLabel('Email or mobile number').fill(login);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Connect' }).click();
}

/** Applies as `person` and links their SSS account; returns once the widget is closed. */
export async function applyAndLinkSss(page, person, login = GEORGE.email, password = '123456') {
  await apply(page, person);
  const dialog = await openWidget(page);
  await logIn(dialog, /^SSS\b/, login, password);
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The link page's way on for an applicant whose employer is not in Smile's list. */
export const UPLOAD_INSTEAD = "Can't find your employer? Upload a payslip instead";

/** From the widget's provider list: "Can’t find your employer?", Payslip, one PDF named
 * `fileName` (a few bytes made here), Upload, then Done; returns once the widget is closed. */
export async function uploadPayslip(dialog, fileName) {
  await dialog.getByRole('button', { name: 'Can’t find your employer?' }).click();
  await dialog.getByRole('heading', { name: 'Upload a document' }).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: /Payslip/ }).click();
  await dialog.getByLabel(/Choose a file/).setInputFiles({
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% a payslip made up by the end-to-end suite\n%%EOF\n'),
  });
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await dialog.getByRole('heading', { name: 'Document received' }).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The link page's row for an upload, by file name. */
export function uploadedDocument(page, fileName) {
  return page.locator('li.document').filter({ has: page.locator('.document-name', { hasText: fileName }) });
}

export function account(page, providerId) {
  return page.locator(`li.account[data-provider-id="${providerId}"]`);
}

export async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

/** The page speaks `lang` (its texts loaded, `<html lang>` set). Often called right after
 * a click that navigates: while the next document loads it may have no root element yet,
 * hence `?.`. */
export async function speaks(page, lang) {
  await page.waitForFunction((wanted) => document.documentElement?.lang === wanted, lang, { timeout: 30_000 });
}

/** The demo officer of emulator mode (cargo xtask test passes its made-up password). */
export const OFFICER = {
  email: process.env.WINK_DEMO_OFFICER_EMAIL ?? 'officer@wink.test',
  password: process.env.WINK_DEMO_OFFICER_PASSWORD,
};

/** Signs in on the dashboard's page and waits for the list of applicants. */
export async function signInAsOfficer(page, baseUrl) {
  await page.goto(`${baseUrl}/officer/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Email').fill(OFFICER.email);
  await page.getByLabel('Password').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Applicants' }).waitFor({ timeout: 30_000 });
}

/** From the dashboard's list: searches for the applicant's (unique) email and opens their
 * detail; returns once its heading shows. */
export async function openApplicant(page, email, name) {
  await page.getByLabel('Search name, email or reference').fill(email);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  // The search's answer, not the list it replaces: only rows of this email.
  await page.waitForFunction((wanted) => {
    const emails = [...document.querySelectorAll('tr[data-applicant-id] td.email')].map((td) => td.textContent);
    return emails.length > 0 && emails.every((e) => e === wanted);
  }, email, { timeout: 30_000 });
  const row = page.locator('tr[data-applicant-id]');
  assert.equal(await row.count(), 1, `one applicant with ${email}`);
  await row.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: 30_000 });
}

/** Problems other than images the closed network cannot fetch (identity photos). */
export function realProblems(problems) {
  return problems.filter((p) => !/Failed to load resource|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/.test(p));
}
