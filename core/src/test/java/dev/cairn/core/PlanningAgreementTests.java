package dev.cairn.core;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.HeldLock;
import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrate, status, validate, the dry run and rollback see the same plan: another tool's history
 * taken over and baseline-on-migrate planned without writing, down files checked like up files,
 * a refused run leaving nothing behind, file and history problems reported together.
 */
class PlanningAgreementTests extends MigrationTest {

	/** Versions {@code 1..count}, each creating table {@code t<version>}, with a down file. */
	private void tables(int count) {
		for (int i = 1; i <= count; i++) {
			this.migrations.write(String.format("%06d_t%d.up.sql", i, i), "CREATE TABLE t" + i + " (id int);")
				.write(String.format("%06d_t%d.down.sql", i, i), "DROP TABLE t" + i + ";");
		}
	}

	/** What another tool (or a schema made by hand) already did: tables {@code t1..t<upTo>}. */
	private void existingTables(int upTo) {
		TestDatabase.execute(this.dataSource, IntStream.rangeClosed(1, upTo)
			.mapToObj((i) -> "CREATE TABLE t" + i + " (id int)")
			.toArray(String[]::new));
	}

	private SchemaSnapshot snapshot() {
		return SchemaSnapshot.of(this.dataSource, Scope.database().withRows());
	}

	private static List<String> pendingVersions(StatusReport status) {
		return status.migrations()
			.stream()
			.filter((info) -> info.state() == MigrationState.PENDING)
			.map((info) -> info.version().toString())
			.toList();
	}

	@ParameterizedTest(name = "golang-migrate at version {0} of 39")
	@ValueSource(ints = { 1, 15, 39 })
	void golangMigrateHistoryIsPlannedAsMigrateTakesItOver(int at) {
		tables(39);
		existingTables(at);
		TestDatabase.execute(this.dataSource,
				"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (" + at + ", false)");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		SchemaSnapshot before = snapshot();

		StatusReport status = cairn.status();
		assertThat(pendingVersions(status)).hasSize(39 - at).allMatch((version) -> Integer.parseInt(version) > at);
		assertThat(status.hasErrors()).isFalse();
		ValidationResult validation = cairn.validate();
		assertThat(validation.isValid()).isTrue();
		assertThat(validation.pending()).isEqualTo(39 - at);
		DryRunResult dryRun = cairn.dryRun();
		assertThat(dryRun.steps()).hasSize(39 - at)
			.allMatch((step) -> step.outcome() == DryRunResult.Outcome.PROVED);
		assertThat(snapshot()).as("status, validate and the dry run write nothing").isEqualTo(before);

		MigrateResult result = cairn.migrate();
		assertThat(result.applied()).hasSize(39 - at);
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM cairn_history WHERE type = 'IMPORTED'"))
			.isEqualTo(Integer.toString(at));
		assertThat(cairn.status().isUpToDate()).isTrue();
	}

