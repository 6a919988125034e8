-- cairn:no-transaction
-- DROP INDEX CONCURRENTLY waits for queries on books instead of blocking them; like the build,
-- it cannot run inside a transaction block.
DROP INDEX CONCURRENTLY IF EXISTS books_author_id_idx;
