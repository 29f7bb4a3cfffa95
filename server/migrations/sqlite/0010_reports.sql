-- Verification reports (issue 16): the consent receipt, and snapshots for "what changed".

-- Which words (by version, see wink_api::CONSENT_VERSION) the applicant agreed to, and the
-- Smile consent template the widget showed. Every application so far agreed to the first
-- version; the default only fills those rows (inserts always name the version).
ALTER TABLE applicants ADD COLUMN consent_version TEXT NOT NULL DEFAULT '2026-11';
ALTER TABLE applicants ADD COLUMN smile_template_id TEXT;   -- NULL: none was configured

-- The verified data as it stood at each report and each re-verification (the report's
-- JSON), so the next one can say what changed. Personal data: goes with the applicant.
CREATE TABLE report_snapshots (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    reason          TEXT NOT NULL,              -- report | reverify
    report_id       TEXT,                       -- rpt-…, for a report's snapshot
    taken_at        TEXT NOT NULL,
    body            TEXT NOT NULL               -- wink_api::report::Report as JSON
);
CREATE INDEX report_snapshots_applicant ON report_snapshots(applicant_id, id);
