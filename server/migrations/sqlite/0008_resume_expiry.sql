-- Resume links expire WINK_RESUME_DAYS after they were issued. Existing links were issued
-- when their application was created, so that is their issue time.
ALTER TABLE applicants ADD COLUMN resume_issued_at TEXT;
UPDATE applicants SET resume_issued_at = created_at WHERE resume_issued_at IS NULL;
