package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every quoting and comment form keeps its semicolons; unterminated ones name their starting line. */
class SqlScriptParserQuotingTest {

	@Test
	void semicolonInStringDoesNotSplit() {
		assertThat(sqls("INSERT INTO t VALUES ('a;b'); SELECT 2"))
				.containsExactly("INSERT INTO t VALUES ('a;b')", "SELECT 2");
	}

	@Test
	void doubledQuoteInStringDoesNotEndIt() {
		assertThat(sqls("SELECT 'it''s; fine'; SELECT 2")).containsExactly("SELECT 'it''s; fine'", "SELECT 2");
	}

	@Test
	void emptyStringsAreStrings() {
		assertThat(sqls("SELECT '', ''''; SELECT 2")).containsExactly("SELECT '', ''''", "SELECT 2");
	}

	@Test
	void stringMaySpanLines() {
		assertThat(sqls("SELECT 'one;\ntwo;\n'; SELECT 2")).containsExactly("SELECT 'one;\ntwo;\n'", "SELECT 2");
	}

	@Test
	void backslashEscapesNothingInAStandardString() {
		assertThat(sqls("SELECT 'C:\\dir\\'; SELECT 2")).containsExactly("SELECT 'C:\\dir\\'", "SELECT 2");
	}

	@Test
	void backslashQuoteDoesNotEndAnEscapeString() {
		assertThat(sqls("SELECT E'it\\'s; still'; SELECT 2")).containsExactly("SELECT E'it\\'s; still'", "SELECT 2");
	}

	@Test
	void lowerCaseEscapePrefixMakesAnEscapeString() {
		assertThat(sqls("SELECT e'\\';'; SELECT 2")).containsExactly("SELECT e'\\';'", "SELECT 2");
	}

	@Test
	void escapedBackslashBeforeTheQuoteEndsAnEscapeString() {
		assertThat(sqls("SELECT E'a\\\\'; SELECT 2")).containsExactly("SELECT E'a\\\\'", "SELECT 2");
	}

	@Test
	void doubledQuoteAlsoWorksInAnEscapeString() {
		assertThat(sqls("SELECT E'a''b;\\n'; SELECT 2")).containsExactly("SELECT E'a''b;\\n'", "SELECT 2");
	}

	@Test
	void letterEAtTheEndOfALongerWordIsNotAnEscapePrefix() {
		assertThat(sqls("SELECT namE'a\\'; SELECT 2")).containsExactly("SELECT namE'a\\'", "SELECT 2");
	}

	@Test
	void unicodeEscapeStringKeepsItsSemicolons() {
		assertThat(sqls("SELECT U&'d\\0061t;a', u&'x;'; SELECT 2"))
				.containsExactly("SELECT U&'d\\0061t;a', u&'x;'", "SELECT 2");
	}

	@Test
	void bitHexAndNationalStringsAreStrings() {
		assertThat(sqls("SELECT B'0101', x'1F', N'na;me'; SELECT 2"))
				.containsExactly("SELECT B'0101', x'1F', N'na;me'", "SELECT 2");
	}

	@Test
	void dollarQuotedBodyWithSemicolonsIsOneStatement() {
		String block = "DO $$\nBEGIN\n  PERFORM 1;\n  PERFORM 'x;';\nEND\n$$";
		assertThat(sqls(block + ";\nSELECT 2;")).containsExactly(block, "SELECT 2");
	}

	@Test
	void taggedDollarQuoteEndsOnlyAtTheSameTag() {
		String function = "CREATE FUNCTION f() RETURNS text AS $body$ SELECT $$a;$$ || $x$b;$x$; $body$ LANGUAGE sql";
		assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
	}

	@Test
	void otherTagsInsideADollarQuoteDoNotCloseIt() {
		assertThat(sqls("SELECT $a$ x $b$ ; $b$ y $a$; SELECT 2"))
				.containsExactly("SELECT $a$ x $b$ ; $b$ y $a$", "SELECT 2");
	}

	@Test
	void dollarQuoteTagsAreCaseSensitive() {
		assertThat(sqls("SELECT $T$ ; $t$ ; $T$; SELECT 2")).containsExactly("SELECT $T$ ; $t$ ; $T$", "SELECT 2");
	}

	@Test
	void dollarQuoteTagMayHaveUnderscoresAndDigits() {
		assertThat(sqls("SELECT $_tag1$;$_tag1$; SELECT 2")).containsExactly("SELECT $_tag1$;$_tag1$", "SELECT 2");
	}

	@Test
	void emptyDollarQuotedStringIsAString() {
		assertThat(sqls("SELECT $$$$; SELECT 2")).containsExactly("SELECT $$$$", "SELECT 2");
	}

	@Test
	void positionalParametersAreNotDollarQuotes() {
		assertThat(sqls("PREPARE q(int, int) AS SELECT $1 + $2; SELECT $3")).containsExactly(
				"PREPARE q(int, int) AS SELECT $1 + $2", "SELECT $3");
	}

