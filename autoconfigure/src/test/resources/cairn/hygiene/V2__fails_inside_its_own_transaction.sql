-- cairn:no-transaction
SET search_path = nowhere;
SET ROLE pg_monitor;
BEGIN;
SELECT pg_advisory_lock(4711);
SELECT 1 / 0;
COMMIT;
