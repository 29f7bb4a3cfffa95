// The emulator's stand-in widget (smile.v2.js) in Chromium, on a bare test page served by
// intercepting a same-origin URL. The page loads the script from the emulator, under a
// strict CSP (no inline handlers allowed), and records every callback in `window.calls`.
//
// Emulator: SMILE_SANDBOX_URL, else the server's `/sandbox` mount. User tokens come from
// the emulator's Open API with its documented default key pair.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';

const sandboxUrl = (process.env.SMILE_SANDBOX_URL ?? `${baseUrl}/sandbox`).replace(/\/+$/, '');
const apiKey = process.env.SMILE_SANDBOX_API_KEY ?? 'sandbox-emulator-key';
const apiSecret = process.env.SMILE_SANDBOX_API_SECRET ?? 'sandbox-emulator-secret';
const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;

const TEST_PAGE = `${sandboxUrl}/__widget-test__/index.html`;
const CALLBACKS = [
  'onAccountCreated', 'onAccountConnected', 'onAccountRemoved', 'onAccountError', 'onTokenExpired',
  'onClose', 'onUploadsCreated', 'onUploadsRemoved', 'onUIEvent',
];
const NONCE = 'widget-test';
// Scripts only from the emulator (plus this page's nonce'd ones); the widget's one
// injected <style> needs 'unsafe-inline' for styles, nothing else does.
const CSP = `default-src 'none'; script-src 'self' 'nonce-${NONCE}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'`;
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Widget test page</title></head>
<body>
<main><h1>Widget test page</h1><button id="launch" type="button">Link an account</button></main>
<script nonce="${NONCE}">window.calls = [];</script>
<script src="${sandboxUrl}/smile.v2.js"></script>
<script nonce="${NONCE}">
  window.startWidget = function (options) {
    var config = Object.assign({}, options);
    ${JSON.stringify(CALLBACKS)}.forEach(function (name) {
      config[name] = function () {
        window.calls.push({ name: name, args: JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments))) });
      };
    });
    new SmileLinkModal(config).open();
  };
