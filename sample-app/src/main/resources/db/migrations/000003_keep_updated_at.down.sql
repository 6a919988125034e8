DROP TRIGGER books_keep_updated_at ON books;
DROP TRIGGER authors_keep_updated_at ON authors;
DROP FUNCTION keep_updated_at();
