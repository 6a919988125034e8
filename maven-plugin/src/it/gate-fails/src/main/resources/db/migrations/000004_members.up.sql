CREATE TABLE members (id int);
