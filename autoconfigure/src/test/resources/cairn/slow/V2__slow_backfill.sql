-- Slow on purpose: readiness must refuse traffic while this runs.
SELECT pg_sleep(2);
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
