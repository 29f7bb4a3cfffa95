-- Staged rollout: which path an applicant was put on when they applied.
ALTER TABLE applicants ADD COLUMN verification TEXT NOT NULL DEFAULT 'wink'; -- wink | manual
CREATE INDEX applicants_verification ON applicants(verification);
