// The applicant's pages in Filipino and Indonesian (issue 17). George's browser prefers
// Filipino (`fil-PH`): every page he sees is in Filipino, a mistake in the form is
// explained in Filipino, he links SSS, and the officer sees "Filipino" on his file. Ryan's
// browser says English; he picks Bahasa Indonesia with the switcher, it is remembered, and
// he goes through in Indonesian. The expected words come from the translations the app
// fetches (`locales/*.json`); no page may show a raw key or an unfilled `{parameter}`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { baseUrl, launch } from './browser.mjs';
import { GEORGE, RYAN, logIn, openApplicant, signInAsOfficer, speaks } from './journey.mjs';

const texts = (lang) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8'));
const FIL = texts('fil');
const ID = texts('id');
const KEYS = Object.keys(FIL);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function newPage(locale) {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { context, page, problems };
}

/** The text of `words` with its `{parameters}` cut out: the parts that must show. */
function fixedParts(words) {
  return words.split(/\{[a-z_]+\}/).map((part) => part.trim()).filter((part) => part.length > 3);
}

/** The page is in `lang`: `<html lang>`, the `h1` reads `heading`, and nothing shows a
 * raw key or an unfilled parameter. */
async function inLanguage(page, lang, heading) {
  await speaks(page, lang);
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 30_000 });
  const body = await page.locator('body').innerText();
  const raw = KEYS.filter((key) => body.includes(key));
  assert.deepEqual(raw, [], `raw keys on the page: ${body}`);
  assert.doesNotMatch(body, /\{[a-z_]+\}/, 'an unfilled parameter');
}

async function fillForm(page, words, person) {
  await page.getByLabel(words['apply.full_name'], { exact: true }).fill(person.name);
  await page.getByLabel(words['apply.email'], { exact: true }).fill(person.email);
  await page.getByLabel(words['apply.mobile'], { exact: true }).fill(person.mobile);
  await page.getByLabel(words['apply.employer'], { exact: true }).fill(person.employer);
  await page.getByLabel(words['apply.income'], { exact: true }).fill(person.income);
  await page.locator('#field-consent').check();
}

/** From the start page to the link page, in `lang`; checks the form's error and the
 * widget's language note on the way. */
async function applyIn(page, lang, words, person) {
  await page.getByRole('link', { name: words['landing.start'] }).click();
  await inLanguage(page, lang, words['apply.title']);
  // A mistake, explained in the applicant's language.
  await page.getByRole('button', { name: words['apply.continue'], exact: true }).click();
  await page.getByRole('heading', { name: words['apply.summary_heading'] }).waitFor();
  await page.locator('#field-fullName-error').getByText(words['problem.full_name_missing']).waitFor();
  await fillForm(page, words, person);
  await page.getByRole('button', { name: words['apply.continue'], exact: true }).click();
  await page.getByRole('heading', { name: words['apply.received'] }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: words['apply.continue_to_link'] }).click();
  await inLanguage(page, lang, words['link.title']);
  // Smile's window cannot be translated: the page says so first.
  const note = page.locator('[data-widget-language]');
  assert.equal((await note.innerText()).trim(), words['link.widget_in_english']);
}

