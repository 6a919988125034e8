-- The authors of the library's books.
--
-- Technique: an identity column. GENERATED ALWAYS AS IDENTITY is the SQL-standard successor
-- of serial: the sequence belongs to the column, and an INSERT that sets id by hand fails
-- instead of colliding later with a generated value.
--
-- Cairn runs this file and the history row recording it in one transaction: if a statement
-- fails, nothing of the file remains and the next start tries it again.

CREATE TABLE authors (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	born        integer CHECK (born BETWEEN -3000 AND 2100),
	created_at  timestamptz NOT NULL DEFAULT now(),
	updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE authors IS 'Authors of the books in the library';
