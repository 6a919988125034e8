CREATE TABLE loans (id int);
