// One message per problem: edited, renamed, removed, two files with one version, a late file not allowed.
def log = new File(basedir, 'build.log').text
assert log.contains('The migrations do not match their manifest (6 problems):')
assert log.contains('.cairn-index is a generated index in the source folder: delete it')
assert log.contains('000001_books.up.sql was edited after it was listed')
assert log.contains('000002_authors.up.sql was renamed to 000002_writers.up.sql')
assert log.contains('000006_fines.up.sql is listed but no longer exists')
assert log.contains('version 5 is applied by 2 files: 000005_loans.up.sql, V5__also_five.sql')
assert log.contains('000004_members.up.sql is new and has version 4, below 6, the highest listed')
assert log.contains('mvn cairn:manifest -Dcairn.allowLate=4')
// -Dcairn.allowLate=3 allowed 000003_allowed.up.sql
assert !log.contains('000003_allowed.up.sql')
// The manifest is left as it was.
assert new File(basedir, 'src/main/resources/db/migrations/cairn-manifest.txt').text.contains('000006_fines.up.sql')
return true
