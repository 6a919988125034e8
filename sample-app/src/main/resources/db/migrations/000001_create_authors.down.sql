-- Undoes 000001_create_authors.up.sql. Down files sit next to their up file and undo it
-- exactly; Cairn checks that every down file has its up file.
DROP TABLE authors;
