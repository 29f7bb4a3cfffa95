-- A report download's audit row names the report it produced (issue #16).
ALTER TABLE audit_log ADD COLUMN report_id TEXT;
