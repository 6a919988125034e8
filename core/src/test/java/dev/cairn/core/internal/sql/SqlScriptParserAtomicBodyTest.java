package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SQL-standard routine bodies (PostgreSQL 14+): their inner semicolons are the body's, as in psql. */
class SqlScriptParserAtomicBodyTest {

	@Test
	void beginAtomicBodyIsOneStatement() {
		String function = """
				CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
				BEGIN ATOMIC
				  INSERT INTO calls VALUES (i);
				  SELECT i + 1;
				END""";
		assertThat(sqls(function + ";\nSELECT 2;")).containsExactly(function, "SELECT 2");
	}

	@Test
	void createOrReplaceProcedureBodyIsOneStatement() {
		String procedure = "create or replace procedure p() language sql begin atomic delete from t; delete from u; end";
		assertThat(sqls(procedure + "; SELECT 2")).containsExactly(procedure, "SELECT 2");
	}

	@Test
	void caseEndInsideTheBodyDoesNotCloseIt() {
		String function = "CREATE FUNCTION f(i int) RETURNS text BEGIN ATOMIC SELECT CASE WHEN i > 0 THEN 'a' ELSE 'b' END; "
				+ "SELECT CASE i WHEN 1 THEN 'one' END; END";
		assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
	}

	@Test
	void caseInsideParenthesesInTheBodyIsBalancedByItsOwnEnd() {
		String function = "CREATE FUNCTION f(i int) RETURNS int BEGIN ATOMIC SELECT (CASE WHEN i > 0 THEN 1 END); END";
		assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
	}

	@Test
	void commentsBetweenBeginAndAtomicAreAllowed() {
		String function = "CREATE FUNCTION f() RETURNS int BEGIN /* sql body */ ATOMIC SELECT 1; END";
		assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
	}

	@Test
	void functionNamedBeginDoesNotSwallowTheFollowingStatements() {
		assertThat(sqls("CREATE FUNCTION begin() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; SELECT 2; END_OF; SELECT 3"))
				.containsExactly("CREATE FUNCTION begin() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", "SELECT 2", "END_OF",
						"SELECT 3");
	}

	@Test
	void beginAtomicOutsideARoutineDefinitionIsNotABody() {
		assertThat(sqls("SELECT 1 AS begin, 2 AS atomic; SELECT 3")).containsExactly("SELECT 1 AS begin, 2 AS atomic",
				"SELECT 3");
	}

	@Test
	void beginAtomicBodyWithoutEndIsAnErrorAtItsStart() {
		assertThatThrownBy(() -> SqlScriptParser.parse("SELECT 1;\nCREATE FUNCTION f() RETURNS int\nBEGIN ATOMIC\n"
				+ "SELECT 1;\nSELECT 2;")).isInstanceOfSatisfying(SqlScriptException.class, (ex) -> {
					assertThat(ex.line()).isEqualTo(3);
					assertThat(ex.getMessage()).contains("BEGIN ATOMIC body starting at line 3 has no matching END");
				});
	}
}
