CREATE TABLE books (id bigint PRIMARY KEY, title text);
CREATE INDEX books_title ON books (title);
