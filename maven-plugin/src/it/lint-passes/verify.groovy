// Rules that warn by default do not fail; the accepted drop does not either, though set to fail.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] src/main/resources/db/migrations/000002_loans_index.up.sql:1: create-index-blocking:')
assert log.contains('Linted the migrations: 2 findings, none failing')
assert log.contains('BUILD SUCCESS')
return true
