package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.parse;
import static dev.cairn.core.internal.sql.Scripts.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What psql accepts but a migration sent statement by statement over JDBC cannot run. */
class SqlScriptRejectionTest {

	@Test
	void connectMetaCommandIsRejectedWithWhatToDo() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n\\connect other\nSELECT 2;"), 2,
				"psql meta-command \\connect is not SQL: Cairn sends statements to the server directly; remove it"
						+ " (connect with a separate track or datasource)");
	}

	@Test
	void shortConnectMetaCommandIsRejected() {
		assertError(() -> SqlScriptParser.parse("\\c other"), 1, "psql meta-command \\c is not SQL");
	}

	@Test
	void includeMetaCommandIsRejected() {
		assertError(() -> SqlScriptParser.parse("\\i other.sql\n"), 1, "Cairn does not include files");
	}

	@Test
	void setMetaCommandIsRejected() {
		assertError(() -> SqlScriptParser.parse("\\set ON_ERROR_STOP on\nSELECT 1;"), 1, "psql variables do not exist");
	}

	@Test
	void copyMetaCommandIsRejected() {
		assertError(() -> SqlScriptParser.parse("\\copy t FROM 'data.csv' csv"), 1,
				"use INSERT statements, or COPY FROM a file on the database server");
	}

	@Test
	void gexecAfterAQueryIsRejected() {
		assertError(() -> SqlScriptParser.parse("SELECT format('DROP TABLE %I', name) FROM old\n\\gexec\n"), 2,
				"psql meta-command \\gexec is not SQL");
	}

	@Test
	void metaCommandAfterIndentationIsRejected() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n   \\echo done"), 2, "psql meta-command \\echo");
	}

	@Test
	void unknownMetaCommandIsRejected() {
		assertError(() -> SqlScriptParser.parse("\\timing on"), 1, "psql meta-command \\timing is not SQL");
	}

	@Test
	void backslashesInStringsCommentsAndDollarQuotesAreNotMetaCommands() {
		assertThat(sqls("SELECT '\n\\connect x';\n-- \\i file\n/* \\set x\n*/ SELECT $$\n\\gexec\n$$;"))
				.hasSize(2);
	}

	@Test
	void copyFromStdinIsRejected() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\nCOPY t (a, b) FROM STDIN;\n"), 2,
				"COPY ... FROM STDIN cannot run in a migration");
	}

	@Test
	void copyFromStdinInLowerCaseWithOptionsIsRejected() {
		assertError(() -> SqlScriptParser.parse("copy t from stdin with (format csv, header true);"), 1,
				"use INSERT statements, or COPY FROM a file on the database server");
	}

	@Test
	void copyDataLinesDoNotHideTheCopyError() {
		assertError(() -> SqlScriptParser.parse("COPY t FROM stdin;\n1\tit's\n\\.\n"), 1, "COPY ... FROM STDIN");
	}

	@Test
	void copyToStdoutIsRejected() {
		assertError(() -> SqlScriptParser.parse("COPY (SELECT 1) TO STDOUT;"), 1,
				"COPY ... TO STDOUT cannot run in a migration");
	}

	@Test
	void copyFromAServerFileIsAllowed() {
		assertThat(sqls("COPY t FROM '/srv/data/stdin.csv' WITH (FORMAT csv);")).hasSize(1);
	}

	@Test
	void stdinInsideACopyQueryIsNotCopyFromStdin() {
		assertThat(sqls("COPY (SELECT * FROM stdin) TO '/tmp/out';")).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"BEGIN | BEGIN",
		"begin work | BEGIN",
		"BEGIN ISOLATION LEVEL SERIALIZABLE | BEGIN",
		"START TRANSACTION | START TRANSACTION",
		"COMMIT | COMMIT",
		"commit and chain | COMMIT",
		"END | END",
		"ROLLBACK | ROLLBACK",
		"ROLLBACK TO SAVEPOINT s | ROLLBACK",
		"ABORT | ABORT",
		"SAVEPOINT s | SAVEPOINT",
		"RELEASE SAVEPOINT s | RELEASE",
		"RELEASE s | RELEASE",
		"PREPARE TRANSACTION 'tx' | PREPARE TRANSACTION",
		"COMMIT PREPARED 'tx' | COMMIT PREPARED",
		"ROLLBACK PREPARED 'tx' | ROLLBACK PREPARED",
	})
	void transactionControlIsRejected(String statement, String command) {
		assertError(() -> SqlScriptParser.parse("CREATE TABLE t (id int);\n" + statement + ";\n"), 2,
				"transaction control (" + command + ") inside a migration");
	}

	@Test
	void transactionControlMessageSaysWhatToDo() {
		assertError(() -> SqlScriptParser.parse("COMMIT;"), 1,
				"transaction control (COMMIT) inside a migration: Cairn runs each migration in its own transaction;"
						+ " remove it, or put `-- cairn:no-transaction` at the top of the file to run statements one"
						+ " by one without a transaction");
	}

	@Test
	void transactionControlAsTheLastStatementWithoutSemicolonIsRejected() {
		assertError(() -> SqlScriptParser.parse("INSERT INTO t VALUES (1);\n\ncommit"), 3, "transaction control (COMMIT)");
	}

	@Test
	void transactionControlIsAllowedInANoTransactionScript() {
		SqlScript script = parse("-- cairn:no-transaction\nBEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;");
		assertThat(script.statements()).extracting(SqlStatement::keyword).containsExactly("BEGIN", "INSERT", "COMMIT");
	}

	@Test
	void beginInsideADoBlockIsNotTransactionControl() {
		assertThat(sqls("DO $$\nBEGIN\n  PERFORM 1;\n  COMMIT;\nEND\n$$;")).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PREPARE q AS SELECT 1", "START_DATE_FIX()", "SELECT 1 AS commit", "END_OF_DAY()",
		"EXECUTE q" })
	void similarStatementsAreNotTransactionControl(String statement) {
		assertThat(sqls(statement + ";")).containsExactly(statement);
	}

	private static void assertError(ThrowingCallable call, int line, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
			assertThat(ex.line()).isEqualTo(line);
			assertThat(ex.getMessage()).contains(message);
		});
	}
}
