-- The officers' name and email search (issue #18): a trigram index answers
-- `LIKE '%term%'` without reading every applicant. External content: the index holds
-- trigrams, not the text; the triggers keep it in step with `applicants`.
CREATE VIRTUAL TABLE applicant_search USING fts5(
    full_name,
    email,
    content = 'applicants',
    tokenize = 'trigram'
);

-- Erasure leaves nothing: a deleted row's trigrams are removed from the index at once,
-- not merely marked deleted until a merge.
INSERT INTO applicant_search (applicant_search, rank) VALUES ('secure-delete', 1);

INSERT INTO applicant_search (applicant_search) VALUES ('rebuild');

CREATE TRIGGER applicant_search_insert AFTER INSERT ON applicants BEGIN
    INSERT INTO applicant_search (rowid, full_name, email)
    VALUES (new.rowid, new.full_name, new.email);
END;

CREATE TRIGGER applicant_search_delete AFTER DELETE ON applicants BEGIN
    INSERT INTO applicant_search (applicant_search, rowid, full_name, email)
    VALUES ('delete', old.rowid, old.full_name, old.email);
END;

CREATE TRIGGER applicant_search_update AFTER UPDATE OF full_name, email ON applicants BEGIN
    INSERT INTO applicant_search (applicant_search, rowid, full_name, email)
    VALUES ('delete', old.rowid, old.full_name, old.email);
    INSERT INTO applicant_search (rowid, full_name, email)
    VALUES (new.rowid, new.full_name, new.email);
END;
