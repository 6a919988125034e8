import java.util.jar.JarFile

// The jar holds the index of db/migrations, listing every file the jar holds there, in version order.
def jar = new JarFile(new File(basedir, 'target/index-in-jar-1.jar'))
def entry = jar.getEntry('db/migrations/.cairn-index')
assert entry != null
def lines = jar.getInputStream(entry).text.readLines().findAll { !it.startsWith('#') }
assert lines.size() == 3 : lines
assert lines[0] ==~ /1  [0-9a-f]{64}  000001_books\.up\.sql/
assert lines[1] ==~ /1  [0-9a-f]{64}  000001_books\.down\.sql/
assert lines[2] ==~ /2  [0-9a-f]{64}  2026\/000002_loans\.up\.sql/
def expected = java.security.MessageDigest.getInstance('SHA-256')
	.digest(jar.getInputStream(jar.getEntry('db/migrations/2026/000002_loans.up.sql')).bytes).encodeHex().toString()
assert lines[2].contains(expected)
assert new File(basedir, 'build.log').text.contains('Indexed 3 files of classpath:db/migrations')
return true
