-- Removes the seeded books (with their loans, which reference them) and the seeded authors
-- that have no other books, found by natural keys; books and authors users added stay.
DELETE FROM loans WHERE book_id IN (SELECT id FROM books WHERE isbn IN ('9780000000019', '9780000000026',
	'9780000000033', '9780000000040', '9780000000057', '9780000000064'));
DELETE FROM books WHERE isbn IN ('9780000000019', '9780000000026', '9780000000033', '9780000000040',
	'9780000000057', '9780000000064');
DELETE FROM authors WHERE name IN ('Jane Austen', 'Mary Shelley', 'Herman Melville', 'Fyodor Dostoevsky',
	'George Eliot') AND NOT EXISTS (SELECT 1 FROM books WHERE books.author_id = authors.id);
