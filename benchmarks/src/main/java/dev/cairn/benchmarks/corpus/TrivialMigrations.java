package dev.cairn.benchmarks.corpus;

/** {@code CREATE TABLE t_00042 (id int);} and nothing else. */
final class TrivialMigrations {

	private TrivialMigrations() {
	}

	static MigrationSource migration(int version) {
		String table = String.format("t_%05d", version);
		return new MigrationSource(version, "create_" + table, "CREATE TABLE " + table + " (id int);\n");
	}

}