	@Test
	void dollarSignsInsideAnIdentifierDoNotStartADollarQuote() {
		assertThat(sqls("SELECT a$$b; SELECT c$d$; SELECT 3")).containsExactly("SELECT a$$b", "SELECT c$d$", "SELECT 3");
	}

	@Test
	void semicolonInQuotedIdentifierDoesNotSplit() {
		assertThat(sqls("SELECT 1 AS \"a;b\"; SELECT 2")).containsExactly("SELECT 1 AS \"a;b\"", "SELECT 2");
	}

	@Test
	void doubledDoubleQuoteInQuotedIdentifierDoesNotEndIt() {
		assertThat(sqls("SELECT 1 AS \"x\"\";y\"; SELECT 2")).containsExactly("SELECT 1 AS \"x\"\";y\"", "SELECT 2");
	}

	@Test
	void semicolonInLineCommentDoesNotSplit() {
		assertThat(sqls("SELECT 1 -- not; the end\n, 2; SELECT 3"))
				.containsExactly("SELECT 1 -- not; the end\n, 2", "SELECT 3");
	}

	@Test
	void semicolonInBlockCommentDoesNotSplit() {
		assertThat(sqls("SELECT 1 /* not; the end */, 2; SELECT 3"))
				.containsExactly("SELECT 1 /* not; the end */, 2", "SELECT 3");
	}

	@Test
	void blockCommentsNest() {
		assertThat(sqls("SELECT 1 /* a /* b; */ still; a comment */, 2; SELECT 3"))
				.containsExactly("SELECT 1 /* a /* b; */ still; a comment */, 2", "SELECT 3");
	}

	@Test
	void blockCommentAloneBeforeAStatementIsNotAStatement() {
		assertThat(sqls("/* outer /* inner */ ; */ SELECT 1")).containsExactly("SELECT 1");
	}

	@Test
	void quotesInsideCommentsAreText() {
		assertThat(sqls("-- it's\nSELECT 1; /* \"x $$ ' */ SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void commentMarkersInsideStringsAreText() {
		assertThat(sqls("SELECT '--;', '/*;', $$/*$$, \"--\"; SELECT 2"))
				.containsExactly("SELECT '--;', '/*;', $$/*$$, \"--\"", "SELECT 2");
	}

	@Test
	void dashesAfterAnOperatorStartAComment() {
		assertThat(sqls("SELECT 1 +-- plus; two\n 2; SELECT 3")).containsExactly("SELECT 1 +-- plus; two\n 2", "SELECT 3");
	}

	@Test
	void unterminatedStringNamesTheLineWhereItStarts() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\nSELECT 'abc;\n\nSELECT 2;"), 2,
				"unterminated string constant starting at line 2: add the closing '");
	}

	@Test
	void unterminatedStringAfterBackslashQuoteHintsAtDoubledQuotes() {
		assertError(() -> SqlScriptParser.parse("SELECT 'it\\'s';\n"), 1, "write '' for a quote");
	}

	@Test
	void unterminatedEscapeStringNamesTheLineWhereItStarts() {
		assertError(() -> SqlScriptParser.parse("\n\nSELECT E'abc\\';"), 3,
				"unterminated escape string E'...' starting at line 3");
	}

	@Test
	void escapeStringEndingInABackslashIsUnterminated() {
		assertError(() -> SqlScriptParser.parse("SELECT E'abc\\"), 1, "unterminated escape string");
	}

	@Test
	void unterminatedQuotedIdentifierNamesTheLineWhereItStarts() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n\nSELECT \"abc;\nSELECT 2;"), 3,
				"unterminated quoted identifier starting at line 3: add the closing \"");
	}

	@Test
	void unterminatedDollarQuoteNamesItsTagAndLine() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n".repeat(11) + "CREATE FUNCTION f() AS $body$\nSELECT 1;\n$$"),
				12, "unterminated dollar-quoted string $body$ starting at line 12: add the closing $body$");
	}

	@Test
	void unterminatedEmptyTagDollarQuoteNamesItsDelimiter() {
		assertError(() -> SqlScriptParser.parse("DO $$ BEGIN END $a$;"), 1,
				"unterminated dollar-quoted string $$ starting at line 1: add the closing $$");
	}

	@Test
	void unterminatedBlockCommentNamesTheLineWhereItStarts() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\n/* note\nSELECT 2;"), 2,
				"unterminated block comment starting at line 2: add the closing */");
	}

	@Test
	void blockCommentWithAnUnclosedNestedCommentIsUnterminated() {
		assertError(() -> SqlScriptParser.parse("/* a /* b */\nSELECT 1;"), 1, "unterminated block comment");
	}

	@Test
	void unterminatedFormsAreFoundAfterCrlfLines() {
		assertError(() -> SqlScriptParser.parse("SELECT 1;\r\nSELECT 2;\r\nSELECT 'x"), 3, "starting at line 3");
	}

	private static void assertError(ThrowingCallable call, int line, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
			assertThat(ex.line()).isEqualTo(line);
			assertThat(ex.getMessage()).contains(message);
		});
	}
}
