-- Each author with how many books the library has by them and how many are out on loan.
--
-- Technique: a repeatable migration. It has no version: Cairn applies it after the versioned
-- migrations, and again whenever this file changes, so the file is always the view's current
-- definition. It drops and creates the view rather than CREATE OR REPLACE VIEW, which cannot
-- drop or rename a column; both run in one transaction, so readers never see it missing.

DROP VIEW IF EXISTS author_shelf;

CREATE VIEW author_shelf AS
SELECT a.id,
	a.name,
	count(b.id) AS books,
	count(l.id) AS books_on_loan
FROM authors a
LEFT JOIN books b ON b.author_id = a.id
LEFT JOIN loans l ON l.book_id = b.id AND l.returned_at IS NULL
GROUP BY a.id, a.name;

COMMENT ON VIEW author_shelf IS 'Books per author and how many of them are lent out';
