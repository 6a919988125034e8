CREATE TABLE authors (id int);
