-- atlas:txmode none
DROP INDEX CONCURRENTLY accounts_name;
