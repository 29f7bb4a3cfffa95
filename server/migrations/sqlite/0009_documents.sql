-- Uploaded documents: Smile's archives, synced like accounts (one job per source).

ALTER TABLE sync_jobs RENAME COLUMN account_id TO source_id;
ALTER TABLE sync_jobs ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'account'; -- account | archive

-- One row per archive Smile holds for an applicant; what was read from it is in
-- smile_items with account_id = the archive id (the item's sourceId).
CREATE TABLE archives (
    archive_id      TEXT PRIMARY KEY,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,              -- processing | analyzed | failed | revoked
    document_type   TEXT,                       -- Smile's file type id, e.g. PAYSLIP
    body            TEXT,                       -- Smile's archive JSON, file URLs removed; NULL once revoked
    uploaded_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,              -- Smile's state.updatedAt
    synced_at       TEXT NOT NULL
);
CREATE INDEX archives_applicant ON archives(applicant_id);
