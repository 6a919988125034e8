package dev.cairn.core.catalogue;

import dev.cairn.test.Sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Problem;
import dev.cairn.core.StatusReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File contents: empty and odd encodings, scripts the splitter refuses, statements PostgreSQL
 * refuses, and session settings that must not leak into the next migration.
 */
abstract class FileContentCases extends CatalogueCases {

	private static final String FIRST = "000001_base.up.sql";

	private static final String BASE = "CREATE TABLE base (id int PRIMARY KEY);";

	/** A first migration already applied, so refused cases show that history is left as it was. */
	private void applied() {
		write(FIRST, BASE);
		cairn().migrate();
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			contents-01; a 0-byte file; ''
			contents-02; a file of comments only; '-- nothing yet\\n/* reserved for the orders team */\\n'
			contents-03; a file of blank lines and spaces; '\\n   \\n\\t\\n'
			""")
	void emptyFileIsAcceptedAsANoOpMigrationAndRecorded(String id, String input, String content) {
		applied();
		write("000002_placeholder.up.sql", content.replace("\\n", "\n").replace("\\t", "\t"));
		MigrateResult result = accepted(id, "`000002_placeholder.up.sql`: " + input,
				"accepted as a no-op migration, recorded in history", () -> cairn().migrate());
		assertThat(result.applied()).singleElement().satisfies((applied) -> assertThat(applied.statements()).isZero());
		assertThat(history()).containsExactly("1 applied " + FIRST, "2 applied 000002_placeholder.up.sql");
		assertThat(cairn().migrate().isNoOp()).isTrue();
	}

	@Test
	void byteOrderMarkIsAcceptedAndRemovingItIsNotDrift() {
		String sql = "CREATE TABLE bom (id int);\n";
		write(FIRST, concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, sql.getBytes(StandardCharsets.UTF_8)));
		accepted("contents-04", "a file starting with a UTF-8 byte order mark, later saved without it",
				"accepted; not drift after the BOM is removed", () -> cairn().migrate());
		write(FIRST, sql);
		assertNotDrifted();
	}

	@Test
	void windowsLineEndingsAreAcceptedAndConvertingThemIsNotDrift() {
		String sql = "CREATE TABLE crlf (\n  id int\n);\nINSERT INTO crlf VALUES (1);\n";
		write(FIRST, sql.replace("\n", "\r\n"));
		accepted("contents-05", "a file with CRLF line endings, later checked out with LF",
				"accepted; not drift after conversion", () -> cairn().migrate());
		write(FIRST, sql);
		assertNotDrifted();
		write(FIRST, sql.replace("\n", "\r\n"));
		assertNotDrifted();
	}

	private void assertNotDrifted() {
		StatusReport status = cairn().status();
		assertThat(status.migrations()).singleElement()
			.satisfies((migration) -> assertThat(migration.state()).isEqualTo(MigrationState.APPLIED));
		assertThat(status.problems()).isEmpty();
		assertThat(cairn().migrate().isNoOp()).isTrue();
	}

	@Test
	void latin1BytesAreRefusedNamingTheLine() {
		applied();
		byte[] latin1 = "CREATE TABLE cafe (id int);\n-- menu\nINSERT INTO base VALUES (1); -- caf\u00e9\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		write("000002_menu.up.sql", latin1);
		CairnException ex = refused("contents-06", "`000002_menu.up.sql` saved as Latin-1 (`é` as byte 0xE9 on line 3)",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_menu.up.sql:3", "not valid UTF-8", "save it as UTF-8");
	}

	@Test
	void utf16FileIsRefused() {
		applied();
		byte[] utf16 = concat(new byte[] { (byte) 0xFF, (byte) 0xFE },
				"CREATE TABLE wide (id int);\n".getBytes(StandardCharsets.UTF_16LE));
		write("000002_wide.up.sql", utf16);
		CairnException ex = refused("contents-07", "`000002_wide.up.sql` saved as UTF-16 (Windows \"Unicode\")",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_wide.up.sql:1", "not valid UTF-8", "save it as UTF-8");
	}

	@Test
	void nulByteIsRefusedNamingTheLine() {
		applied();
		write("000002_nul.up.sql", "CREATE TABLE note (id int, body text);\nINSERT INTO note VALUES (3, 'a\u0000b');\n");
		CairnException ex = refused("contents-08", "`000002_nul.up.sql` with a NUL byte on line 2",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_nul.up.sql:2:", "NUL byte", "remove it");
	}

	@Test
	void veryLargeFileIsApplied() {
		StringBuilder sql = new StringBuilder("CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);\n");
		int rows = 40_000;
		for (int i = 1; i <= rows; i++) {
			sql.append("INSERT INTO big (id, payload) VALUES (").append(i).append(", 'row ").append(i)
				.append(" of a large seed file, padded to make it a few megabytes');\n");
		}
		assertThat(sql.length()).isGreaterThan(3_000_000);
		write("000001_big.up.sql", sql.toString());
		accepted("contents-09", "`000001_big.up.sql`: 3.5 MB, 40,000 INSERT statements", "accepted, applied in full",
				() -> cairn().migrate());
		assertThat(Sql.value(database(), "SELECT count(*) FROM big")).isEqualTo(String.valueOf(rows));
		assertThat(history()).containsExactly("1 applied 000001_big.up.sql");
	}

	static Stream<Arguments> unterminated() {
		return Stream.of(
				Arguments.of("contents-10", "an unterminated string",
						"SELECT 'it''s fine';\nINSERT INTO base VALUES (2);\nSELECT 'oops;\nSELECT 1;", 3, "unterminated"),
				Arguments.of("contents-11", "an unterminated block comment", "SELECT 1;\n/* start\n/* nested */\nSELECT 2;", 2,
						"unterminated block comment"),
				Arguments.of("contents-12", "an unterminated dollar quote",
						"SELECT 1;\nDO $body$ BEGIN\n  PERFORM 1;\nEND $bdy$;", 2, "unterminated dollar-quoted string"),
				Arguments.of("contents-13", "an unterminated quoted identifier", "SELECT 1;\nCREATE TABLE \"odd (id int);", 2,
						"unterminated quoted identifier"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("unterminated")
	void unterminatedQuoteIsRefusedNamingTheLineItStarts(String id, String input, String sql, int line, String what) {
		applied();
		write("000002_broken.up.sql", sql);
		CairnException ex = refused(id, "`000002_broken.up.sql`: " + input + " starting on line " + line,
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_broken.up.sql:" + line + ":", what);
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			contents-14; '\\connect other'; 'connect with a separate track'
			contents-15; '\\i shared/functions.sql'; 'Cairn does not include files'
			contents-16; '\\set ON_ERROR_STOP on'; 'psql variables do not exist here'
			""")
	void psqlMetaCommandIsRefused(String id, String command, String advice) {
		applied();
		write("000002_psql.up.sql", "CREATE TABLE t (id int);\n" + command + "\nCREATE TABLE u (id int);\n");
		CairnException ex = refused(id, "`000002_psql.up.sql`: psql meta-command `" + command + "` on line 2",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_psql.up.sql:2:", "psql meta-command", advice);
	}

	@Test
	void copyFromStdinIsRefused() {
		applied();
		write("000002_seed.up.sql", "CREATE TABLE t (id int, name text);\nCOPY t (id, name) FROM stdin;\n1\tone\n2\ttwo\n\\.\n");
		CairnException ex = refused("contents-17", "`000002_seed.up.sql`: `COPY t FROM stdin` with inline data (pg_dump"
				+ " style)", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_seed.up.sql:2:", "STDIN", "INSERT");
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			contents-18; 'BEGIN;\\nCREATE TABLE t (id int);\\nCOMMIT;'; 1; BEGIN
			contents-19; 'CREATE TABLE t (id int);\\nCOMMIT;\\nCREATE TABLE u (id int);'; 2; COMMIT
			contents-20; 'CREATE TABLE t (id int);\\nSAVEPOINT before_seed;\\nINSERT INTO t VALUES (1);'; 2; SAVEPOINT
			""")
	void transactionControlInsideAMigrationIsRefused(String id, String sql, int line, String control) {
		applied();
		write("000002_tx.up.sql", sql.replace("\\n", "\n"));
		CairnException ex = refused(id, "`000002_tx.up.sql`: `" + control + "` on line " + line + " of a transactional"
				+ " migration", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_tx.up.sql:" + line + ":", "transaction control (" + control + ")",
				"cairn:no-transaction");
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			contents-21| CREATE INDEX CONCURRENTLY base_id ON base (id);
			contents-22| VACUUM ANALYZE base;
			contents-23| CREATE DATABASE reporting;
			""")
	void statementThatCannotRunInATransactionNeedsTheDirective(String id, String statement) {
		applied();
		write("000002_outside.up.sql", "INSERT INTO base VALUES (7);\n" + statement + "\n");
		CairnException ex = refused(id, "`000002_outside.up.sql`: `" + statement + "` on line 2 without `-- cairn:no-transaction`",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_outside.up.sql:2:", "cannot run inside a transaction",
				"-- cairn:no-transaction");
	}

	@Test
	void misspelledDirectiveIsRefused() {
		applied();
		write("000002_index.up.sql", "-- cairn:no-transactoin\nCREATE INDEX CONCURRENTLY base_id ON base (id);\n");
		CairnException ex = refused("contents-24", "`-- cairn:no-transactoin` (a typo) on line 1", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql:1:", "unknown directive", "no-transaction");
	}

	@Test
	void directiveAfterTheFirstStatementIsRefused() {
		applied();
		write("000002_index.up.sql", "INSERT INTO base VALUES (9);\n-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY"
				+ " base_id ON base (id);\n");
		CairnException ex = refused("contents-25", "`-- cairn:no-transaction` on line 2, after the first statement",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql:2:", "must come before the first statement");
	}

	@Test
	void syntaxErrorDeepInAFileNamesItsLineAndLeavesNothing() {
		applied();
		StringBuilder sql = new StringBuilder("CREATE TABLE seeded (id int PRIMARY KEY, name text);\n");
		for (int i = 2; i < 40; i++) {
			sql.append("INSERT INTO seeded VALUES (").append(i).append(", 'row ").append(i).append("');\n");
		}
		sql.append("INSERT INTO seeded VALUES (40, 'row 40'));\n");
		sql.append("INSERT INTO seeded VALUES (41, 'row 41');\n");
		write("000002_seed.up.sql", sql.toString());
		CairnException ex = refused("contents-26", "`000002_seed.up.sql`: a stray `)` on line 40 of 41",
				"refused, nothing of the file applied", () -> cairn().migrate());
		assertThat(ex).isInstanceOfSatisfying(MigrationFailedException.class, (failed) -> {
			assertThat(failed.line()).isEqualTo(40);
			assertThat(failed.sqlState()).isEqualTo("42601");
		});
		assertThat(ex.getMessage()).contains("000002_seed.up.sql", "at line 40", "SQLSTATE 42601", "Fix the file");
	}

	@Test
	void duplicateKeyInSeedDataNamesTheLineAndLeavesNothing() {
		applied();
		write("000002_seed.up.sql", """
				CREATE TABLE country (code char(2) PRIMARY KEY, name text NOT NULL);
				INSERT INTO country VALUES ('DE', 'Germany');
				INSERT INTO country VALUES ('FR', 'France');
				INSERT INTO country VALUES ('DE', 'Deutschland');
				INSERT INTO country VALUES ('IT', 'Italy');
				""");
		CairnException ex = refused("contents-27", "`000002_seed.up.sql`: duplicate primary key `DE` on line 4",
				"refused, nothing of the file applied", () -> cairn().migrate());
		assertThat(ex).isInstanceOfSatisfying(MigrationFailedException.class, (failed) -> {
			assertThat(failed.line()).isEqualTo(4);
			assertThat(failed.sqlState()).isEqualTo("23505");
		});
		assertThat(ex.getMessage()).contains("000002_seed.up.sql", "at line 4", "duplicate key", "(code)=(DE)",
				"Nothing of this migration was applied");
	}

	@Test
	void failingFirstStatementOfANoTransactionMigrationLeavesNothing() {
		applied();
		write("000002_index.up.sql", "-- cairn:no-transaction\nALTER TABLE missing ADD COLUMN x int;\n"
				+ "CREATE INDEX CONCURRENTLY base_id ON base (id);\n");
		CairnException ex = refused("contents-28", "`-- cairn:no-transaction` file whose first statement fails"
				+ " (missing table)", "refused, nothing changed, no history row", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql", "at line 2", "SQLSTATE 42P01",
				"history has no row for it");
	}

	@Test
	void concurrentIndexOnAMissingTableLeavesNothing() {
		applied();
		write("000002_index.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY missing_id ON missing (id);\n");
		CairnException ex = refused("contents-29", "`-- cairn:no-transaction` file whose `CREATE INDEX CONCURRENTLY`"
				+ " names a missing table", "refused, nothing changed, no history row", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql", "at line 2", "SQLSTATE 42P01");
	}

	@Test
	void everyBrokenScriptIsReportedInOneRun() {
		applied();
		write("000002_a.up.sql", "SELECT 'oops;\n").write("000003_b.up.sql", "SELECT 1;\n\\connect other\n")
			.write("000004_c.up.sql", "CREATE INDEX CONCURRENTLY base_id ON base (id);\n");
		CairnException ex = refused("contents-30", "three pending files: an unterminated string, a psql meta-command and"
				+ " `CREATE INDEX CONCURRENTLY` without the directive", () -> cairn().migrate());
		assertThat(ex).isInstanceOfSatisfying(CairnValidationException.class,
				(validation) -> assertThat(validation.problems()).extracting(Problem::kind)
					.containsExactly(Problem.Kind.INVALID_SCRIPT, Problem.Kind.INVALID_SCRIPT,
							Problem.Kind.INVALID_SCRIPT));
		assertThat(ex.getMessage()).contains("3 problems", "000002_a.up.sql:1:", "000003_b.up.sql:2:",
				"000004_c.up.sql:1:");
	}

	static Stream<Arguments> settings() {
		return Stream.of(Arguments.of("contents-31", "SET search_path TO elsewhere", ""),
				Arguments.of("contents-32", "SELECT pg_catalog.set_config('search_path', '', false)", ""),
				Arguments.of("contents-33", "SET statement_timeout = '3s'", ""),
				Arguments.of("contents-34", "SET search_path TO elsewhere", "-- cairn:no-transaction"),
				Arguments.of("contents-35", "SET SESSION timezone = 'Pacific/Chatham'", ""));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("settings")
	void sessionSettingsOfOneMigrationDoNotLeakIntoTheNext(String id, String setting, String directive) {
		write("000001_elsewhere.up.sql", (directive.isEmpty() ? "" : directive + "\n") + "CREATE SCHEMA elsewhere;\n"
				+ setting + ";\nCREATE TABLE elsewhere.marker (id int);\n");
		write("000002_observe.up.sql", "CREATE TABLE observed AS SELECT current_setting('search_path') AS search_path,"
				+ " current_setting('statement_timeout') AS statement_timeout, current_setting('TimeZone') AS zone;\n");
		String defaults = Sql.value(database(), "SELECT current_setting('search_path') || ' / '"
				+ " || current_setting('statement_timeout') || ' / ' || current_setting('TimeZone')");
		accepted(id, "migration 1 runs `" + setting + "`" + (directive.isEmpty() ? "" : " (no transaction)"),
				"accepted; migration 2 sees the original settings", () -> cairn().migrate());
		assertThat(Sql.value(database(), "SELECT search_path || ' / ' || statement_timeout || ' / ' || zone"
				+ " FROM public.observed")).isEqualTo(defaults);
		assertThat(history()).containsExactly("1 applied 000001_elsewhere.up.sql", "2 applied 000002_observe.up.sql");
	}

	private static byte[] concat(byte[] first, byte[] second) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

}
