package dev.cairn.core;


import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The initial-schema shortcut against a real PostgreSQL: a snapshot installs an empty database
 * and records the migrations it stands for; later migrations run as usual.
 */
class InitialSchemaTests extends MigrationTest {

	private static final String V1 = "CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);";

	private static final String V2 = "CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint REFERENCES authors,"
			+ " title text NOT NULL);\nCREATE INDEX books_author_id_idx ON books (author_id);";

	private static final String V3 = "ALTER TABLE books ADD COLUMN year int CHECK (year > 0);\n"
			+ "CREATE FUNCTION book_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM books $$;";

	private static final String V4 = "CREATE TABLE loans (id bigint PRIMARY KEY, book_id bigint REFERENCES books);";

	/** What V1..V3 leave, written as one schema file the way a pg_dump --schema-only would. */
	private static final String SNAPSHOT_3 = V1 + "\n" + V2 + "\n" + V3;

	private void chain() {
		this.migrations.write("000001_authors.up.sql", V1)
			.write("000002_books.up.sql", V2)
			.write("000003_year.up.sql", V3)
			.write("000003_year.down.sql", "DROP FUNCTION book_count(); ALTER TABLE books DROP COLUMN year;")
			.write("000004_loans.up.sql", V4)
			.write("000004_loans.down.sql", "DROP TABLE loans;");
	}

	@Test
	void snapshotAndLaterMigrationsEndInTheSameSchemaAsTheFullChain() throws Exception {
		chain();
		// The full chain, on a database of its own, from a folder without the snapshot.
		PGSimpleDataSource full = TestDatabase.createDatabase();
		MigrateResult fullRun = this.migrations.cairn(full).migrate();
		assertThat(fullRun.applied()).hasSize(4);
		this.migrations.write("000003_initial_schema.snapshot.sql", SNAPSHOT_3);
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting(AppliedMigration::script, AppliedMigration::type)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("000003_initial_schema.snapshot.sql", MigrationType.SNAPSHOT),
					org.assertj.core.groups.Tuple.tuple("000004_loans.up.sql", MigrationType.SQL));
		Scope scope = Scope.schema("public").excludingTables("cairn_history");
		assertThat(SchemaSnapshot.of(this.dataSource, scope)).isEqualTo(SchemaSnapshot.of(full, scope));
		assertThat(Sql.column(this.dataSource, "SELECT version || ' ' || type || ' ' || script FROM cairn_history"
				+ " ORDER BY applied_order")).containsExactly("1 SNAPSHOT 000001_authors.up.sql",
						"2 SNAPSHOT 000002_books.up.sql", "3 SNAPSHOT 000003_year.up.sql", "4 SQL 000004_loans.up.sql");
		// Checksums are the versioned files', so later runs compare them as usual.
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(cairn.status().isUpToDate()).isTrue();
		assertThat(cairn.status().migrations()).extracting(MigrationInfo::type)
			.containsExactly(MigrationType.SNAPSHOT, MigrationType.SNAPSHOT, MigrationType.SNAPSHOT, MigrationType.SQL);
		assertThat(cairn.migrate().isNoOp()).isTrue();
	}

	@Test
	void aSnapshotThatLeavesSomethingOutEndsInAnotherSchema() {
		chain();
		PGSimpleDataSource full = TestDatabase.createDatabase();
		this.migrations.cairn(full).migrate();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3.replace("CREATE INDEX books_author_id_idx ON books (author_id);", ""));
		this.migrations.cairn(this.dataSource).migrate();
		Scope scope = Scope.schema("public").excludingTables("cairn_history");
		assertThat(SchemaSnapshot.of(this.dataSource, scope)).isNotEqualTo(SchemaSnapshot.of(full, scope));
	}

	@Test
	void theSnapshotIsOneTransactionWithItsHistoryRows() {
		chain();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3 + "\nSELECT no_such_function();");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.withMessageContaining("B3__initial_schema.sql")
			.withMessageContaining("no_such_function");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('authors') IS NULL")).isEqualTo("t");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM cairn_history")).isEqualTo("0");
	}

	@Test
	void withHistoryTheSnapshotIsIgnored() {
		chain();
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrateTo(Version.parse("2"));
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3);
		assertThat(cairn.migrate().applied()).extracting(AppliedMigration::script)
			.containsExactly("000003_year.up.sql", "000004_loans.up.sql");
	}

	@Test
	void rollbackBelowTheSnapshotIsRefusedAndAboveItWorks() {
		chain();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3);
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		assertThat(cairn.rollback(1).undone()).extracting((undone) -> undone.version().toString()).containsExactly("4");
		assertThatExceptionOfType(CairnException.class).isThrownBy(() -> cairn.rollback(1))
			.withMessageContaining("000003_year.up.sql")
			.withMessageContaining("recorded as applied by the initial-schema snapshot");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM cairn_history")).isEqualTo("3");
	}

	@Test
	void aDatabaseWithObjectsButNoHistoryIsRefused() {
		chain();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3);
		TestDatabase.execute(this.dataSource, "CREATE TABLE legacy (id int)");
		assertThatExceptionOfType(CairnValidationException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.withMessageContaining("history is empty, but schema \"public\" is not (it has legacy)")
			.withMessageContaining("baseline");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('cairn_history') IS NULL")).isEqualTo("t");
	}

	@Test
	void objectsOfAnExtensionDoNotMakeTheSchemaNonEmpty() {
		chain();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3);
		TestDatabase.execute(this.dataSource, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).hasSize(2);
	}

	@Test
	void dryRunAndStatusSeeTheSnapshotOnAnEmptyDatabase() {
		chain();
		this.migrations.write("B3__initial_schema.sql", SNAPSHOT_3);
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(cairn.dryRun().steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.PROVED, DryRunResult.Outcome.PROVED);
		assertThat(cairn.status().migrations()).extracting((info) -> info.version() + " " + info.type())
			.containsExactly("1 SNAPSHOT", "2 SNAPSHOT", "3 SNAPSHOT", "4 SQL");
		assertThat(cairn.validate().pending()).isEqualTo(2);
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('authors') IS NULL")).isEqualTo("t");
	}


}
