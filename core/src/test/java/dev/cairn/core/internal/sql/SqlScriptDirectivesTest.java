package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SqlScriptDirectivesTest {

	@Test
	void scriptWithoutDirectivesIsTransactional() {
		SqlScript script = parse("-- just a comment\nCREATE TABLE t (id int);");
		assertThat(script.directives()).isEmpty();
		assertThat(script.transactional()).isTrue();
	}

	@Test
	void noTransactionDirectiveMakesTheScriptNonTransactional() {
		SqlScript script = parse("-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);");
		assertThat(script.directives()).containsExactly(SqlScript.NO_TRANSACTION);
		assertThat(script.transactional()).isFalse();
	}

	@Test
	void directiveNeedsNoSpaceAfterTheDashes() {
		assertThat(parse("--cairn:no-transaction\nVACUUM t;").transactional()).isFalse();
	}

	@Test
	void directiveMayHaveSpacesAroundTheName() {
		assertThat(parse("--   cairn:  no-transaction \t\nVACUUM t;").transactional()).isFalse();
	}

	@Test
	void directiveIsCaseInsensitive() {
		assertThat(parse("-- CAIRN:No-Transaction\nVACUUM t;").directives()).containsExactly("no-transaction");
	}

	@Test
	void directiveMayFollowOtherLeadingComments() {
		String script = """
				-- Rebuilds the orders index without locking writes.
				/* See ticket 42. */

				-- cairn:no-transaction
				CREATE INDEX CONCURRENTLY i ON orders (placed_at);
				""";
		assertThat(parse(script).transactional()).isFalse();
	}

	@Test
	void directiveWorksWithCrlfLineEndings() {
		assertThat(parse("-- cairn:no-transaction\r\nVACUUM t;\r\n").transactional()).isFalse();
	}

	@Test
	void directiveInACommentOnlyScriptIsKept() {
		SqlScript script = parse("-- cairn:no-transaction\n-- nothing yet\n");
		assertThat(script.isEmpty()).isTrue();
		assertThat(script.transactional()).isFalse();
	}

	@Test
	void misspeltDirectiveIsAnErrorAtItsLine() {
		assertError(() -> SqlScriptParser.parse("-- header\n-- cairn:no-transation\nVACUUM t;"), 2,
				"unknown directive cairn:no-transation; known directives: lint-ignore, lint-ignore-file, lock-timeout,"
						+ " max-attempts, no-placeholders, no-transaction, statement-timeout");
	}

	@Test
	void directiveWithoutANameIsAnError() {
		assertError(() -> SqlScriptParser.parse("-- cairn:\nSELECT 1;"), 1, "unknown directive cairn:;");
	}

	@Test
	void textAfterTheDirectiveNameIsAnError() {
		assertError(() -> SqlScriptParser.parse("-- cairn:no-transaction because of VACUUM\nVACUUM;"), 1,
				"unexpected text after directive cairn:no-transaction: \"because of VACUUM\"");
	}

	@Test
	void directiveAfterTheFirstStatementIsAnError() {
		assertError(() -> SqlScriptParser.parse("\nSELECT 1;\n-- cairn:no-transaction\nVACUUM;"), 3,
				"directive cairn:no-transaction comes after the first statement (line 2)");
	}

	@Test
	void directiveInsideTheFirstStatementIsAnError() {
		assertError(() -> SqlScriptParser.parse("CREATE TABLE t (\n  -- cairn:no-transaction\n  id int\n);"), 2,
				"must come before the first statement");
	}

	@Test
	void directiveInABlockCommentIsNotADirective() {
		assertThat(parse("/* cairn:no-transaction */\nSELECT 1;").transactional()).isTrue();
	}

	@Test
	void commentMentioningCairnElsewhereIsNotADirective() {
		assertThat(parse("-- managed by cairn: do not edit\n-- see cairn:no-transaction in the docs\nSELECT 1;")
				.directives()).isEmpty();
	}

	@Test
	void directiveTextInsideAStringIsNotADirective() {
		assertThat(parse("SELECT '-- cairn:no-transaction';\nSELECT $$\n-- cairn:bogus\n$$;").directives()).isEmpty();
	}

	@Test
	void knownDirectivesAreListedInOnePlace() {
		assertThat(SqlScript.KNOWN_DIRECTIVES).containsExactlyInAnyOrder(SqlScript.NO_TRANSACTION,
				SqlScript.NO_PLACEHOLDERS);
	}

	@Test
	void noPlaceholdersIsADirective() {
		assertThat(SqlScriptParser.parse("-- cairn:no-placeholders\nSELECT '${x}';").directives())
			.containsExactly(SqlScript.NO_PLACEHOLDERS);
	}

	@Test
	void lockAndStatementTimeoutsAndAttemptsAreReadWithTheirUnits() {
		SqlScript script = parse("-- cairn:lock-timeout 30s\n-- cairn:statement-timeout 10min\n-- cairn:max-attempts 1\n"
				+ "ALTER TABLE t ADD c int;");
		assertThat(script.duration(SqlScript.LOCK_TIMEOUT)).isEqualTo(java.time.Duration.ofSeconds(30));
		assertThat(script.duration(SqlScript.STATEMENT_TIMEOUT)).isEqualTo(java.time.Duration.ofMinutes(10));
		assertThat(script.maxAttempts()).isEqualTo(1);
		assertThat(parse("-- cairn:lock-timeout 0\nSELECT 1;").duration(SqlScript.LOCK_TIMEOUT))
			.isEqualTo(java.time.Duration.ZERO);
		assertThat(parse("-- cairn:lock-timeout 250MS\nSELECT 1;").duration(SqlScript.LOCK_TIMEOUT))
			.isEqualTo(java.time.Duration.ofMillis(250));
		assertThat(parse("SELECT 1;").duration(SqlScript.LOCK_TIMEOUT)).isNull();
	}

	@Test
	void badTimeoutValuesAreErrorsAtTheirLine() {
		assertError(() -> SqlScriptParser.parse("-- x\n-- cairn:lock-timeout 5\nSELECT 1;"), 2,
				"directive cairn:lock-timeout needs a duration with a unit (ms, s, min or h), as in `-- cairn:lock-timeout"
						+ " 30s`, or 0 for no limit; found \"5\"");
		assertError(() -> SqlScriptParser.parse("-- cairn:statement-timeout soon\nSELECT 1;"), 1, "found \"soon\"");
		assertError(() -> SqlScriptParser.parse("-- cairn:lock-timeout\nSELECT 1;"), 1, "found \"\"");
		assertError(() -> SqlScriptParser.parse("-- cairn:lock-timeout 25h\nSELECT 1;"), 1, "longer than 24h");
		assertError(() -> SqlScriptParser.parse("-- cairn:max-attempts 0\nSELECT 1;"), 1, "from 1 to 100");
		assertError(() -> SqlScriptParser.parse("-- cairn:lock-timeout 1s\n-- cairn:lock-timeout 2s\nSELECT 1;"), 2,
				"is given twice");
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n-- cairn:lock-timeout 1s\nSELECT 2;"), 2,
				"comes after the first statement");
	}

	@Test
	void lintIgnoreNeedsARuleAndAReasonAndAppliesToTheNextStatement() {
		SqlScript script = parse("-- cairn:lint-ignore-file drop table was never read\n"
				+ "SELECT 1;\n-- cairn:lint-ignore create-index-blocking   tiny table  \nCREATE INDEX i ON t (a);\n"
				+ "CREATE INDEX j ON t (\n-- cairn:lint-ignore create-index-blocking inside\n b);");
		assertThat(script.suppressions()).containsExactly(
				new SqlScript.Suppression("drop", "table was never read", 1, -1),
				new SqlScript.Suppression("create-index-blocking", "tiny table", 3, 1),
				new SqlScript.Suppression("create-index-blocking", "inside", 6, 2));
		assertError(() -> SqlScriptParser.parse("-- cairn:lint-ignore drop\nDROP TABLE t;"), 1,
				"directive cairn:lint-ignore needs a rule and a reason");
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n-- cairn:lint-ignore-file drop why\nDROP TABLE t;"), 2,
				"comes after the first statement");
	}

	private static void assertError(ThrowingCallable call, int line, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
			assertThat(ex.line()).isEqualTo(line);
			assertThat(ex.getMessage()).contains(message);
		});
	}
}
