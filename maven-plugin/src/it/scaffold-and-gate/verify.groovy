// The files cairn:new made, the manifest cairn:manifest wrote, and the gate that passed on them.
def folder = new File(basedir, 'src/main/resources/db/migrations')
def names = folder.list().sort()
assert names == ['000001_create_books.down.sql', '000001_create_books.up.sql', '000002_add_isbn.down.sql',
		'000002_add_isbn.up.sql', 'cairn-manifest.txt'] : names
assert new File(folder, '000002_add_isbn.up.sql').text.startsWith('-- cairn:no-transaction\n-- add isbn\n')
assert new File(folder, '000001_create_books.up.sql').text == '-- create books\n\n'
def manifest = new File(folder, 'cairn-manifest.txt').readLines().findAll { !it.startsWith('#') }
assert manifest.size() == 4 : manifest
assert manifest[0] ==~ /1  [0-9a-f]{64}  000001_create_books\.up\.sql/
assert manifest[3] ==~ /2  [0-9a-f]{64}  000002_add_isbn\.down\.sql/
// The Java migrations -Djava made: the first takes the folder's next version, the second goes above it.
def java = new File(basedir, 'src/main/java/com/example/migrations')
assert java.list().sort() == ['BackfillTitles.java', 'Reindex.java'] : java.list()
def backfill = new File(java, 'BackfillTitles.java').text
assert backfill.startsWith('package com.example.migrations;\n')
assert backfill.contains('public class BackfillTitles implements JavaMigration')
assert backfill.contains('return "3";')
assert !backfill.contains('@Component')
def reindex = new File(java, 'Reindex.java').text
assert reindex.contains('return "4";') && reindex.contains('return false;')
def log = new File(basedir, 'build.log').text
assert log.contains('Created src/main/java/com/example/migrations/BackfillTitles.java (version 3)')
assert log.contains('Created src/main/resources/db/migrations/000001_create_books.up.sql')
assert log.contains('Created src/main/resources/db/migrations/000002_add_isbn.down.sql')
assert log.contains('cairn-manifest.txt: added 000002_add_isbn.up.sql')
assert log.contains('Migrations match their manifest (4 files listed)')
return true
