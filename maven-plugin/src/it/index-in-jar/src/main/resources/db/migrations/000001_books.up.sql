CREATE TABLE books (id int);
