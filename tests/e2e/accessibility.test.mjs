// Every page, in every state an applicant meets, checked by axe (WCAG 2.1 A and AA rules):
// the applicant's pages at 375 px in English, Filipino and Indonesian, the officer's pages
// at 1280 px. No serious or critical violation passes; no rule is disabled. The applicant's
// buttons and inputs are also measured: at least 44 px each way.
//
// The journeys here find things by ids, classes and data attributes, never by words, so the
// same steps run in every language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, launch } from './browser.mjs';
import { GEORGE, logIn, openApplicant, signInAsOfficer, speaks } from './journey.mjs';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGUAGES = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'fil', locale: 'fil-PH' },
  { lang: 'id', locale: 'id-ID' },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** axe over the whole page as it is now: no serious or critical violation. */
async function accessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(blocking, [], `${what}: ${blocking.join('\n')}`);
}

/** Buttons, button-like links and inputs are at least 44 px each way on the applicant's
 * pages (WCAG 2.5.5's size). Checkboxes are exempt: their label toggles them too, and the
 * two make a larger target; so are links inside sentences (2.5.5's inline exception). */
async function touchTargets(page, what) {
  const small = await page.evaluate(() => [...document.querySelectorAll(
    'button, .button, .brand, input:not([type=checkbox]):not([type=hidden]), select, textarea',
  )]
    .filter((el) => el.getClientRects().length > 0 && !el.closest('[role=dialog]'))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width < 43.5 || box.height < 43.5)
    .map(({ el, box }) => `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || el.value || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`));
  assert.deepEqual(small, [], `${what}: targets under 44 px`);
}

/** Both checks of an applicant's page. */
async function applicantPage(page, what) {
  await accessible(page, what);
  await touchTargets(page, what);
}

async function newPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page };
}

async function fillApplication(page, person) {
  await page.locator('#field-fullName').fill(person.name);
  await page.locator('#field-email').fill(person.email);
  await page.locator('#field-mobile').fill(person.mobile);
  await page.locator('#field-employer').fill(person.employer);
  await page.locator('#field-monthlyIncome').fill(person.income);
  await page.locator('#field-consent').check();
}

/** Applies on `/apply` and stops on "Application received"; the resume link it showed. */
async function applyAs(page, person) {
  await page.goto(`${baseUrl}/apply`);
  await fillApplication(page, person);
  await page.locator('form.apply-form button[type=submit]').click();
  await page.locator('[data-reference]').waitFor({ timeout: 30_000 });
  return page.locator('#resume-link').inputValue();
}

