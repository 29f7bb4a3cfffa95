-- Applicants, their sessions, their linked accounts and the widget's callbacks.
-- Timestamps are RFC 3339 UTC text: sortable, readable, the same in SQLite and PostgreSQL.

CREATE TABLE applicants (
    id              TEXT PRIMARY KEY,           -- our UUID
    reference       TEXT NOT NULL UNIQUE,       -- WP-XXXXXX; Smile's externalMetadata
    full_name       TEXT NOT NULL,
    email           TEXT NOT NULL,
    mobile          TEXT NOT NULL,
    employer        TEXT NOT NULL,
    monthly_income  INTEGER NOT NULL,           -- whole units of currency
    currency        TEXT NOT NULL,
    consented_at    TEXT NOT NULL,
    smile_user_id   TEXT UNIQUE,                -- NULL until Smile confirms the user
    smile_user_requested_at TEXT,               -- set before each POST /users attempt
    status          TEXT NOT NULL,              -- applied | linked | completed
    resume_hash     TEXT NOT NULL UNIQUE,       -- SHA-256 of the resume-link token
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE applicant_sessions (
    token_hash      TEXT PRIMARY KEY,           -- SHA-256 of the cookie value; the value is never stored
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX applicant_sessions_applicant ON applicant_sessions(applicant_id);

CREATE TABLE linked_accounts (
    account_id      TEXT PRIMARY KEY,           -- Smile's acc-...
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    provider_id     TEXT NOT NULL,
    status          TEXT NOT NULL,              -- connecting | connected | syncing | ready | error
    error_code      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX linked_accounts_applicant ON linked_accounts(applicant_id);

CREATE TABLE link_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    callback        TEXT NOT NULL,              -- onAccountConnected, ...
    account_id      TEXT,
    verified        INTEGER NOT NULL,           -- 1 when Smile confirmed the account is this applicant's
    payload         TEXT NOT NULL,              -- the callback's JSON as received
    received_at     TEXT NOT NULL
);
CREATE INDEX link_events_applicant ON link_events(applicant_id, id);
