-- The officers' search on PostgreSQL (issue #18): one lowercased column of name and email
-- with one trigram index, searched with `LIKE lower(...)`. `ILIKE` on two columns folded
-- case per row, and the planner, not counting that cost, counted a search's matches per
-- status by reading every applicant. The newline keeps a match from spanning both fields.
ALTER TABLE applicants ADD COLUMN search_text text
    GENERATED ALWAYS AS (lower(full_name) || E'\n' || lower(email)) STORED;
CREATE INDEX applicants_search_text_trgm ON applicants USING gin (search_text gin_trgm_ops);
DROP INDEX applicants_full_name_trgm;
DROP INDEX applicants_email_trgm;
