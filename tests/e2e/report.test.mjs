// The signed verification report and re-verification in Chromium, against the real server
// in emulator mode: George links SSS; the officer downloads his report as a PDF (read back
// with poppler's pdftotext) and as JSON, and `wink-server verify-report` says both are
// valid against the lender's published keys; George's life then moves on at the emulator
// (a new employer, the next month's contribution), and after a re-verification the
// officer's page lists both under "What changed".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, launch, openPage } from './browser.mjs';
import { GEORGE, OFFICER, applyAndLinkSss, openApplicant, realProblems, signInAsOfficer } from './journey.mjs';

const skip = OFFICER.password ? false : 'WINK_DEMO_OFFICER_PASSWORD is not set (run it with cargo xtask test)';
const serverBin = process.env.WINK_SERVER_BIN;
const [apiKey, apiSecret] = (process.env.WINK_TEST_SECRETS ?? 'sandbox-emulator-key,sandbox-emulator-secret').split(',');
const admin = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
const DESK = { width: 1280, height: 900 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Clicks a download link and saves the file into `dir`; its path. */
async function save(page, link, dir, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return path;
}

/** `wink-server verify-report` on `file` with the keys the lender publishes. */
function verifyReport(file, keys) {
  const run = spawnSync(serverBin, ['verify-report', file, '--key', keys], { encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

test('George\'s report downloads as a PDF and JSON that verify; a re-verification shows what changed', { skip, timeout: 180_000 }, async () => {
  assert.ok(serverBin, 'WINK_SERVER_BIN names the wink-server binary (cargo xtask test sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'wink-report-'));
  const email = `george.report.${Date.now()}@example.com`;
  const applicant = await openPage(browser);
  await applyAndLinkSss(applicant.page, { ...GEORGE, email });

  const officer = await openPage(browser, DESK);
  await signInAsOfficer(officer.page, baseUrl);
  await openApplicant(officer.page, email, GEORGE.name);
  const page = officer.page;
  // His data has arrived: the employment history is on the page.
  await page.getByText('ABC Corporation').first().waitFor({ timeout: 30_000 });

  // The PDF, as a real file: its text says who he is, the employer change and the gap.
  const pdf = await save(page, page.getByRole('link', { name: 'PDF (A4)' }), dir, 'report.pdf');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const expected of ['George Cimafranca Palomero', 'CDE Corporation', 'ABC Corporation', 'Page 1 of']) {
    assert.ok(text.includes(expected), `"${expected}" in the PDF's text`);
  }
  assert.match(text, /gap/i, 'the contribution gap is in the PDF');
  const json = await save(page, page.getByRole('link', { name: 'JSON' }), dir, 'report.json');

  // Both verify offline against the keys the lender publishes.
  const published = await (await fetch(`${baseUrl}/.well-known/wink-report-keys.json`)).text();
  const keys = join(dir, 'keys.json');
  writeFileSync(keys, published);
  for (const file of [pdf, json]) {
    const { status, out } = verifyReport(file, keys);
    assert.equal(status, 0, out);
    assert.match(out, /^valid, signed by key [0-9a-f]{16} at /, out);
  }
  // One edited figure and it no longer does.
  const edited = join(dir, 'edited.json');
  writeFileSync(edited, readFileSync(json, 'utf8').replace('"monthlyIncome": 25000', '"monthlyIncome": 250000'));
  assert.equal(verifyReport(edited, keys).status, 1);

  // George's life moves on at the emulator: a new employer, the next month's contribution.
  const since = new Date();
  since.setUTCDate(1);
  const changed = await fetch(`${baseUrl}/sandbox/_emulator/personas/george/changes`, {
    method: 'POST',
    headers: { Authorization: admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ newEmployer: { name: 'XYZ Holdings', since: since.toISOString().slice(0, 10) }, newContributionMonth: true }),
  });
  assert.ok(changed.ok, `emulator knob: ${changed.status} ${await changed.text()}`);

  // The officer re-verifies; once the fresh syncs ran, "What changed" lists both.
  await page.getByRole('button', { name: 'Re-verify' }).click();
  await page.getByText('Re-verification started; data is being refreshed from Smile.').waitFor({ timeout: 30_000 });
  const changes = page.getByRole('region', { name: /^What changed since/ });
  // Each change links to its section of the page.
  const employment = changes.getByRole('link', { name: /XYZ Holdings/ });
  await employment.waitFor({ timeout: 60_000 });
  assert.equal(await employment.getAttribute('href'), '#employment');
  const contribution = changes.getByRole('link', { name: /New contribution posted/ });
  await contribution.waitFor({ timeout: 30_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nWhat changed: ${await changes.innerText()}`);
  });
  assert.equal(await contribution.getAttribute('href'), '#contributions');

  assert.deepEqual(realProblems(officer.problems), []);
  assert.deepEqual(realProblems(applicant.problems), []);
});
