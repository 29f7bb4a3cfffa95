// Uploaded documents end to end (issue #15), in Chromium against the real server in
// emulator mode: an applicant whose employer Smile does not list uploads a payslip in the
// stand-in widget instead of linking an account; the emulator analyses it (the file name
// chooses the outcome: `tampered`, `unreadable`, else four passing checks) and tells the
// server by webhook; the applicant's page follows Smile's word live, and the officer sees
// the document as evidence. A callback forged outside the widget proves nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage } from './browser.mjs';
import {
  GEORGE, OFFICER, UPLOAD_INSTEAD, apply, noSidewaysScroll, openApplicant, openWidget,
  realProblems, signInAsOfficer, uploadPayslip, uploadedDocument,
} from './journey.mjs';

const skip = OFFICER.password ? false : 'WINK_DEMO_OFFICER_PASSWORD is not set (run it with cargo xtask test)';
const DESK = { width: 1280, height: 900 };
/** The lender's minimum score of a document check (WINK_DOCUMENT_CHECK_MIN's default). */
const CHECK_MIN = 80;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** George (the emulator's persona for a user without a linked account), at an employer
 * Smile does not list, with an email of this run only. */
function applicantAtSariSari(label) {
  return {
    ...GEORGE,
    email: `${label}.${Date.now()}@example.com`,
    employer: 'Sari-Sari Trading',
  };
}

/** Applies as `person` and uploads a payslip named `fileName` through "Can't find your
 * employer?"; returns the applicant's page, on the link page. */
async function applyAndUpload(person, fileName) {
  const applicant = await openPage(browser);
  await apply(applicant.page, person);
  const dialog = await openWidget(applicant.page, UPLOAD_INSTEAD);
  await uploadPayslip(dialog, fileName);
  return applicant;
}

/** Waits until the link page shows `fileName` with Smile's verdict `progress`. */
async function progressOf(page, fileName, progress) {
  const row = uploadedDocument(page, fileName);
  await page.locator(`li.document[data-progress="${progress}"]`)
    .filter({ has: page.locator('.document-name', { hasText: fileName }) })
    .waitFor({ timeout: 30_000 });
  return row;
}

/** The dashboard on the detail of `person`, signed in as the demo officer. */
async function officerOn(person) {
  const officer = await openPage(browser, DESK);
  await signInAsOfficer(officer.page, baseUrl);
  await openApplicant(officer.page, person.email, person.name);
  return officer;
}

/** A table's body rows as [row header, first cell] pairs. */
function rowsOf(table) {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [
    tr.querySelector('th')?.textContent.trim(),
    tr.querySelector('td')?.textContent.trim(),
  ]));
}

// The first applicant's upload, for the officer's test after it.
let accepted;

test("an applicant whose employer Smile doesn't list uploads payslip.pdf instead and sees it accepted, live", async () => {
  const person = applicantAtSariSari('sari.payslip');
  const { page, problems } = await openPage(browser);
  await apply(page, person);
  await page.evaluate(() => { window.__sameDocument = true; });
  const dialog = await openWidget(page, UPLOAD_INSTEAD);
  await uploadPayslip(dialog, 'payslip.pdf');

  // The widget's report first, then Smile's word by the server's stream (the emulator
  // analyses about 200 ms after the upload).
  const row = await progressOf(page, 'payslip.pdf', 'accepted');
  assert.equal(await page.locator('li.document').count(), 1);
  assert.match(await row.locator('.chip').innerText(), /Accepted/);
  assert.match(await row.locator('.document-hint').innerText(), /^Payslip\. Smile read it\./);
  assert.equal(await row.getByRole('button', { name: /Upload again/ }).count(), 0);
  await page.locator('[data-document-news]').filter({ hasText: 'payslip.pdf: Accepted.' }).waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the link page was reloaded');
  await noSidewaysScroll(page);
  assert.deepEqual(problems, []);
  accepted = person;
});

