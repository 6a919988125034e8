package dev.cairn.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Parses scripts for tests and checks what must hold for every script. */
final class Scripts {

	private Scripts() {
	}

	/** Parses and checks that gaps and statements, in order, rebuild the script. */
	static SqlScript parse(String script) {
		SqlScript parsed = SqlScriptParser.parse(script);
		assertRebuilds(script, parsed);
		return parsed;
	}

	static List<String> sqls(String script) {
		return parse(script).statements().stream().map(SqlStatement::sql).toList();
	}

	static SqlStatement only(String script) {
		List<SqlStatement> statements = parse(script).statements();
		assertThat(statements).as("statements of %s", script).hasSize(1);
		return statements.get(0);
	}

	static void assertRebuilds(String script, SqlScript parsed) {
		StringBuilder rebuilt = new StringBuilder();
		int previousEnd = 0;
		for (SqlStatement statement : parsed.statements()) {
			assertThat(statement.startOffset()).as("start of %s", statement).isGreaterThanOrEqualTo(previousEnd);
			assertThat(statement.sql()).as("statement text").isNotEmpty();
			assertThat(script.substring(statement.startOffset(), statement.endOffset())).isEqualTo(statement.sql());
			assertThat(isBlank(statement.sql().charAt(0))).as("leading blank in %s", statement).isFalse();
			assertThat(isBlank(statement.sql().charAt(statement.sql().length() - 1)))
					.as("trailing blank in %s", statement).isFalse();
			assertThat(statement.line()).isEqualTo(SqlScriptParser.lineOf(script, statement.startOffset()));
			String gap = script.substring(previousEnd, statement.startOffset());
			assertThat(SqlScriptParser.parse(gap).isEmpty()).as("gap holds no statement: %s", gap).isTrue();
			rebuilt.append(gap).append(statement.sql());
			previousEnd = statement.endOffset();
		}
		String tail = script.substring(previousEnd);
		assertThat(SqlScriptParser.parse(tail).isEmpty()).as("tail holds no statement: %s", tail).isTrue();
		rebuilt.append(tail);
		assertThat(rebuilt.toString()).isEqualTo(script);
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
	}
}
