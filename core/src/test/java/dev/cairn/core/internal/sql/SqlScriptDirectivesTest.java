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
				"unknown directive cairn:no-transation; known directives: no-placeholders, no-transaction");
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

	private static void assertError(ThrowingCallable call, int line, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
			assertThat(ex.line()).isEqualTo(line);
			assertThat(ex.getMessage()).contains(message);
		});
	}
}
