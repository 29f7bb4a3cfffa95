// The applicant's journey with a keyboard only: Tab, Shift+Tab, Enter, Space and Escape,
// typing into fields, never a click. Every element that takes focus must show it; errors
// take focus when they appear; the widget hands focus back to the button that opened it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE } from './journey.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What has focus: enough to recognise it, and whether it shows that it has focus. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', classes: '', shown: true, text: '' };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      classes: el.className && typeof el.className === 'string' ? el.className : '',
      text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
      href: el.getAttribute('href'),
      provider: el.getAttribute('data-provider-id'),
      name: el.getAttribute('name'),
      shown: outline || ring,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `wanted` has focus; each stop on the way must show its
 * focus. */
async function tabTo(page, wanted, what, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now.tag !== 'body') {
      assert.ok(now.shown, `focus is not visible on ${JSON.stringify(now)}`);
    }
    if (wanted(now)) return now;
  }
  assert.fail(`${what} was not reached with ${back ? 'Shift+Tab' : 'Tab'}`);
}

const text = (words) => (el) => el.text === words;

test('keyboard only: apply, open the widget, link SSS, close it and finish', async () => {
  const { page, problems } = await openPage(browser);
  await page.goto(`${baseUrl}/`);
  await page.locator('h1').waitFor();

  // The first stop is the skip link.
  const first = await tabTo(page, () => true, 'the first stop');
  assert.equal(first.text, 'Skip to content');
  await tabTo(page, (el) => el.href === '/apply', 'Start your application');
  await page.keyboard.press('Enter');
  await page.locator('#field-fullName').waitFor();

  // Sending the empty form: the error summary takes focus, so it is read out.
  await tabTo(page, text('Continue'), 'the Continue button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  assert.match(await page.locator('.error-summary').innerText(), /Enter your full name/);

  // Back through the form with Shift+Tab, then forward again, filling it in.
  await tabTo(page, (el) => el.id === 'field-fullName', 'Full name', { back: true });
  await page.keyboard.type(GEORGE.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('george.keyboard@example.com');
  await tabTo(page, (el) => el.id === 'field-mobile', 'Mobile number');
  await page.keyboard.type(GEORGE.mobile);
  await tabTo(page, (el) => el.id === 'field-employer', 'Employer');
  await page.keyboard.type(GEORGE.employer);
  await tabTo(page, (el) => el.id === 'field-monthlyIncome', 'Monthly income');
  await page.keyboard.type(GEORGE.income);
  await tabTo(page, (el) => el.id === 'field-consent', 'the consent box');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#field-consent').isChecked(), true);
  await tabTo(page, text('Continue'), 'the Continue button');
  await page.keyboard.press('Enter');

  // "Application received" takes focus; on to the link page.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Application received', null, { timeout: 30_000 });
  await tabTo(page, text('Continue: link your accounts'), 'Continue: link your accounts');
  await page.keyboard.press('Enter');
  await page.locator('button.open-widget').waitFor({ timeout: 30_000 });

  // The widget: opened, worked and closed from the keyboard (once the page has its secure
  // link: until then the button says it is unavailable, aria-disabled).
  await tabTo(page, (el) => el.classes.includes('open-widget'), 'Link an account');
  await page.locator('button.open-widget:not([aria-disabled])').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Continue' }).or(dialog.getByRole('heading', { name: 'Select your provider' })).first().waitFor({ timeout: 30_000 });
  if (await dialog.getByRole('button', { name: 'Continue' }).isVisible()) {
    await tabTo(page, text('Continue'), "the widget's Continue");
    await page.keyboard.press('Enter');
  }
  await dialog.getByRole('heading', { name: 'Select your provider' }).waitFor({ timeout: 30_000 });
  await tabTo(page, (el) => el.provider === 'sss_ph', 'SSS in the widget');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Email or mobile number').waitFor();
  // The login screen puts focus in its first field; otherwise Tab gets there.
  const login = (el) => el.tag === 'input' && el.name === 'username';
  if (!login(await focused(page))) await tabTo(page, login, 'the login field');
  await page.keyboard.type(GEORGE.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor({ timeout: 30_000 });
  await tabTo(page, text('Done'), "the widget's Done");
  await page.keyboard.press('Space');
  await dialog.waitFor({ state: 'detached' });
  // Focus is back on the button that opened the widget.
  const back = await focused(page);
  assert.ok(back.classes.includes('open-widget'), `focus after the widget: ${JSON.stringify(back)}`);

  // The widget can also be left with Escape (once the page has its next secure link).
  await page.locator('button.open-widget:not([aria-disabled])').waitFor({ timeout: 30_000 });
  assert.ok((await focused(page)).classes.includes('open-widget'), 'focus stays on the button');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.getByRole('heading').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('open-widget'), null, { timeout: 5_000 })
    .catch(async () => assert.fail(`focus after Escape: ${JSON.stringify(await focused(page))}`));

  await page.locator('li.account[data-provider-id="sss_ph"]').waitFor({ timeout: 30_000 });
  await tabTo(page, text("I'm done"), "I'm done");
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/done`, { timeout: 30_000 });
  await page.locator('.page.done .reference').waitFor({ timeout: 30_000 });
  assert.deepEqual(problems, []);
});
