-- The language an applicant applied in (issue #17): their pages keep it; officers see it.
ALTER TABLE applicants ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
