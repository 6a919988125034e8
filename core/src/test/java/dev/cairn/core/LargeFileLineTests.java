package dev.cairn.core;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The line of a failing statement in files of thousands of statements. A transactional file
 * runs as one JDBC batch, and pgjdbc names the failing entry only in its message, formatted in
 * the JVM's locale ("Batch entry 12,345"): the line must not depend on that formatting.
 */
class LargeFileLineTests {

	/** One line of header, then one statement a line: statement n is on line n + 1. */
	private static final String HEADER = "-- many statements\n";

	@TempDir
	Path folder;

	private Migrations migrations;

	private PGSimpleDataSource dataSource;

	private Locale locale;

	@BeforeEach
	void setUp() {
		this.locale = Locale.getDefault();
		this.migrations = new Migrations(this.folder);
		this.dataSource = TestDatabase.createDatabase();
		TestDatabase.execute(this.dataSource, "CREATE TABLE t (id int PRIMARY KEY)", "CREATE TABLE c (n int)",
				"INSERT INTO c VALUES (0)");
	}

	@AfterEach
	void restoreLocale() {
		Locale.setDefault(this.locale);
	}

	/** {@code count} inserts of distinct ids, statement {@code failing} dividing by zero. */
	private static String inserts(int count, int failing) {
		StringBuilder sql = new StringBuilder(HEADER);
		for (int i = 1; i <= count; i++) {
			sql.append("INSERT INTO t VALUES (").append((i == failing) ? "1 / 0" : Integer.toString(i)).append(");\n");
		}
		return sql.toString();
	}

	/**
	 * {@code count} identical statements, the {@code failing}th of which divides by zero: only the
	 * position can tell them apart.
	 */
	private static String identical(int count, int failing) {
		String statement = "UPDATE c SET n = n + 1 + 0 * (1 / (" + (failing - 1) + " - n));\n";
		return HEADER + statement.repeat(count);
	}

	@ParameterizedTest(name = "statement {1} of {0} in locale {2}")
	@CsvSource({ "20000, 2, en-US", "20000, 1001, en-US", "20000, 12346, en-US", "20000, 20000, en-US",
			"20000, 12346, de-DE", "20000, 12346, fr-FR", "20000, 12346, ar-EG", "20000, 12346, hi-IN-u-nu-deva",
			"1500, 1234, de-CH" })
	void transactionalFileNamesTheLineOfTheFailingStatement(int count, int failing, String tag) {
		Locale.setDefault(Locale.forLanguageTag(tag));
		this.migrations.write("000001_many.up.sql", inserts(count, failing));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.satisfies((ex) -> {
				assertThat(ex.line()).isEqualTo(failing + 1);
				assertThat(ex.sqlState()).isEqualTo("22012");
				assertThat(ex.getMessage()).contains("000001_many.up.sql (version 1) failed at line " + (failing + 1) + ":");
			});
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("0");
	}

	@ParameterizedTest(name = "identical statement {1} of {0}")
	@CsvSource({ "20000, 1", "20000, 12346", "20000, 20000" })
	void identicalStatementsAreToldApartByPosition(int count, int failing) {
		Locale.setDefault(Locale.forLanguageTag("de-DE"));
		this.migrations.write("000001_same.up.sql", identical(count, failing));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.satisfies((ex) -> {
				assertThat(ex.line()).isEqualTo(failing + 1);
				assertThat(ex.sqlState()).isEqualTo("22012");
			});
		assertThat(Sql.value(this.dataSource, "SELECT n FROM c")).isEqualTo("0");
	}

	@ParameterizedTest(name = "statement {1} of {0}")
	@CsvSource({ "1500, 1", "1500, 1234", "1500, 1500" })
	void noTransactionFileNamesTheLineOfTheFailingStatement(int count, int failing) {
		Locale.setDefault(Locale.forLanguageTag("en-US"));
		this.migrations.write("000001_many.up.sql", "-- cairn:no-transaction\n" + inserts(count, failing).substring(
				HEADER.length()));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(failing + 1));
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo(Integer.toString(failing - 1));
	}

	@ParameterizedTest(name = "statement {1} of {0}")
	@CsvSource({ "20000, 1", "20000, 12346", "20000, 20000" })
	void dryRunNamesTheLineOfTheFailingStatement(int count, int failing) {
		Locale.setDefault(Locale.forLanguageTag("en-US"));
		this.migrations.write("000001_many.up.sql", identical(count, failing));
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.steps()).singleElement().satisfies((step) -> {
			assertThat(step.outcome()).isEqualTo(DryRunResult.Outcome.FAILED);
			assertThat(step.line()).isEqualTo(failing + 1);
			assertThat(step.error()).contains("000001_many.up.sql:" + (failing + 1) + ": division by zero");
		});
		assertThat(Sql.value(this.dataSource, "SELECT n FROM c")).isEqualTo("0");
	}

	@Test
	void failureInTheLastStatementOfATwentyThousandLineFileAfterASelectIsPlaced() {
		// A statement that may return rows sends the file statement by statement: positions are counted there.
		this.migrations.write("000001_many.up.sql", HEADER + "SELECT 1;\n" + inserts(20000, 20000).substring(
				HEADER.length()));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(20002));
	}

}
