CREATE INDEX loans_book ON loans (book_id);