/** The widget (in English, as Smile's is), then "I'm done" to the done page in `lang`. */
async function linkAndFinish(page, lang, words, provider, login, password, mfa, income) {
  await page.getByRole('button', { name: words['link.link_account'] }).click();
  const dialog = page.getByRole('dialog');
  const consent = dialog.getByRole('button', { name: 'Continue' });
  const list = dialog.getByRole('heading', { name: 'Select your provider' });
  await consent.or(list).first().waitFor({ timeout: 30_000 });
  if (await consent.isVisible()) await consent.click();
  await logIn(dialog, provider, login, password);
  if (mfa) {
    await dialog.getByLabel(/code/i).fill(mfa);
    await dialog.getByRole('button', { name: 'Verify' }).click();
  }
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
  // The page's own account of what happened, in the applicant's language.
  await page.getByRole('heading', { name: words['notice.linked_heading'] }).waitFor({ timeout: 30_000 });
  await page.locator('section.finish').getByRole('button', { name: words['link.done'] }).click();
  await inLanguage(page, lang, words['done.title']);
  // The application's own details arrive with its answer, just after the page.
  await page.locator('.page.done .reference').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-declared]')?.textContent.trim().length > 0, null, { timeout: 30_000 });
  for (const part of fixedParts(words['done.reference'])) {
    assert.ok((await page.locator('.page.done .lead').innerText()).includes(part), part);
  }
  // What they declared, in the reader's formats: the amount, and today's date, day first.
  const declared = await page.locator('[data-declared]').innerText();
  for (const part of fixedParts(words['done.declared'])) assert.ok(declared.includes(part), `${part} in ${declared}`);
  assert.ok(declared.includes(income), `${income} in ${declared}`);
  const today = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(new Date());
  const part = (type) => today.find((p) => p.type === type).value;
  assert.ok(declared.includes(`${part('day')} ${part('month')} ${part('year')}`), declared);
}

async function officerSees(language, email, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAsOfficer(page, baseUrl);
  await openApplicant(page, email, name);
  assert.equal((await page.locator("#comparison [data-row='language'] td[data-language]").innerText()).trim(), language);
  await context.close();
}

test('George applies in Filipino (his browser prefers fil-PH), links SSS; the officer sees "Filipino"', async () => {
  const { context, page, problems } = await newPage('fil-PH');
  await page.goto(`${baseUrl}/`);
  await inLanguage(page, 'fil', FIL['landing.title']);
  const george = { ...GEORGE, email: 'george.filipino@example.com' };
  await applyIn(page, 'fil', FIL, george);
  await linkAndFinish(page, 'fil', FIL, /^SSS\b/, GEORGE.email, '123456', undefined, '₱25,000.00');
  assert.deepEqual(problems, []);
  await context.close();
  await officerSees('Filipino', george.email, george.name);
});

test('Ryan picks Bahasa Indonesia with the switcher; it is remembered; he links Upwork in Indonesian', async () => {
  const { context, page, problems } = await newPage('en-US');
  await page.goto(`${baseUrl}/`);
  await speaks(page, 'en');
  const switcher = page.getByRole('navigation', { name: 'Language' });
  await switcher.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await inLanguage(page, 'id', ID['landing.title']);
  assert.equal(await page.locator('.language-switcher button[lang="id"]').getAttribute('aria-pressed'), 'true');
  // Remembered in this browser.
  await page.reload();
  await inLanguage(page, 'id', ID['landing.title']);
  const ryan = { ...RYAN, email: 'ryan.indonesia@example.com' };
  await applyIn(page, 'id', ID, ryan);
  // The lender's currency (pesos here) in Indonesian grouping.
  await linkAndFinish(page, 'id', ID, /^Upwork\b/, RYAN.email, '654321', '1234', '9.000.000');
  assert.deepEqual(problems, []);
  await context.close();
  await officerSees('Indonesian', ryan.email, ryan.name);
});

test('a switch of language re-words the page in place, and back to English', async () => {
  const { context, page } = await newPage('en-US');
  await page.goto(`${baseUrl}/apply`);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByText('Enter your full name as it appears on your ID.').first().waitFor();
  await page.getByRole('button', { name: 'Filipino' }).click();
  await inLanguage(page, 'fil', FIL['apply.title']);
  // The errors already shown are re-worded too.
  await page.locator('#field-fullName-error').getByText(FIL['problem.full_name_missing']).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await speaks(page, 'en');
  await page.getByRole('heading', { level: 1, name: 'Apply for a loan' }).waitFor();
  await page.locator('#field-fullName-error').getByText('Enter your full name as it appears on your ID.').waitFor();
  await context.close();
});
