-- The title books sort by: without a leading article, in lower case ("The Idiot" sorts as
-- "idiot").
--
-- Technique: expand, then backfill with the application's own code. This file only adds the
-- column (nullable, so adding it is instant and new rows need nothing yet); the rule that
-- turns a title into its sort title lives in Java (SortTitle), used by the API for new books
-- and by the Java migration BackfillSortTitles (version 8) for the books already there. A
-- later release, once every row has one, can make the column NOT NULL.

ALTER TABLE books ADD COLUMN sort_title text;
