-- Loans: who borrowed which book, until when, and when it came back.
--
-- Technique: a partial unique index as a business rule. At most one open loan (not yet
-- returned) per book: when two requests lend the same book at the same moment, only one
-- INSERT succeeds, whatever the application checked before; the other gets unique_violation
-- (SQLSTATE 23505), which the API answers with 409 Conflict. Closed loans are outside the
-- index, so a book's history can hold any number of them.
--
-- A plain CREATE INDEX is right here: the table is new and empty, so the build is instant and
-- stays inside this migration's transaction. On a large table in use see 000006.

CREATE TABLE loans (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	book_id      bigint NOT NULL REFERENCES books (id),
	borrower     text NOT NULL CHECK (length(borrower) BETWEEN 1 AND 100),
	lent_at      timestamptz NOT NULL DEFAULT now(),
	due_on       date NOT NULL,
	returned_at  timestamptz,
	CHECK (returned_at IS NULL OR returned_at >= lent_at)
);

CREATE UNIQUE INDEX loans_one_open_loan_per_book ON loans (book_id) WHERE returned_at IS NULL;
