package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnException;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Initial-schema snapshots: on a database that is not empty, without the migration of their
 * version, two of them, and a rollback below one.
 */
abstract class SnapshotCases extends CatalogueCases {

	@Test
	void snapshotOnADatabaseWithObjectsButNoHistoryIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("B1__schema.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), "CREATE TABLE legacy (id int)");
		CairnException ex = refused("snapshot-01", "`B1__schema.sql` on a database with a table and no history",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("B1__schema.sql", "schema \"public\" is not (it has legacy)", "baseline");
	}

	@Test
	void snapshotWhoseVersionHasNoMigrationIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_schema.snapshot.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("snapshot-02", "`000002_schema.snapshot.sql` with no migration of version 2",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_schema.snapshot.sql", "no migration has that version");
	}

	@Test
	void twoSnapshotsAreRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);")
			.write("B1__schema.sql", "CREATE TABLE a (id int);")
			.write("000002_schema.snapshot.sql", "CREATE TABLE a (id int); CREATE TABLE b (id int);");
		CairnException ex = refused("snapshot-03", "`B1__schema.sql` and `000002_schema.snapshot.sql`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("B1__schema.sql", "000002_schema.snapshot.sql", "at most one snapshot");
	}

	@Test
	void rollbackBelowTheSnapshotIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000001_a.down.sql", "DROP TABLE a;")
			.write("B1__schema.sql", "CREATE TABLE a (id int);");
		cairn().migrate();
		CairnException ex = refused("snapshot-04", "rollback of version 1, recorded by snapshot `B1__schema.sql`",
				() -> cairn().rollback(1));
		assertThat(ex.getMessage()).contains("000001_a.up.sql", "recorded as applied by the initial-schema snapshot");
	}

}
