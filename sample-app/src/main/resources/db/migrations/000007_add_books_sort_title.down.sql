ALTER TABLE books DROP COLUMN sort_title;