for (const { lang, locale } of LANGUAGES) {
  test(`every applicant page and state passes axe in ${lang} at 375 px`, async () => {
    const { context, page } = await newPage({ viewport: { width: 375, height: 740 }, locale });

    await page.goto(`${baseUrl}/`);
    await speaks(page, lang);
    await applicantPage(page, `${lang}: start page`);
    await page.goto(`${baseUrl}/?signed-out=1`);
    await page.locator('[data-signed-out]').waitFor();
    await applicantPage(page, `${lang}: start page after signing out`);

    await page.goto(`${baseUrl}/apply`);
    await page.locator('form.apply-form').waitFor();
    await applicantPage(page, `${lang}: empty application form`);
    await page.locator('form.apply-form button[type=submit]').click();
    await page.locator('.error-summary.visible').waitFor();
    await applicantPage(page, `${lang}: application form with errors`);

    // Outside the rollout (not an allow-listed domain): the manual path.
    const manualLink = await applyAs(page, { ...GEORGE, email: `manual.${lang}@lender-e2e.test` });
    await applicantPage(page, `${lang}: application received`);
    await page.locator('[data-reference] button.primary').click();
    await page.locator('[data-verification="manual"]').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: manual verification`);

    // Another application, linked with the widget.
    await applyAs(page, { ...GEORGE, email: `george.${lang}@example.com` });
    await page.locator('[data-reference] button.primary').click();
    await page.locator('button.open-widget').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: link page before linking`);
    await page.locator('button.open-widget').click();
    const dialog = page.getByRole('dialog');
    const consent = dialog.getByRole('button', { name: 'Continue' });
    const list = dialog.getByRole('heading', { name: 'Select your provider' });
    await consent.or(list).first().waitFor({ timeout: 30_000 });
    if (await consent.isVisible()) await consent.click();
    await logIn(dialog, /^SSS\b/, GEORGE.email, '123456');
    await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('li.account[data-provider-id="sss_ph"]').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: link page after linking`);
    await page.goto(`${baseUrl}/link?reconnect=1`);
    await page.locator('[data-reconnect]').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: link page asking to reconnect an account`);

    // The manual application's resume link, while the linked one is open: asks first.
    await page.goto(manualLink);
    await page.locator('[data-resume="confirm"]').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: resume link of another application`);
    await page.locator('button.cancel-resume').click();
    await page.locator('button.open-widget').waitFor({ timeout: 30_000 });

    await page.locator('section.finish button.primary, section.finish button.secondary').first().click();
    await page.waitForURL(`${baseUrl}/done`, { timeout: 30_000 });
    await page.locator('.page.done .reference').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: done page`);

    await page.goto(`${baseUrl}/resume/not-a-real-link`);
    await page.locator('.page.resume [role="alert"]').waitFor({ timeout: 30_000 });
    await applicantPage(page, `${lang}: an invalid resume link`);

    await page.goto(`${baseUrl}/no/such/page`);
    await page.locator('.page.not-found').waitFor();
    await applicantPage(page, `${lang}: page not found`);
    await context.close();

    // A browser with no application: the link page says how to get back.
    const stranger = await newPage({ viewport: { width: 375, height: 740 }, locale });
    await stranger.page.goto(`${baseUrl}/link`);
    await speaks(stranger.page, lang);
    await stranger.page.locator('.page.link [role="alert"]').waitFor({ timeout: 30_000 });
    await applicantPage(stranger.page, `${lang}: link page without an application`);
    await stranger.context.close();
  });
}

test('every officer page passes axe at 1280 px', async () => {
  const { context, page } = await newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/officer/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
  await accessible(page, 'officer: sign-in');
  await signInAsOfficer(page, baseUrl);
  await accessible(page, 'officer: applicants');
  // The applicants above include George, linked in English.
  await openApplicant(page, 'george.en@example.com', GEORGE.name);
  await page.locator('#contributions').waitFor({ timeout: 30_000 });
  await accessible(page, 'officer: an applicant');
  // The charts say in words what they draw: a summary sentence each, and the gaps listed.
  for (const chart of await page.locator('figure svg[role="img"]').all()) {
    const label = await chart.evaluate((svg) => [...svg.querySelectorAll('title, desc')].map((n) => n.textContent).join(' '));
    assert.ok(label.trim().length > 20, `a chart without a text alternative: ${label}`);
  }
  assert.match(await page.locator('#contributions figcaption').innerText(), /No contributions|gap|\d{4}-\d{2}/);
  await page.getByRole('link', { name: /audit/i }).first().click();
  await page.getByRole('heading', { name: /Audit/ }).waitFor({ timeout: 30_000 });
  await accessible(page, 'officer: audit trail');
  await page.goto(`${baseUrl}/officer/rollout`);
  await page.getByRole('heading', { name: /Rollout/ }).waitFor({ timeout: 30_000 });
  await accessible(page, 'officer: rollout');
  await page.goto(`${baseUrl}/officer/no-such-page`);
  await page.getByRole('heading').first().waitFor();
  await accessible(page, 'officer: page not found');
  await page.goto(`${baseUrl}/verify`);
  await page.getByRole('heading').first().waitFor();
  await accessible(page, 'the public report check');
  await context.close();
});
