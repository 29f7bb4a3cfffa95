-- Nothing to change on SQLite: the trigram index of migration 0013 already answers the
-- officers' search. PostgreSQL's 0014 gives it one lowercased column to search.
SELECT 1;
