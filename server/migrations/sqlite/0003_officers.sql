-- Loan officers, their sessions, the review they do, and the audit trail of what they read.

CREATE TABLE officers (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,       -- stored lower-case
    password_hash   TEXT NOT NULL,              -- Argon2id PHC string
    created_at      TEXT NOT NULL
);

CREATE TABLE officer_sessions (
    token_hash      TEXT PRIMARY KEY,           -- SHA-256 of the cookie value
    officer_id      TEXT NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,              -- idle timeout counts from here
    expires_at      TEXT NOT NULL               -- absolute end
);
CREATE INDEX officer_sessions_officer ON officer_sessions(officer_id);

-- Failed logins, by account (email:...) and by address (ip:...), for rate limiting.
CREATE TABLE login_failures (
    key             TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- What the list filters and sorts on, kept up to date after every change.
ALTER TABLE applicants ADD COLUMN review_status TEXT NOT NULL DEFAULT 'awaiting_link';
ALTER TABLE applicants ADD COLUMN name_score INTEGER;
ALTER TABLE applicants ADD COLUMN account_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX applicants_review_updated ON applicants(review_status, updated_at);
CREATE INDEX applicants_updated ON applicants(updated_at);
CREATE INDEX applicants_created ON applicants(created_at);
CREATE INDEX applicants_name ON applicants(full_name COLLATE NOCASE);

CREATE TABLE applicant_flags (
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    position        INTEGER NOT NULL,           -- the summary's order
    PRIMARY KEY (applicant_id, kind)
);
CREATE INDEX applicant_flags_kind ON applicant_flags(kind, applicant_id);

CREATE TABLE officer_notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    officer_id      TEXT NOT NULL REFERENCES officers(id),
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX officer_notes_applicant ON officer_notes(applicant_id, id);

CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    officer_id      TEXT NOT NULL REFERENCES officers(id),
    outcome         TEXT NOT NULL,              -- approve | decline | request_info
    reason          TEXT NOT NULL,
    decided_at      TEXT NOT NULL
);
CREATE INDEX decisions_applicant ON decisions(applicant_id, id);

CREATE TABLE invites (
    token_hash      TEXT PRIMARY KEY,
    full_name       TEXT NOT NULL,
    email           TEXT NOT NULL,
    mobile          TEXT NOT NULL,
    employer        TEXT NOT NULL,
    officer_id      TEXT NOT NULL REFERENCES officers(id),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT,
    applicant_id    TEXT
);

-- No foreign key: the trail outlives the applicant it is about.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    officer_id      TEXT NOT NULL,
    officer_email   TEXT NOT NULL,
    applicant_id    TEXT NOT NULL,
    action          TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX audit_log_applicant ON audit_log(applicant_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- What is left of a deleted applicant: no personal data, enough to ignore Smile's later
-- webhooks for their user and to answer "what happened to WP-...".
CREATE TABLE applicant_tombstones (
    applicant_id    TEXT PRIMARY KEY,
    reference       TEXT NOT NULL,
    smile_user_id   TEXT UNIQUE,
    deleted_by      TEXT NOT NULL,              -- officer id
    deleted_at      TEXT NOT NULL
);

-- A disconnected account is kept (without its data) so the summary can say so.
ALTER TABLE linked_accounts ADD COLUMN disconnected_at TEXT;

-- Which Smile user a webhook concerns, for the applicant's timeline.
ALTER TABLE webhook_inbox ADD COLUMN smile_user_id TEXT;
CREATE INDEX webhook_inbox_user ON webhook_inbox(smile_user_id, id);
