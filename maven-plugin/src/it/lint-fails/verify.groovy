// A rule set to fail stops the build, naming the file and line; a warning is logged; an accepted finding does not fail.
def log = new File(basedir, 'build.log').text
assert log.contains('The linter stopped the build (1 problem):')
assert log.contains('src/main/resources/db/migrations/000002_loans_index.up.sql:1: create-index-blocking: CREATE INDEX on loans without CONCURRENTLY')
assert log.contains('[WARNING] src/main/resources/db/migrations/000004_rename.up.sql:1: rename:')
assert log.contains('[INFO] src/main/resources/db/migrations/000003_drop_old.up.sql:2: drop:')
assert log.contains('Accepted (-- cairn:lint-ignore): nothing has read old_loans since 2024')
assert !log.contains('books_title')
return true
