-- A few classics and one open loan, so the API has something to show on the first start.
--
-- Technique: seed data in a versioned migration. It runs exactly once per database, after the
-- tables it fills exist, and the history table records that it did. Rows refer to each other
-- by natural keys (an author's name, a book's ISBN), never by generated ids, so the file does
-- not depend on identity values. Data that only some environments want (demo data like this)
-- can live in a folder of its own, added to cairn.locations in those environments only.
--
-- The ISBNs are made up for the sample (well-formed, but not real editions).

INSERT INTO authors (name, born) VALUES
	('Jane Austen', 1775),
	('Mary Shelley', 1797),
	('Herman Melville', 1819),
	('Fyodor Dostoevsky', 1821),
	('George Eliot', 1819);

INSERT INTO books (isbn, title, author_id, published_year)
SELECT book.isbn, book.title, authors.id, book.published_year
FROM (VALUES
	('9780000000019', 'Pride and Prejudice', 'Jane Austen', 1813),
	('9780000000026', 'Emma', 'Jane Austen', 1815),
	('9780000000033', 'Frankenstein', 'Mary Shelley', 1818),
	('9780000000040', 'Moby-Dick', 'Herman Melville', 1851),
	('9780000000057', 'Crime and Punishment', 'Fyodor Dostoevsky', 1866),
	('9780000000064', 'Middlemarch', 'George Eliot', 1871)
) AS book (isbn, title, author, published_year)
JOIN authors ON authors.name = book.author;

INSERT INTO loans (book_id, borrower, due_on)
SELECT id, 'Ishmael', current_date + 21 FROM books WHERE isbn = '9780000000040';
