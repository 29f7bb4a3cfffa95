-- Covering indexes for the officers' list at 100,000+ applicants: a search or a flag filter
-- counts per status from these instead of reading every wide applicant row.
CREATE INDEX applicants_search ON applicants(full_name, email, reference, review_status);
CREATE INDEX applicants_id_status ON applicants(id, review_status);
