package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.only;
import static dev.cairn.core.internal.sql.Scripts.parse;
import static dev.cairn.core.internal.sql.Scripts.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SqlScriptParserSplittingTest {

	@Test
	void splitsOnEverySemicolonAtTopLevel() {
		assertThat(sqls("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nINSERT INTO a VALUES (1);\n"))
				.containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)", "INSERT INTO a VALUES (1)");
	}

	@Test
	void statementsOnOneLineAreSplit() {
		assertThat(sqls("SELECT 1;SELECT 2; SELECT 3")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
	}

	@Test
	void finalStatementWithoutSemicolonIsStillAStatement() {
		assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void emptyStatementsAreDropped() {
		assertThat(sqls(";SELECT 1;; ;\n\t;SELECT 2;;")).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void statementsOfOnlyCommentsAreDropped() {
		assertThat(sqls("SELECT 1; -- nothing here\n /* nor here */ ; SELECT 2;"))
				.containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void trailingCommentsAfterTheLastSemicolonAreFine() {
		assertThat(sqls("SELECT 1;\n-- the end\n/* really */\n")).containsExactly("SELECT 1");
	}

	@Test
	void commentsBeforeAStatementBelongToTheGap() {
		String script = "-- the accounts\n/* owned by billing */\nCREATE TABLE account (id int);";
		SqlStatement statement = only(script);
		assertThat(statement.sql()).isEqualTo("CREATE TABLE account (id int)");
		assertThat(statement.startOffset()).isEqualTo(script.indexOf("CREATE"));
		assertThat(statement.line()).isEqualTo(3);
	}

	@Test
	void commentsInsideAStatementStayInIt() {
		assertThat(sqls("SELECT 1 -- one\n + /* two */ 2;")).containsExactly("SELECT 1 -- one\n + /* two */ 2");
	}

	@Test
	void commentBetweenTheLastTokenAndTheSemicolonIsPartOfTheStatement() {
		assertThat(sqls("SELECT 1 -- one\n;\nSELECT 2 /* two */;"))
				.containsExactly("SELECT 1 -- one", "SELECT 2 /* two */");
	}

	@Test
	void trailingWhitespaceBeforeTheSemicolonIsTrimmed() {
		assertThat(sqls("SELECT 1 \t\r\n ;")).containsExactly("SELECT 1");
	}

	@Test
	void offsetsPointAtTheStatementTextInTheScript() {
		String script = "  SELECT 1 ;\n\nINSERT INTO t VALUES (2)";
		List<SqlStatement> statements = parse(script).statements();
		assertThat(statements).extracting(SqlStatement::startOffset).containsExactly(2, 14);
		assertThat(statements).extracting(SqlStatement::endOffset).containsExactly(10, script.length());
	}

	@Test
	void emptyScriptIsEmpty() {
		SqlScript script = parse("");
		assertThat(script.isEmpty()).isTrue();
		assertThat(script.statements()).isEmpty();
		assertThat(script.directives()).isEmpty();
	}

	@Test
	void whitespaceOnlyScriptIsEmpty() {
		assertThat(parse(" \n\t\r\n ").isEmpty()).isTrue();
	}

	@Test
	void commentOnlyScriptIsEmpty() {
		assertThat(parse("-- nothing to do yet\n/* maybe /* later */ */\n").isEmpty()).isTrue();
	}

	@Test
	void scriptOfOnlySemicolonsIsEmpty() {
		assertThat(parse(";\n; ;").isEmpty()).isTrue();
	}

	@Test
	void scriptWithAStatementIsNotEmpty() {
		assertThat(parse("SELECT 1").isEmpty()).isFalse();
	}

	@Test
	void lineIsTheLineOfTheFirstToken() {
		List<SqlStatement> statements = parse("\n\nSELECT 1;\n\n  -- note\n  SELECT\n2;").statements();
		assertThat(statements).extracting(SqlStatement::line).containsExactly(3, 6);
	}

	@Test
	void linesAreCountedThroughMultiLineStringsAndComments() {
		String script = "INSERT INTO t VALUES ('a\nb\nc');\n/* x\ny */ SELECT $$\n$$;\nSELECT \"q\n\";\nSELECT 4;";
		assertThat(parse(script).statements()).extracting(SqlStatement::line).containsExactly(1, 5, 7, 9);
	}

	@Test
	void linesAreCountedWithCrlfLineEndings() {
		String script = "-- head\r\nSELECT 1;\r\n\r\nSELECT 'a\r\nb';\r\nSELECT 3\r\n";
		List<SqlStatement> statements = parse(script).statements();
		assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4, 6);
		assertThat(statements).extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT 'a\r\nb'", "SELECT 3");
	}

	@Test
	void lineCommentEndsAtACarriageReturnAsInPostgresql() {
		assertThat(sqls("SELECT 1 -- one\r; SELECT 2")).containsExactly("SELECT 1 -- one", "SELECT 2");
	}

	@Test
	void keywordIsTheFirstWordUpperCased() {
		assertThat(parse("with x as (select 1) select * from x; Create table t (); insert into t default values")
				.statements()).extracting(SqlStatement::keyword).containsExactly("WITH", "CREATE", "INSERT");
	}

	@Test
	void keywordOfAParenthesisedQueryIsTheParenthesis() {
		assertThat(only("(SELECT 1) UNION (SELECT 2)").keyword()).isEqualTo("(");
	}

	@Test
	void semicolonInsideParenthesesDoesNotEndTheStatement() {
		String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
		assertThat(sqls(rule + ";\nSELECT 1;")).containsExactly(rule, "SELECT 1");
	}

	@Test
	void unclosedParenthesisIsAnErrorAtTheLineWhereItOpens() {
		assertThatThrownBy(() -> SqlScriptParser.parse("SELECT 1;\nCREATE TABLE t (\n  id int;\nSELECT 2;"))
				.isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
					assertThat(ex.line()).isEqualTo(2);
					assertThat(ex.getMessage()).contains("unclosed parenthesis", "line 2", "add the missing )");
				});
	}

	@Test
	void strayClosingParenthesisDoesNotStopSplitting() {
		assertThat(sqls("SELECT 1);SELECT 2")).containsExactly("SELECT 1)", "SELECT 2");
	}

	@Test
	void lineOfCountsLineBreaksBeforeTheOffset() {
		String script = "a\nb\r\nc";
		assertThat(SqlScriptParser.lineOf(script, 0)).isEqualTo(1);
		assertThat(SqlScriptParser.lineOf(script, 1)).isEqualTo(1);
		assertThat(SqlScriptParser.lineOf(script, 2)).isEqualTo(2);
		assertThat(SqlScriptParser.lineOf(script, script.length())).isEqualTo(3);
	}

	@Test
	void lineOfRejectsOffsetsOutsideTheScript() {
		assertThatThrownBy(() -> SqlScriptParser.lineOf("abc", 4)).isInstanceOf(IndexOutOfBoundsException.class);
		assertThatThrownBy(() -> SqlScriptParser.lineOf("abc", -1)).isInstanceOf(IndexOutOfBoundsException.class);
	}

	@Test
	void scriptAndItsListsCannotBeModified() {
		SqlScript script = parse("SELECT 1");
		assertThatThrownBy(() -> script.statements().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> script.directives().add("x")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.SECONDS)
	void largeSeedScriptIsParsedInOnePass() {
		int rows = 100_000;
		StringBuilder script = new StringBuilder("-- seed data\n");
		for (int i = 0; i < rows; i++) {
			script.append("INSERT INTO seed (id, name, note) VALUES (").append(i)
					.append(", 'name; ").append(i).append("', E'it\\'s') -- row ").append(i).append("\r\n;\n");
		}
		String text = script.toString();
		SqlScript parsed = SqlScriptParser.parse(text);
		assertThat(parsed.statements()).hasSize(rows);
		SqlStatement last = parsed.statements().get(rows - 1);
		assertThat(last.line()).isEqualTo(2 + 2 * (rows - 1));
		assertThat(last.sql()).endsWith("-- row " + (rows - 1));
		assertThat(parsed.firstRequiringNoTransaction()).isEmpty();
		assertThat(parsed.statements()).noneMatch(SqlStatement::mayReturnRows);
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.SECONDS)
	void hugeSingleTokensAreParsedInOnePass() {
		String body = "x; ".repeat(1_000_000);
		String script = "SELECT '" + body + "', $b$" + body + "$b$, \"" + body + "\" /* " + body + " */;\nSELECT 2";
		assertThat(SqlScriptParser.parse(script).statements()).extracting(SqlStatement::line).containsExactly(1, 2);
	}
}
