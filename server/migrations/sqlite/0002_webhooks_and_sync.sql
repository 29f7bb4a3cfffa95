-- Smile's webhooks, stored before they are acknowledged, and the sync work they cause.

CREATE TABLE webhook_inbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT NOT NULL UNIQUE,       -- Smile's id; poison:<sha256> when unreadable
    event_type      TEXT NOT NULL,
    body            BLOB NOT NULL,              -- the raw, verified bytes
    status          TEXT NOT NULL,              -- pending | done | ignored | poison | dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_until     TEXT,
    last_error      TEXT,
    received_at     TEXT NOT NULL,
    processed_at    TEXT
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox(status, id);

-- One row per account: a burst of events for an account collapses into one fetch.
CREATE TABLE sync_jobs (
    account_id      TEXT PRIMARY KEY,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,              -- pending | running | done | dead
    dirty           INTEGER NOT NULL DEFAULT 0, -- new events arrived while running
    task_finished   INTEGER NOT NULL DEFAULT 0, -- Smile said retrieval finished
    due_at          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_until     TEXT,
    last_error      TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX sync_jobs_due ON sync_jobs(status, due_at);

-- The applicant's data as Smile returned it, one row per Smile item, replaced on each sync.
CREATE TABLE smile_items (
    kind            TEXT NOT NULL,              -- identity | employment | income | contribution | eincome
    smile_id        TEXT NOT NULL,
    account_id      TEXT NOT NULL,
    applicant_id    TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    body            TEXT NOT NULL,              -- the item's JSON
    synced_at       TEXT NOT NULL,
    PRIMARY KEY (kind, smile_id)
);
CREATE INDEX smile_items_account ON smile_items(account_id);
CREATE INDEX smile_items_applicant ON smile_items(applicant_id, kind);

ALTER TABLE linked_accounts ADD COLUMN last_synced_at TEXT;