	@Test
	void baselineOnMigrateIsPlannedAsMigrateRecordsIt() {
		tables(5);
		existingTables(3);
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource)
			.baselineOnMigrate(true)
			.baselineVersion(Version.parse("3"))
			.build());
		SchemaSnapshot before = snapshot();
		StatusReport status = cairn.status();
		assertThat(status.migrations()).extracting((info) -> info.version() + " " + info.state() + " " + info.type())
			.containsExactly("1 APPLIED BASELINE", "2 APPLIED BASELINE", "3 APPLIED BASELINE", "4 PENDING SQL",
					"5 PENDING SQL");
		assertThat(cairn.validate().pending()).isEqualTo(2);
		assertThat(cairn.dryRun().steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.PROVED, DryRunResult.Outcome.PROVED);
		assertThat(snapshot()).isEqualTo(before);
		assertThat(cairn.migrate().applied()).extracting((applied) -> applied.version().toString())
			.containsExactly("4", "5");
	}

	@Test
	void flywayHistoryIsPlannedAsMigrateTakesItOver() {
		tables(4);
		existingTables(2);
		TestDatabase.execute(this.dataSource, "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY,"
				+ " version varchar(50), description varchar(200), type varchar(20), script varchar(1000), checksum int,"
				+ " installed_by varchar(100), execution_time int, success boolean)",
				"INSERT INTO flyway_schema_history VALUES (1, '1', 't1', 'SQL', 'V1__t1.sql', 1, 'f', 1, true),"
						+ " (2, '2', 't2', 'SQL', 'V2__t2.sql', 1, 'f', 1, true)");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(pendingVersions(cairn.status())).containsExactly("3", "4");
		assertThat(cairn.dryRun().succeeded()).isTrue();
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		assertThat(cairn.migrate().applied()).hasSize(2);
	}

	/** A refused run writes nothing: no history table, no takeover, no baseline. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "fresh", "golang-migrate", "baseline" })
	void aRunRefusedByItsPlanCreatesNoHistoryTable(String start) {
		tables(3);
		this.migrations.write("000004_index.up.sql", "CREATE INDEX CONCURRENTLY t1_id ON t1 (id);");
		CairnConfiguration.Builder configuration = this.migrations.configure(this.dataSource);
		if (start.equals("golang-migrate")) {
			existingTables(2);
			TestDatabase.execute(this.dataSource,
					"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
					"INSERT INTO schema_migrations VALUES (2, false)");
		}
		else if (start.equals("baseline")) {
			existingTables(2);
			configuration.baselineOnMigrate(true).baselineVersion(Version.parse("2"));
		}
		Cairn cairn = new Cairn(configuration.build());
		SchemaSnapshot before = snapshot();
		assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("000004_index.up.sql:1")
			.hasMessageContaining("cairn:no-transaction");
		assertThat(snapshot()).isEqualTo(before);
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		assertThat(cairn.validate().isValid()).isFalse();
	}

	@Test
	void aDirtyGolangMigrateHistoryIsAProblemStatusAndValidateReportToo() {
		tables(3);
		TestDatabase.execute(this.dataSource,
				"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, true)");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(cairn.status().problems()).extracting(Problem::message)
			.anyMatch((message) -> message.contains("version 2 is dirty"));
		assertThat(cairn.validate().isValid()).isFalse();
		assertThatThrownBy(cairn::dryRun).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("version 2 is dirty");
		assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("version 2 is dirty");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "DROP INDEX CONCURRENTLY t2_id;", "VACUUM t2;", "CREATE INDEX CONCURRENTLY t2_x ON t2 (id);",
			"DROP TABLE t2; $$ unterminated" })
	void anInvalidDownFileIsReportedByValidateAndMigrateAndRefusedByRollbackBeforeAnythingIsUndone(String down) {
		tables(8);
		this.migrations.write("000002_t2.down.sql", "DROP TABLE IF EXISTS t2_other;\n" + down);
		Cairn cairn = this.migrations.cairn(this.dataSource);
		// Migrate applies the up files (a bad down file cannot stop them) and warns about the down file.
		MigrateResult result = cairn.migrate();
		assertThat(result.applied()).hasSize(8);
		assertThat(result.warnings()).singleElement().satisfies((warning) -> {
			assertThat(warning.kind()).isEqualTo(Problem.Kind.INVALID_SCRIPT);
			assertThat(warning.files()).containsExactly("000002_t2.down.sql");
			assertThat(warning.message()).contains("000002_t2.down.sql:2", "rollback refuses");
		});
		// Validate reports it although nothing is pending.
		ValidationResult validation = cairn.validate();
		assertThat(validation.isValid()).isTrue();
		assertThat(validation.problems()).extracting(Problem::message)
			.anyMatch((message) -> message.contains("000002_t2.down.sql:2"));
		// Rollback through version 2 refuses before undoing any of 8..2.
		SchemaSnapshot before = snapshot();
		assertThatThrownBy(() -> cairn.rollback(7)).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("000002_t2.down.sql:2");
		assertThat(snapshot()).isEqualTo(before);
		// Rolling back only what does not reach it works.
		assertThat(cairn.rollback(6).undone()).hasSize(6);
	}

	@Test
	void aDownFileMarkedNoTransactionIsValid() {
		tables(2);
		TestDatabase.execute(this.dataSource, "CREATE TABLE keep (id int)");
		this.migrations.write("000002_t2.up.sql", "CREATE TABLE t2 (id int); CREATE INDEX t2_id ON t2 (id);")
			.write("000002_t2.down.sql", "-- cairn:no-transaction\nDROP INDEX CONCURRENTLY t2_id;\nDROP TABLE t2;");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThat(cairn.migrate().warnings()).isEmpty();
		assertThat(cairn.validate().problems()).isEmpty();
		assertThat(cairn.rollback(1).undone()).hasSize(1);
	}

	@Test
	void aDuplicateFileAndARenamedAppliedFileAreReportedTogether() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		this.migrations.delete("000002_b.up.sql")
			.write("000002_renamed.up.sql", "CREATE TABLE b (id int);")
			.write("000003_c.up.sql", "CREATE TABLE c (id int);")
			.write("000003_d.up.sql", "CREATE TABLE d (id int);");
		assertProblemsTogether(cairn);
		SchemaSnapshot before = snapshot();
		// While another session holds the lock, the run still does not wait for it, and still reports both.
		Cairn patient = new Cairn(this.migrations.configure(this.dataSource).lockTimeout(Duration.ofMinutes(10)).build());
		try (HeldLock holder = HeldLock.advisory(this.dataSource, 0x43414952,
				AdvisoryLock.objectId("\"public\".\"cairn_history\""))) {
			assertProblemsTogether(patient);
		}
		assertThat(snapshot()).isEqualTo(before);
		assertThat(cairn.validate().problems()).extracting(Problem::kind)
			.contains(Problem.Kind.DUPLICATE_VERSION, Problem.Kind.RENAMED);
	}

	private static void assertProblemsTogether(Cairn cairn) {
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(CairnValidationException.class,
				(ex) -> assertThat(ex.problems()).extracting(Problem::kind)
					.contains(Problem.Kind.DUPLICATE_VERSION, Problem.Kind.RENAMED));
	}

	@Test
	void badFilesOnAnEmptyDatabaseReportNoHistoryProblemAndCreateNothing() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000001_b.up.sql", "SELECT 1;");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(CairnValidationException.class,
				(ex) -> assertThat(ex.problems()).extracting(Problem::kind).containsOnly(Problem.Kind.DUPLICATE_VERSION));
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

}
