package dev.cairn.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Regression tests for what the splitter fuzzing found (src/docs/splitter-fuzzing.md). */
class SqlScriptParserFuzzFindingsTest {

	@Test
	void aStatementEndingInALineCommentEndsAtTheCommentsLastVisibleCharacter() {
		assertThat(sqls("SELECT 1 -- note \t\n;\nSELECT 2 -- last  ")).containsExactly("SELECT 1 -- note",
				"SELECT 2 -- last");
		assertThat(sqls("SELECT 1 --\f\u000B\r\n")).containsExactly("SELECT 1 --");
	}

	@Test
	void aDirectiveMayStillHaveBlanksAfterIt() {
		SqlScript script = SqlScriptParser.parse("-- cairn:no-transaction \t\nBEGIN;\nCOMMIT");
		assertThat(script.transactional()).isFalse();
		assertThat(script.statements()).extracting(SqlStatement::sql).containsExactly("BEGIN", "COMMIT");
	}

	@Test
	void anEscapeStringContinuedOnTheNextLineKeepsItsBackslashEscapesThere() {
		// PostgreSQL reads this as one constant, "firstit's; here": the continuation is an escape string too.
		assertThat(sqls("SELECT E'first'\n'it\\'s; here' AS v;\nSELECT 2"))
			.containsExactly("SELECT E'first'\n'it\\'s; here' AS v", "SELECT 2");
	}

	@Test
	void anEscapeStringContinuesOverLineCommentsAndBlankLines() {
		assertThat(sqls("SELECT e'a' -- note; '\n\n  -- more\r\n'\\'; b';\nSELECT 2"))
			.containsExactly("SELECT e'a' -- note; '\n\n  -- more\r\n'\\'; b'", "SELECT 2");
	}

	@Test
	void anEscapeStringContinuesOverSeveralLineEndsOfAnyKindAndStaysAnEscapeStringThroughout() {
		// PostgreSQL 15 reads each of these as one constant: "abc'd", "ab'x", "ab'x".
		assertThat(sqls("SELECT E'a'\n'b'\n'c\\'d';\nSELECT 2")).containsExactly("SELECT E'a'\n'b'\n'c\\'d'", "SELECT 2");
		assertThat(sqls("SELECT E'a'\n-- c\n'b\\'x';\nSELECT 2")).containsExactly("SELECT E'a'\n-- c\n'b\\'x'", "SELECT 2");
		assertThat(sqls("SELECT E'a'\r'b\\'x';\nSELECT 2")).containsExactly("SELECT E'a'\r'b\\'x'", "SELECT 2");
	}

	@Test
	void aContinuedEscapeStringLeftOpenIsRefusedAsAnEscapeString() {
		assertThatThrownBy(() -> SqlScriptParser.parse("SELECT E'a'\n'b\\';\nSELECT 2"))
			.isInstanceOf(SqlScriptException.class)
			.hasMessageContaining("unterminated escape string E'...' starting at line 1");
	}

	@Test
	void anEscapeStringDoesNotContinueWithoutALineEndOrAcrossABlockComment() {
		assertThat(sqls("SELECT E'a' '\\'; SELECT 1")).containsExactly("SELECT E'a' '\\'", "SELECT 1");
		assertThat(sqls("SELECT E'a' /* c */\n'\\'; SELECT 1")).containsExactly("SELECT E'a' /* c */\n'\\'", "SELECT 1");
		assertThat(sqls("SELECT E'a' -- c")).containsExactly("SELECT E'a' -- c");
	}

	@Test
	void aStandardStringContinuedOnTheNextLineStaysAStandardString() {
		assertThat(sqls("SELECT 'a'\n'\\'; SELECT 1")).containsExactly("SELECT 'a'\n'\\'", "SELECT 1");
	}

	@Test
	void linesAreCountedInsideAContinuedEscapeString() {
		List<SqlStatement> statements = SqlScriptParser.parse("SELECT E'a'\n\n'b';\nSELECT 2").statements();
		assertThat(statements.get(1).line()).isEqualTo(4);
	}

	private static List<String> sqls(String script) {
		return SqlScriptParser.parse(script).statements().stream().map(SqlStatement::sql).toList();
	}
}