</script>
</body>
</html>`;

async function api(method, path, body) {
  const response = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function newUser() {
  const { data } = await api('POST', '/v1/users', {});
  return { userId: data.user.id, token: data.token.accessToken };
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openWidget(options, viewport) {
  const { page, problems } = await openPage(browser, viewport);
  await page.route(TEST_PAGE, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html',
    headers: { 'content-security-policy': CSP },
    body: PAGE,
  }));
  await page.goto(TEST_PAGE);
  // Focus the page's own button first, as a user who clicked it would have.
  await page.evaluate((opts) => {
    document.getElementById('launch').focus();
    window.startWidget(opts);
  }, options);
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return { page, problems, dialog };
}

/** The first arguments of every call of callback `name`, in order. */
function calls(page, name) {
  return page.evaluate((n) => window.calls.filter((c) => c.name === n).map((c) => c.args[0]), name);
}

async function uiEvents(page) {
  return (await calls(page, 'onUIEvent')).map((e) => e.eventName);
}

async function logIn(dialog, login, password) {
  await dialog.getByLabel('Email or mobile number').fill(login);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Connect' }).click();
}

test('George links sss_ph: consent, list, login, success; the server sees the account', async () => {
  const { userId, token } = await newUser();
  const templateId = 'wtpl-0123456789abcdef0123456789abcdef';
  const { page, problems, dialog } = await openWidget({ userToken: token, companyName: 'Wink Lending', templateId });
  await dialog.getByRole('heading', { name: 'Wink Lending uses Smile to verify your work' }).waitFor();
  assert.equal(await page.locator('[data-smile-sandbox]').getAttribute('data-template-id'), templateId);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('heading', { name: 'Select your provider' }).waitFor();
  await dialog.getByRole('button', { name: /^SSS\b/ }).click();
  await dialog.getByRole('heading', { name: 'Log in to SSS' }).waitFor();
  await logIn(dialog, 'gpalomero1234@smileapi.io', '123456');
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();

  const [created] = await calls(page, 'onAccountCreated');
  assert.deepEqual(Object.keys(created).sort(), ['accountId', 'providerId', 'userId']);
  assert.equal(created.userId, userId);
  assert.equal(created.providerId, 'sss_ph');
  assert.match(created.accountId, /^a-[0-9a-f]{32}$/);
  assert.deepEqual(await calls(page, 'onAccountConnected'), [created]);
  assert.deepEqual(await calls(page, 'onAccountError'), []);

  const account = (await api('GET', `/v1/accounts/${created.accountId}`)).data;
  assert.equal(account.connectionStatus, 'CONNECTED');
  assert.equal(account.userId, userId);
  const contributions = (await api('GET', `/v1/contributions?sourceId=${account.id}&size=150`)).data.items;
  assert.ok(contributions.length >= 24, `${contributions.length} contributions`);
  const [identity] = (await api('GET', `/v1/identities?sourceId=${account.id}`)).data.items;
  assert.equal(identity.fullName, 'George Cimafranca Palomero, Jr');

  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'onClose'), [{ reason: 'exit' }]);
  assert.deepEqual(await uiEvents(page), ['ConsentPageOpened', 'ProviderListPageOpened', 'LoginPageOpened', 'ConnectSuccessPageOpened']);
  const [consent] = await calls(page, 'onUIEvent');
  assert.equal(consent.mode, 'SANDBOX');
  assert.equal(consent.userId, userId);
  assert.ok(!Number.isNaN(Date.parse(consent.eventTime)));
  assert.deepEqual(problems, []);
});

test('a wrong password shows the error screen and fires onAccountError with INVALID_CREDENTIALS', async () => {
  const { userId, token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token, enableConsentPage: false });
  await dialog.getByRole('button', { name: /^SSS\b/ }).click();
  await logIn(dialog, 'gpalomero1234@smileapi.io', 'not-his-password');
  await dialog.getByRole('heading', { name: 'Wrong login details' }).waitFor();

  const [created] = await calls(page, 'onAccountCreated');
  assert.deepEqual(await calls(page, 'onAccountError'), [
    { accountId: created.accountId, userId, providerId: 'sss_ph', errorCode: 'INVALID_CREDENTIALS' },
  ]);
  assert.deepEqual(await calls(page, 'onAccountConnected'), []);
  const account = (await api('GET', `/v1/accounts/${created.accountId}`)).data;
  assert.equal(account.connectionStatus, 'ERROR');
  assert.equal(account.connection.errorCode, 'INVALID_CREDENTIALS');

  await dialog.getByRole('button', { name: 'Exit' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'onClose'), [{ reason: 'error' }]);
  assert.deepEqual(problems, []);
});

test('a magic password triggers its error code (locked → ACCOUNT_LOCKED); try again works', async () => {
  const { token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token, providers: ['abccorp'], enableConsentPage: false });
  await logIn(dialog, 'gpalomero1234@smileapi.io', 'locked');
  await dialog.getByRole('heading', { name: 'Account locked' }).waitFor();
  assert.equal((await calls(page, 'onAccountError'))[0].errorCode, 'ACCOUNT_LOCKED');
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await logIn(dialog, '+639559991234', '123456');
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  assert.equal((await calls(page, 'onAccountConnected'))[0].providerId, 'abccorp');
  assert.equal((await calls(page, 'onAccountCreated')).length, 2, 'each attempt is a new account');
  assert.deepEqual(problems, []);
});

test('Ryan completes MFA on upwork (an mfa provider)', async () => {
  const { userId, token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token, topProviders: ['upwork'] });
  await dialog.getByRole('button', { name: 'Continue' }).click();
  // topProviders puts Upwork first.
  const first = dialog.locator('[data-provider-id]').first();
  assert.equal(await first.getAttribute('data-provider-id'), 'upwork');
  await dialog.getByLabel('Search providers').fill('upw');
  assert.equal(await dialog.locator('[data-provider-id]').count(), 1);
  await dialog.getByRole('button', { name: /^Upwork\b/ }).click();
  await logIn(dialog, 'ryan1234@smileapi.io', '654321');
  await dialog.getByRole('heading', { name: 'Enter your verification code' }).waitFor();
  const [created] = await calls(page, 'onAccountCreated');
  assert.equal((await api('GET', `/v1/accounts/${created.accountId}`)).data.connectionStatus, 'AWAITING_MFA');

  await dialog.getByLabel('Verification code').fill('1234');
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await dialog.getByRole('heading', { name: 'Account connected' }).waitFor();
  assert.deepEqual(await calls(page, 'onAccountConnected'), [{ accountId: created.accountId, userId, providerId: 'upwork' }]);
  assert.equal((await api('GET', `/v1/accounts/${created.accountId}`)).data.connectionStatus, 'CONNECTED');
  const incomes = (await api('GET', `/v1/incomes?sourceId=${created.accountId}`)).data.items;
  assert.ok(incomes.length > 0 && incomes.every((i) => i.currency === 'IDR'));
  const events = await calls(page, 'onUIEvent');
  const mfa = events.find((e) => e.eventName === 'MfaPageOpened');
  assert.deepEqual(mfa.account, { providerId: 'upwork', accountId: created.accountId });
  assert.deepEqual(problems, []);
});

test('a wrong MFA code fires onAccountError with INVALID_MFA', async () => {
  const { token } = await newUser();
  const { page, dialog } = await openWidget({ userToken: token, providers: ['grab'], enableConsentPage: false });
  await logIn(dialog, 'ryan1234@smileapi.io', '654321');
  await dialog.getByLabel('Verification code').fill('9999');
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await dialog.getByRole('heading', { name: 'Wrong verification code' }).waitFor();
  assert.equal((await calls(page, 'onAccountError'))[0].errorCode, 'INVALID_MFA');
});

test("providers: ['sss_ph'] skips the provider list", async () => {
  const { token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token, providers: ['sss_ph'] });
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('heading', { name: 'Log in to SSS' }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Back' }).isVisible(), false);
  assert.deepEqual(await uiEvents(page), ['ConsentPageOpened', 'LoginPageOpened']);
  const [login] = (await calls(page, 'onUIEvent')).slice(-1);
  assert.deepEqual(login.account, { providerId: 'sss_ph' });
  assert.deepEqual(problems, []);
});

test('an expired token fires onTokenExpired', async () => {
  const { userId, token } = await newUser();
  const expired = await api('POST', '/_emulator/tokens/expire', { userId });
  assert.equal(expired.expired, 1);
  const { page, problems, dialog } = await openWidget({ userToken: token });
  await dialog.getByRole('heading', { name: 'Your session has expired' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.calls.filter((c) => c.name === 'onTokenExpired').map((c) => c.args)), [[]]);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'onClose'), [{ reason: 'close' }]);
  // The browser logs the 401 responses as console errors; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
});

test('a linked account can be revoked from the widget', async () => {
  const { userId, token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token, enableConsentPage: false });
  // A slow network: the session that lists the new account arrives well after the
  // applicant taps "Link another account"; the list must still show it.
  const slow = await api('POST', '/_emulator/faults', { endpoint: 'GET /link/v1/session', latencyMs: 1500 });
  try {
    await dialog.getByRole('button', { name: /^SSS\b/ }).click();
    await logIn(dialog, 'gpalomero1234@smileapi.io', '123456');
    await dialog.getByRole('button', { name: 'Link another account' }).click();
    await dialog.getByRole('heading', { name: 'Linked accounts' }).waitFor();
  } finally {
    await api('DELETE', `/_emulator/faults/${slow.id}`);
  }
  await dialog.getByRole('button', { name: 'Disconnect SSS' }).click();
  await dialog.getByRole('heading', { name: 'Disconnect SSS?' }).waitFor();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'SSS was disconnected.' }).waitFor();

  const [connected] = await calls(page, 'onAccountConnected');
  assert.deepEqual(await calls(page, 'onAccountRemoved'), [connected]);
  assert.ok((await uiEvents(page)).includes('AccountRevokePageOpened'));
  const accounts = (await api('GET', `/v1/accounts?userId=${userId}`)).data.items;
  assert.deepEqual(accounts, []);
  assert.deepEqual(problems, []);
});

test("\"Can't find your employer?\" closes without uploads, opens the upload screen with them", async () => {
  const { userId, token } = await newUser();
  const closed = await openWidget({ userToken: token, enableConsentPage: false });
  await closed.dialog.getByRole('button', { name: 'Can’t find your employer?' }).click();
  await closed.dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(closed.page, 'onClose'), [{ reason: 'close' }]);

  const { page, problems, dialog } = await openWidget({ userToken: token, enableConsentPage: false, enableUpload: true });
  await dialog.getByRole('button', { name: 'Can’t find your employer?' }).click();
  await dialog.getByRole('heading', { name: 'Upload a document' }).waitFor();
  await dialog.getByRole('button', { name: /Payslip/ }).click();
  await dialog.getByLabel('Choose a file').setInputFiles({ name: 'payslip-may.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await dialog.getByRole('heading', { name: 'Document received' }).waitFor();
  const [uploaded] = await calls(page, 'onUploadsCreated');
  assert.equal(uploaded.userId, userId);
  assert.equal(uploaded.uploads.length, 1);
  assert.equal(uploaded.uploads[0].type, 'PAYSLIP');
  assert.equal(uploaded.uploads[0].rawFiles[0].name, 'payslip-may.pdf');

  await dialog.getByRole('button', { name: 'Upload another document' }).click();
  await dialog.getByRole('button', { name: 'Remove payslip-may.pdf' }).click();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'payslip-may.pdf was removed.' }).waitFor();
  assert.deepEqual(await calls(page, 'onUploadsRemoved'), [{ uploads: [uploaded.uploads[0]], userId }]);
  assert.deepEqual(
    (await uiEvents(page)).filter((n) => n !== 'ProviderListPageOpened'),
    ['FileTypeListPageOpened', 'FileTypePageOpened', 'ArchiveSuccessPageOpened', 'FileTypeListPageOpened', 'RevokeArchivePageOpened', 'FileTypeListPageOpened'],
  );
  assert.deepEqual(problems, []);
});

test('keyboard: focus stays in the dialog, Esc closes, focus returns; fits 375 px', async () => {
  const { token } = await newUser();
  const { page, problems, dialog } = await openWidget({ userToken: token }, { width: 375, height: 740 });
  await dialog.getByRole('heading', { name: 'Link your work accounts' }).waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest('[role="dialog"]'))), true, `focus left the dialog after ${i + 1} presses`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const box = await dialog.boundingBox();
  assert.ok(box.width <= 375, `dialog is ${box.width}px wide`);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByLabel('Search providers').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'onClose'), [{ reason: 'close' }]);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'launch');
  assert.deepEqual(problems, []);
});
