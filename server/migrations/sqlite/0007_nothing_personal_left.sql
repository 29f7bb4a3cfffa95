-- Sign-in attempts are reserved before the password is checked (so concurrent guesses are
-- counted), keyed by a SHA-256 of what identifies the account or address: the table never
-- holds an email as typed. The old rows held raw emails, so they go with the old table.
-- A bucket's row is locked while an attempt is counted and reserved in it, so attempts on
-- one account or address take turns, across instances.
CREATE TABLE login_buckets (
    key             TEXT PRIMARY KEY,           -- as login_failures.key
    touched_at      TEXT NOT NULL
);
CREATE INDEX login_buckets_touched ON login_buckets(touched_at);
DROP TABLE login_failures;
CREATE TABLE login_failures (
    attempt         TEXT NOT NULL,              -- one id per sign-in attempt (all its keys)
    key             TEXT NOT NULL,              -- hex SHA-256 of email:... or ip:...
    at              TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
CREATE INDEX login_failures_at ON login_failures(at);
CREATE INDEX login_failures_attempt ON login_failures(attempt);

-- Webhooks about applicants deleted before this migration: keep only what dedupe needs.
UPDATE webhook_inbox SET body = X'', last_error = NULL, smile_user_id = NULL,
    status = CASE WHEN status = 'pending' THEN 'ignored' ELSE status END
WHERE smile_user_id IN (SELECT smile_user_id FROM applicant_tombstones
                        WHERE smile_user_id IS NOT NULL);
