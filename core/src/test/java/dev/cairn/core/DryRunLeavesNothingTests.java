package dev.cairn.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry run leaves the database as it was, including what ROLLBACK does not undo: sequences
 * moved by {@code nextval} and {@code setval}; and a failure that may only follow from an
 * earlier one says so.
 */
class DryRunLeavesNothingTests extends MigrationTest {

	@BeforeEach
	void setUp() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE t (id serial PRIMARY KEY, note text)",
				"INSERT INTO t (note) SELECT 'row ' || i FROM generate_series(1, 100) i",
				"CREATE SEQUENCE unused START 500");
	}

	private String sequences() {
		return Sql.value(this.dataSource, "SELECT (SELECT last_value || '/' || is_called FROM t_id_seq) || ' '"
				+ " || (SELECT last_value || '/' || is_called FROM unused)");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "SELECT setval('t_id_seq', 1);", "SELECT setval('t_id_seq', 1, false);",
			"INSERT INTO t (note) VALUES ('a'), ('b'), ('c');", "SELECT nextval('unused'); SELECT nextval('unused');",
			"ALTER SEQUENCE t_id_seq RESTART WITH 5000; INSERT INTO t (note) VALUES ('x');",
			"SELECT setval('t_id_seq', 1); ALTER SEQUENCE t_id_seq RENAME TO renamed;" })
	void sequencesAreAsBeforeAndTheApplicationsNextInsertWorks(String migration) {
		this.migrations.write("000001_moves.up.sql", migration);
		String before = sequences();
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.leftovers()).isEmpty();
		assertThat(sequences()).isEqualTo(before);
		TestDatabase.execute(this.dataSource, "INSERT INTO t (note) VALUES ('the application')");
		assertThat(Sql.value(this.dataSource, "SELECT max(id) FROM t")).isEqualTo("101");
		assertThat(Sql.value(this.dataSource, "SELECT nextval('unused')")).isEqualTo("500");
	}

	@Test
	void aSequenceMovedAndDroppedInTheDryRunIsReportedWithTheStatementThatSetsItBack() {
		this.migrations.write("000001_moves.up.sql", "SELECT setval('t_id_seq', 1); DROP TABLE t;");
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.leftovers()).singleElement()
			.asString()
			.contains("sequence public.t_id_seq moved from 100 to 1", "SELECT setval('public.t_id_seq', 100, true)");
		assertThat(result.sentences()).contains(result.leftovers().get(0));
	}

	@Test
	void aFailureAfterAnEarlierFailureSaysItMayOnlyFollowFromIt() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int); INSERT INTO a VALUES ('not a number');")
			.write("000002_b.up.sql", "INSERT INTO a VALUES (1);")
			.write("000003_c.up.sql", "CREATE TABLE c (id int);");
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.FAILED, DryRunResult.Outcome.FAILED, DryRunResult.Outcome.PROVED);
		assertThat(result.steps().get(0).error()).doesNotContain("may only follow");
		assertThat(result.steps().get(1).error()).contains("relation \"a\" does not exist",
				"may only follow from an earlier migration", "000001_a.up.sql failed");
	}

	@Test
	void aFailureAfterANoTransactionMigrationSaysItMayOnlyFollowFromIt() {
		this.migrations.write("000001_a.up.sql", "-- cairn:no-transaction\nCREATE TABLE a (id int);")
			.write("000002_b.up.sql", "INSERT INTO a VALUES (1);");
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.NOT_PROVABLE, DryRunResult.Outcome.FAILED);
		assertThat(result.steps().get(1).error()).contains("may only follow from an earlier migration",
				"000001_a.up.sql did not run");
	}

}
