package dev.cairn.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.cairn.core.internal.history.HistorySummary;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.MigrationResolver;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A migrate run reads history first as a summary (counts and a sum of hashes) and stops there
 * when it is exactly the files, all applied ({@link HistorySummary}). Each case below changes history or the files one way;
 * the summary must then say "not up to date", so that the run reads the rows and the planner
 * says what it always said.
 */
class HistorySummaryTests extends MigrationTest {

	private void threeTables() {
		for (int i = 1; i <= 3; i++) {
			this.migrations.write(String.format("%06d_t%d.up.sql", i, i), "CREATE TABLE t" + i + " (id int);");
		}
	}

	/** What a migrate run's first read says of history and the files as they are now. */
	private boolean upToDate() throws SQLException {
		CairnConfiguration configuration = this.migrations.configure(this.dataSource).build();
		MigrationCatalog catalog = new MigrationResolver(configuration.classLoader())
			.resolve(configuration.locations());
		try (Connection connection = this.dataSource.getConnection()) {
			HistorySummary summary = new HistoryTable(configuration.trackSettings())
				.readSummary(connection, Duration.ofSeconds(10))
				.summary();
			return summary != null && summary.upToDate(catalog);
		}
	}

	/** The summary says "not up to date", and the planner refuses the run saying {@code message}. */
	private void assertNotUpToDateAndRefused(String message) throws SQLException {
		assertThat(upToDate()).isFalse();
		assertThatExceptionOfType(CairnValidationException.class).isThrownBy(this::migrate)
			.withMessageContaining(message);
	}

	private MigrateResult migrate() {
		return this.migrations.cairn(this.dataSource).migrate();
	}

	@Test
	void historyExactlyAsTheFilesIsUpToDateAndTheRunIsTheNoOpItAlwaysWas() throws SQLException {
		threeTables();
		assertThat(migrate().applied()).hasSize(3);
		assertThat(upToDate()).isTrue();
		MigrateResult again = migrate();
		assertThat(again.isNoOp()).isTrue();
		assertThat(again.warnings()).isEmpty();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied", "3:applied");
	}

	@Test
	void aNewFileIsNotUpToDateAndIsApplied() throws SQLException {
		threeTables();
		migrate();
		this.migrations.write("000004_t4.up.sql", "CREATE TABLE t4 (id int);");
		assertThat(upToDate()).isFalse();
		assertThat(migrate().applied()).extracting((applied) -> applied.version().toString()).containsExactly("4");
	}

	@Test
	void anEditedFileIsNotUpToDateAndIsReportedAsDrift() throws SQLException {
		threeTables();
		migrate();
		this.migrations.write("000002_t2.up.sql", "CREATE TABLE t2 (id bigint);");
		assertNotUpToDateAndRefused("000002_t2.up.sql: changed since it was applied");
	}

	@Test
	void aRowRenamedOrEditedByHandIsNotUpToDate() throws SQLException {
		threeTables();
		migrate();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET script = '000002_old.up.sql' WHERE version = '2'");
		assertNotUpToDateAndRefused("was applied as 000002_old.up.sql");
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET script = '000002_t2.up.sql' WHERE version = '2'");
		assertThat(upToDate()).isTrue();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET checksum = NULL WHERE version = '2'");
		assertThat(upToDate()).as("a row without a checksum (imported) is left to the planner").isFalse();
		assertThat(migrate().isNoOp()).isTrue();
	}

	@Test
	void aRowNotAppliedIsNotUpToDate() throws SQLException {
		threeTables();
		migrate();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET state = 'in_progress' WHERE version = '3'");
		assertNotUpToDateAndRefused("was interrupted while running without a transaction");
	}

	@Test
	void aRowOfANewerReleaseOrAMissingFileIsNotUpToDate() throws SQLException {
		threeTables();
		this.migrations.write("000004_t4.up.sql", "CREATE TABLE t4 (id int);");
		migrate();
		this.migrations.delete("000004_t4.up.sql");
		assertThat(upToDate()).isFalse();
		MigrateResult result = migrate();
		assertThat(result.isNoOp()).isTrue();
		assertThat(result.warnings()).extracting(Problem::kind).containsExactly(Problem.Kind.FUTURE);
		this.migrations.delete("000002_t2.up.sql");
		assertNotUpToDateAndRefused("no file has that version any more");
	}

	@Test
	void aRowWhoseLineCouldBeReadTwoWaysIsNotUpToDate() throws SQLException {
		threeTables();
		migrate();
		// "2 x" as a version: its line "2 x <checksum> <script>" no longer splits one way only.
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET version = '2 x' WHERE version = '2'");
		assertThat(upToDate()).isFalse();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET version = '2', checksum = checksum || ' '"
				+ " WHERE version = '2 x'");
		assertThat(upToDate()).isFalse();
	}

	@Test
	void rowsSwappedBetweenVersionsAreNotUpToDate() throws SQLException {
		threeTables();
		migrate();
		// The same lines' parts, recombined: each line hashes differently.
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET script = CASE version WHEN '1' THEN"
				+ " '000002_t2.up.sql' WHEN '2' THEN '000001_t1.up.sql' ELSE script END");
		assertThat(upToDate()).isFalse();
	}

	@Test
	void dottedVersionsAreUpToDate() throws SQLException {
		this.migrations.write("V1.9__a.sql", "CREATE TABLE a (id int);")
			.write("V1.10__b.sql", "CREATE TABLE b (id int);")
			.write("V2.1__c.sql", "CREATE TABLE c (id int);")
			.write("V10__d.sql", "CREATE TABLE d (id int);");
		assertThat(migrate().applied()).hasSize(4);
		assertThat(upToDate()).isTrue();
		assertThat(migrate().isNoOp()).isTrue();
	}

	@Test
	void aNameBeyondTheBasicPlaneIsUpToDate() throws SQLException {
		this.migrations.write("000001_\uD83D\uDE00.up.sql", "CREATE TABLE a (id int);");
		migrate();
		assertThat(upToDate()).isTrue();
		assertThat(migrate().isNoOp()).isTrue();
	}

	@Test
	void repeatablesAreLeftToThePlanner() throws SQLException {
		threeTables();
		this.migrations.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;");
		migrate();
		assertThat(upToDate()).isFalse();
		assertThat(migrate().isNoOp()).isTrue();
		this.migrations.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 2 AS one;");
		assertThat(migrate().applied()).hasSize(1);
	}

	@Test
	void aMissingTableIsEmptyHistory() throws SQLException {
		threeTables();
		assertThat(upToDate()).isFalse();
		assertThat(migrate().applied()).hasSize(3);
	}

}
