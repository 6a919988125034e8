-- The books, each by one author.
--
-- Technique: constraints in the schema. The API validates its input too, but the CHECK,
-- UNIQUE and FOREIGN KEY constraints hold for every writer (a batch job, a psql session, the
-- next version of the service), and the unique ISBN lets the API answer a duplicate with 409
-- without a racy look-up first.
--
-- books.author_id is not indexed here: PostgreSQL does not index the referencing side of a
-- foreign key by itself. 000006 adds the index the way one does on a large live table.

CREATE TABLE books (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	isbn            text NOT NULL UNIQUE CHECK (isbn ~ '^97[89][0-9]{10}$'),
	title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	author_id       bigint NOT NULL REFERENCES authors (id),
	published_year  integer CHECK (published_year BETWEEN -3000 AND 2100),
	created_at      timestamptz NOT NULL DEFAULT now(),
	updated_at      timestamptz NOT NULL DEFAULT now()
);

COMMENT ON COLUMN books.isbn IS 'ISBN-13, digits only';