test('the officer sees the payslip as evidence: what Smile read, four passing checks, income "from an uploaded document"', { skip }, async () => {
  assert.ok(accepted, 'the applicant of the test above uploaded payslip.pdf');
  const { page, problems } = await officerOn(accepted);
  const documents = page.locator('#documents');
  await documents.getByRole('heading', { name: 'Documents', level: 2 }).waitFor();
  const document = documents.locator('article.document[data-document-status="analyzed"]');
  await document.waitFor({ timeout: 30_000 });
  assert.equal(await documents.locator('article.document').count(), 1);
  assert.equal(await document.getByRole('heading', { level: 3 }).innerText(), 'Payslip');
  assert.equal(await document.locator('.document-head .badge').innerText(), 'Analysed');
  assert.match(await document.locator('.reference').innerText(), /^u-/);
  assert.equal(await document.locator('table.document-files tbody th.file-name').innerText(), 'payslip.pdf');

  // What Smile read, as a table of words: the persona's current job, a month's pay.
  await document.getByRole('heading', { name: 'What Smile read' }).waitFor();
  const read = Object.fromEntries(await rowsOf(document.getByRole('table', { name: 'What Smile read' })));
  assert.equal(read.Employer, 'ABC Corporation');
  assert.match(read.Employee, /George/);
  assert.match(read['Gross pay'], /^\d{1,3}(,\d{3})*\.\d{2} PHP$/);
  assert.match(read['Net pay'], /^\d{1,3}(,\d{3})*\.\d{2} PHP$/);
  assert.match(read['Pay period from'], /^\d{4}-\d{2}-01$/);

  // Smile's four checks, each passing, with its score bar and the minimum on it.
  const checks = document.getByRole('table', { name: "Smile's checks" }).locator('tr.check');
  assert.deepEqual(
    (await checks.evaluateAll((rows) => rows.map((tr) => tr.dataset.check))).sort(),
    ['computation', 'identity', 'location', 'metadata'],
  );
  assert.deepEqual(await checks.evaluateAll((rows) => rows.map((tr) => tr.dataset.low)), ['false', 'false', 'false', 'false']);
  assert.deepEqual(await checks.locator('.check-verdict').allInnerTexts(), ['Passed', 'Passed', 'Passed', 'Passed']);
  for (const label of await checks.getByRole('img').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')))) {
    assert.match(label, new RegExp(`: \\d+ of 100, at or above the minimum of ${CHECK_MIN}$`));
  }
  assert.match(await document.innerText(), new RegExp(`A check passes at ${CHECK_MIN} or above`));

  // The summary weighs it: an income only from the document says so; no document flags.
  const income = page.locator('#summary [data-figure="income"]');
  assert.match(await income.innerText(), /\d/);
  assert.match(
    await income.locator('[data-evidence="uploaded_document"]').innerText(),
    /^from an uploaded document, not confirmed by a connected account$/,
  );
  assert.equal(await page.locator('#summary li.flag[data-flag^="document_"]').count(), 0);
  assert.equal(await documents.locator('li[data-confirmed="false"]').count(), 0, 'Smile confirmed the upload');
  assert.deepEqual(realProblems(problems), []);
});

test('payslip-tampered.pdf: the officer, watching, sees "Document check failed" naming the metadata check', { skip }, async () => {
  const person = applicantAtSariSari('sari.tampered');
  const applicant = await openPage(browser);
  await apply(applicant.page, person);
  // The officer has the detail open before the upload: it arrives by the live stream.
  const { page, problems } = await officerOn(person);
  await page.locator('#documents [data-empty="documents"]').waitFor({ timeout: 30_000 });
  await page.locator('.live-status[data-live="live"]').waitFor({ timeout: 30_000 });
  await page.evaluate(() => { window.__sameDocument = true; });

  const dialog = await openWidget(applicant.page, UPLOAD_INSTEAD);
  await uploadPayslip(dialog, 'payslip-tampered.pdf');
  // Read and checked: the applicant is not told what the checks found.
  await progressOf(applicant.page, 'payslip-tampered.pdf', 'accepted');

  const flag = page.locator('#summary li.flag[data-flag="document_check_failed"]');
  await flag.waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the detail was reloaded');
  assert.equal(await flag.locator('.flag-kind').innerText(), 'Document check failed');
  const reason = await flag.locator('.flag-reason').innerText();
  assert.match(reason, new RegExp(`file metadata scored \\d+/100, below the minimum of ${CHECK_MIN}`));
  assert.match(reason, /edited after it was produced/);
  assert.doesNotMatch(reason, /arithmetic|identity|location/i, 'only the metadata check is low');
  assert.equal(await page.locator('#summary li.flag[data-flag="document_check_failed"]').count(), 1);

  // The document itself marks the low check and explains it; the other three pass.
  const checks = page.locator('#documents article.document[data-document-status="analyzed"] tr.check');
  const metadata = checks.and(page.locator('[data-check="metadata"]'));
  assert.equal(await metadata.getAttribute('data-low'), 'true');
  assert.equal(await metadata.locator('.check-verdict').innerText(), `Low: below the minimum of ${CHECK_MIN}`);
  assert.match(await metadata.locator('.check-explanation').innerText(), /metadata suggests it was edited after it was produced/);
  assert.match(await metadata.getByRole('img').getAttribute('aria-label'), new RegExp(`^File metadata: \\d+ of 100, below the minimum of ${CHECK_MIN}$`));
  assert.deepEqual(await checks.and(page.locator('[data-low="false"]')).locator('.check-verdict').allInnerTexts(), ['Passed', 'Passed', 'Passed']);
  assert.deepEqual(realProblems(problems), []);
  assert.deepEqual(applicant.problems, []);
});

