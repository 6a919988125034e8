package dev.cairn.core;

import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repeatable migrations against a real PostgreSQL: applied after the versioned ones, again
 * whenever they change, every application kept in history.
 */
class RepeatableMigrationTests extends MigrationTest {

	private static final String VIEW_V1 = "DROP VIEW IF EXISTS book_titles; CREATE VIEW book_titles AS SELECT title FROM books;";

	// CREATE OR REPLACE VIEW cannot drop or rename columns: a repeatable view drops and creates.
	private static final String VIEW_V2 = "DROP VIEW IF EXISTS book_titles; CREATE VIEW book_titles AS"
			+ " SELECT title, upper(title) AS shout FROM books;";

	@Test
	void repeatablesRunAfterTheVersionedMigrationsOfTheSameRunInNameOrder() {
		// The view needs the table of a versioned migration that sorts after it by file name.
		this.migrations.write("R__book_titles.sql", VIEW_V1)
			.write("grants.repeatable.sql", "CREATE OR REPLACE FUNCTION book_count() RETURNS bigint LANGUAGE sql"
					+ " AS $$ SELECT count(*) FROM books $$;")
			.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting(AppliedMigration::script, AppliedMigration::type)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("000001_books.up.sql", MigrationType.SQL),
					org.assertj.core.groups.Tuple.tuple("R__book_titles.sql", MigrationType.REPEATABLE_SQL),
					org.assertj.core.groups.Tuple.tuple("grants.repeatable.sql", MigrationType.REPEATABLE_SQL));
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "R:book_titles#1:applied",
				"R:grants#1:applied");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM book_titles")).isEqualTo("0");
		assertThat(this.migrations.cairn(this.dataSource).migrate().isNoOp()).isTrue();
	}

	@Test
	void aChangedRepeatableIsAppliedAgainAndHistoryKeepsEveryApplication() {
		this.migrations.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);")
			.write("R__book_titles.sql", VIEW_V1);
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		assertThat(cairn.status().migrations()).extracting((info) -> info.state())
			.containsExactly(MigrationState.APPLIED, MigrationState.UP_TO_DATE);
		this.migrations.write("R__book_titles.sql", VIEW_V2);
		StatusReport status = cairn.status();
		assertThat(status.migrations()).extracting((info) -> info.state())
			.containsExactly(MigrationState.APPLIED, MigrationState.OUTDATED);
		assertThat(status.pendingCount()).isEqualTo(1);
		assertThat(cairn.validate().pending()).isEqualTo(1);
		assertThat(cairn.migrate().applied()).extracting(AppliedMigration::script).containsExactly("R__book_titles.sql");
		assertThat(Sql.column(this.dataSource, "SELECT shout FROM book_titles")).isEmpty();
		// Back to the first content: a change again, applied again.
		this.migrations.write("R__book_titles.sql", VIEW_V1);
		cairn.migrate();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "R:book_titles#1:applied",
				"R:book_titles#2:applied", "R:book_titles#3:applied");
		assertThat(Sql.value(this.dataSource, "SELECT count(DISTINCT checksum) FROM cairn_history WHERE type = 'REPEATABLE_SQL'"))
			.isEqualTo("2");
		assertThat(cairn.status().isUpToDate()).isTrue();
	}

	@Test
	void aFailingRepeatableLeavesNothingStopsTheRunAndTheNextStartRetriesIt() {
		this.migrations.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);")
			.write("R__a_view.sql", "CREATE OR REPLACE VIEW a_view AS SELECT id FROM books;")
			.write("R__b_view.sql", "CREATE OR REPLACE VIEW b_view AS SELECT no_such_column FROM books;")
			.write("R__c_view.sql", "CREATE OR REPLACE VIEW c_view AS SELECT id FROM books;");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		MigrationFailedException failure = assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(cairn::migrate)
			.actual();
		assertThat(failure.getMessage()).contains("R__b_view.sql", "(repeatable)", "no_such_column", "line 1",
				"the next run applies it again");
		assertThat(failure.version()).isNull();
		assertThat(failure.line()).isEqualTo(1);
		// Earlier work stays, the failing one left nothing, the run stopped before c.
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "R:a_view#1:applied");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('c_view') IS NULL")).isEqualTo("t");
		assertThat(cairn.status().migrations()).extracting((info) -> info.script() + " " + info.state().displayName())
			.containsExactly("000001_books.up.sql applied", "R__a_view.sql up to date", "R__b_view.sql pending",
					"R__c_view.sql pending");
		this.migrations.write("R__b_view.sql", "CREATE OR REPLACE VIEW b_view AS SELECT title FROM books;");
		assertThat(cairn.migrate().applied()).extracting(AppliedMigration::script)
			.containsExactly("R__b_view.sql", "R__c_view.sql");
	}

	@Test
	void dryRunTriesRepeatablesAfterTheVersionedOnesAndWritesNothing() {
		this.migrations.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);")
			.write("R__book_titles.sql", VIEW_V1);
		DryRunResult dryRun = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(dryRun.steps()).extracting(DryRunResult.Step::script, DryRunResult.Step::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("filesystem:" + this.migrations.folder() + "/000001_books.up.sql",
					DryRunResult.Outcome.PROVED),
					org.assertj.core.groups.Tuple.tuple("filesystem:" + this.migrations.folder() + "/R__book_titles.sql",
							DryRunResult.Outcome.PROVED));
		assertThat(dryRun.steps().get(1).version()).isNull();
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('book_titles') IS NULL")).isEqualTo("t");
	}

	@Test
	void migrateToAVersionShortOfTheEndLeavesRepeatablesForTheRunThatReachesIt() {
		this.migrations.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);")
			.write("000002_authors.up.sql", "CREATE TABLE authors (id int PRIMARY KEY);")
			.write("R__book_titles.sql", VIEW_V1);
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(cairn.migrateTo(Version.parse("1")).applied()).extracting(AppliedMigration::script)
			.containsExactly("000001_books.up.sql");
		assertThat(cairn.migrateTo(Version.parse("2")).applied()).extracting(AppliedMigration::script)
			.containsExactly("000002_authors.up.sql", "R__book_titles.sql");
	}

	@Test
	void rollbackLeavesRepeatableRowsAlone() {
		this.migrations.write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);")
			.write("000001_books.down.sql", "DROP TABLE books CASCADE;")
			.write("000002_authors.up.sql", "CREATE TABLE authors (id int PRIMARY KEY);")
			.write("000002_authors.down.sql", "DROP TABLE authors;")
			.write("R__grant.sql", "COMMENT ON TABLE books IS 'the books';");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		assertThat(cairn.rollback(1).undone()).extracting((undone) -> undone.version().toString()).containsExactly("2");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "R:grant#1:applied");
	}

}
