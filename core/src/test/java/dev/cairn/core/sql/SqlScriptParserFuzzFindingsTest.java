package dev.cairn.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static List<String> sqls(String script) {
		return SqlScriptParser.parse(script).statements().stream().map(SqlStatement::sql).toList();
	}
}