test('an unreadable file tells the applicant what to do next, and "Upload again" gets it accepted', async () => {
  const person = applicantAtSariSari('sari.unreadable');
  const { page, problems } = await applyAndUpload(person, 'payslip-unreadable.pdf');
  const row = await progressOf(page, 'payslip-unreadable.pdf', 'unreadable');
  assert.match(await row.locator('.chip').innerText(), /Could not be read/);
  assert.equal(
    await row.locator('.document-hint').innerText(),
    'Payslip. Smile could not read this file. Upload a clearer photo or the original PDF.',
  );
  await page.locator('[data-document-news]')
    .filter({ hasText: 'payslip-unreadable.pdf: Could not be read. Smile could not read this file.' })
    .waitFor({ state: 'attached' });

  // "Upload again" opens Smile's window; a readable copy is accepted beside the failed one.
  const again = row.getByRole('button', { name: /^Upload again/ });
  assert.equal(await again.getAttribute('aria-describedby'), 'upload-instead-hint');
  const dialog = await openWidget(page, /^Upload again/);
  await uploadPayslip(dialog, 'payslip.pdf');
  await progressOf(page, 'payslip.pdf', 'accepted');
  assert.equal(await uploadedDocument(page, 'payslip-unreadable.pdf').getAttribute('data-progress'), 'unreadable');
  await noSidewaysScroll(page);
  assert.deepEqual(problems, []);
});

test('an onUploadsCreated forged outside the widget never becomes a document', { skip }, async () => {
  const person = applicantAtSariSari('sari.forged');
  const applicant = await openPage(browser);
  await apply(applicant.page, person);

  // What curl would send with the applicant's session cookie: no widget, no upload at Smile.
  const cookie = (await applicant.page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const forgedId = `u-forged${Date.now()}`;
  const response = await fetch(`${baseUrl}/api/link/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({
      callback: 'onUploadsCreated',
      payload: { uploads: [{ id: forgedId, type: 'PAYSLIP', fileName: 'forged.pdf' }], userId: 'usr-forged' },
    }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { documents } = await response.json();
  // At most the browser's report, waiting for Smile: never accepted.
  for (const doc of documents.filter((d) => d.archiveId === forgedId)) assert.equal(doc.progress, 'received');

  const { page, problems } = await officerOn(person);
  const section = page.locator('#documents');
  await section.locator('[data-empty="documents"]').waitFor({ timeout: 30_000 });
  assert.equal(await section.locator('[data-empty="documents"]').innerText(), 'No documents uploaded.');
  assert.equal(await section.locator('article.document').count(), 0);
  // Listed, if at all, only as the browser's unconfirmed report.
  const reported = section.locator(`[data-upload-id="${forgedId}"]`);
  assert.equal(await reported.count(), await reported.and(page.locator('[data-confirmed="false"]')).count());
  if (await reported.count()) {
    await section.getByRole('heading', { name: 'Not confirmed by Smile' }).waitFor();
    assert.match(await section.innerText(), /not yet confirmed by Smile: not evidence/);
  }
  assert.equal(await page.locator('#summary [data-evidence="uploaded_document"]').count(), 0);
  assert.equal(await page.locator('#summary li.flag[data-flag^="document_"]').count(), 0);
  assert.equal(await page.locator('#summary [data-figure="income"]').innerText(), '—');

  // The applicant's own page never shows it accepted either.
  await applicant.page.reload();
  await applicant.page.getByRole('heading', { name: 'Link your income accounts' }).waitFor({ timeout: 30_000 });
  assert.equal(await applicant.page.locator('li.document[data-progress="accepted"]').count(), 0);
  assert.deepEqual(realProblems(problems), []);
});
