-- The officers' name and email search (issue #18): trigram indexes answer
-- `ILIKE '%term%'` without reading every applicant.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX applicants_full_name_trgm ON applicants USING gin (full_name gin_trgm_ops);
CREATE INDEX applicants_email_trgm ON applicants USING gin (email gin_trgm_ops);
