-- Keeps updated_at current on every change to an author or a book, whoever writes the row.
--
-- Technique: a PL/pgSQL function with a dollar-quoted body. Everything between $$ and $$ is
-- one string constant for PostgreSQL, so the semicolons inside the body do not end the
-- CREATE FUNCTION statement. Cairn splits a file into statements the way psql does and keeps
-- such bodies whole. When a body itself contains $$, use a tag: $body$ ... $body$.

CREATE FUNCTION keep_updated_at() RETURNS trigger
	LANGUAGE plpgsql
AS $$
BEGIN
	-- Only a real change moves the timestamp: an UPDATE that writes the same values keeps it.
	IF NEW IS DISTINCT FROM OLD THEN
		NEW.updated_at := now();
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER authors_keep_updated_at BEFORE UPDATE ON authors
	FOR EACH ROW EXECUTE FUNCTION keep_updated_at();

CREATE TRIGGER books_keep_updated_at BEFORE UPDATE ON books
	FOR EACH ROW EXECUTE FUNCTION keep_updated_at();
