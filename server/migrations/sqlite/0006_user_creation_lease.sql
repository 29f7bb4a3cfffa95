-- Creating an applicant's Smile user is leased in the database, so two server instances
-- never both send `POST /users` for one applicant.
ALTER TABLE applicants ADD COLUMN smile_user_lease_until TEXT;
