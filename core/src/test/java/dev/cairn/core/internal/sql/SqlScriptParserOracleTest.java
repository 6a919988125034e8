package dev.cairn.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.jdbc.PreferQueryMode;
import org.postgresql.util.PSQLException;

import dev.cairn.test.TestDatabase;

/**
 * PostgreSQL as the oracle of the splitter: a generated script of real statements is run twice, in two
 * databases, in a fresh schema of the same name in each. Once whole, as one simple-protocol query, so that
 * the server's own lexer and parser split it; once as Cairn does, the split statements one by one in a
 * transaction on an ordinary connection. The two must leave the same tables, rows, columns, defaults,
 * comments, views, rules and routine definitions.
 */
class SqlScriptParserOracleTest {

	private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

	private static final AtomicInteger schemas = new AtomicInteger();

	private static final AtomicInteger statementsRun = new AtomicInteger();

	private static Connection whole;

	private static Connection split;

	@BeforeAll
	static void connect() throws SQLException {
		PGSimpleDataSource wholeDatabase = TestDatabase.createDatabase();
		// The simple query protocol sends the script as it is, for the server to split.
		wholeDatabase.setPreferQueryMode(PreferQueryMode.SIMPLE);
		whole = wholeDatabase.getConnection();
		split = TestDatabase.createDatabase().getConnection();
		for (Connection connection : List.of(whole, split)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET statement_timeout = '30s'");
				// Every case commits several times; waiting for each flush would only measure the disk.
				statement.execute("SET synchronous_commit = off");
			}
		}
	}

	@AfterAll
	static void disconnect() throws SQLException {
		System.out.printf("splitter fuzz: oracle: %d schemas, %d split statements run%n", schemas.get(),
				statementsRun.get());
		if (whole != null) {
			whole.close();
		}
		if (split != null) {
			split.close();
		}
	}

	@Test
	void theWholeScriptReachesPostgresqlAsOneQueryString() throws SQLException {
		String script = "SELECT 1; /* ; */ CREATE TEMPORARY TABLE probe AS SELECT current_query() AS q";
		try (Statement statement = whole.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute(script);
			try (ResultSet result = statement.executeQuery("SELECT q FROM probe")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo(script);
			}
			statement.execute("DROP TABLE probe");
		}
	}

	/**
	 * On an ordinary connection pgjdbc splits each statement again with its own parser, which reads an E''
	 * string only up to a {@code ''} and the rest as a standard string (pgjdbc issue 944): a later
	 * {@code \'} makes it cut the statement. PostgreSQL and Cairn read the statement as one. The generator
	 * avoids the pattern ({@code SqlForms.escapeBody}); when this test fails, pgjdbc reads it right and the
	 * generator may mix the quote forms again.
	 */
	@Test
	void pgjdbcStillCutsAnEscapeStringWithADoubledQuoteBeforeABackslashQuote() throws SQLException {
		String sql = "SELECT E'it''s \\'; here'";
		assertThat(SqlScriptParser.parse(sql).statements()).hasSize(1);
		try (Statement statement = whole.createStatement()) {
			statement.setEscapeProcessing(false);
			assertThat(statement.execute(sql)).isTrue();
		}
		try (Statement statement = split.createStatement()) {
			statement.setEscapeProcessing(false);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute(sql))
				.withMessageContaining("unterminated quoted string");
		}
	}

	/**
	 * pgjdbc's parser also takes the {@code *} of an opening {@code /}{@code *} for the start of a closing
	 * {@code *}{@code /}, so {@code /}{@code *}{@code /} is a whole comment to it and what follows is SQL
	 * (fixed by pgjdbc pull request 4363, not released in 42.7.13). The generator avoids the pattern
	 * ({@code SqlForms.blockComment}); when this test fails, it may use it again.
	 */
	@Test
	void pgjdbcStillTakesSlashStarSlashForAWholeComment() throws SQLException {
		String sql = "SELECT 1 /*/ ; */";
		assertThat(SqlScriptParser.parse(sql).statements()).hasSize(1);
		try (Statement statement = whole.createStatement()) {
			statement.setEscapeProcessing(false);
			assertThat(statement.execute(sql)).isTrue();
		}
		try (Statement statement = split.createStatement()) {
			statement.setEscapeProcessing(false);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute(sql))
				.withMessageContaining("unterminated /* comment");
		}
	}

	@Test
	void splitStatementsRunOneByOneHaveTheEffectOfPostgresqlRunningTheWholeScript() {
		Fuzz.Run<ScriptModel> run = new Fuzz.Run<>("PostgreSQL oracle", Fuzz.oracleTries(), CASE_TIMEOUT,
				OracleScripts::generate, ScriptModel::shrink, (model) -> Fuzz.literal(model.render().text()));
		Fuzz.check(run, SqlScriptParserOracleTest::compare);
	}

	/** The two runs disagree: the splitter is wrong (or cannot split what PostgreSQL runs). */
	static final class Discrepancy extends AssertionError {

		private static final long serialVersionUID = 1L;

		Discrepancy(String message) {
			super(message);
		}
	}

	/** How a run ended: null, or the error that stopped it. */
	private record Outcome(String error) {
	}

	private static void compare(ScriptModel model) throws SQLException {
		ScriptModel.Rendered rendered = model.render();
		String script = rendered.text();
		String schema = "s_" + schemas.incrementAndGet();
		try {
			prepare(whole, schema);
			prepare(split, schema);
			Outcome wholeOutcome = runWhole(script);
			if (wholeOutcome.error() != null) {
				throw new AssertionError("PostgreSQL refused the generated script as a whole, so it cannot judge the"
						+ " split (a generator bug): " + wholeOutcome.error());
			}
			SqlScript parsed;
			try {
				parsed = SqlScriptParser.parse(script);
			}
			catch (SqlScriptException ex) {
				throw new Discrepancy("the splitter refused a script PostgreSQL runs: line " + ex.line() + ": "
						+ ex.getMessage());
			}
			Outcome splitOutcome = runSplit(parsed.statements());
			if (splitOutcome.error() != null) {
				throw new Discrepancy("PostgreSQL ran the whole script, but the split statements failed: "
						+ splitOutcome.error() + "\n  statements: " + literals(parsed.statements()));
			}
			List<String> wholeState = dump(whole, schema);
			List<String> splitState = dump(split, schema);
			if (!wholeState.equals(splitState)) {
				throw new Discrepancy("the split statements left another state than the whole script:\n"
						+ firstDifference(wholeState, splitState) + "\n  statements: " + literals(parsed.statements()));
			}
			SplitInvariants.checkStructure(script, parsed);
			SplitInvariants.checkExpected(rendered, parsed);
		}
		finally {
			drop(whole, schema);
			drop(split, schema);
		}
	}

	private static void prepare(Connection connection, String schema) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			statement.execute("SET search_path = " + schema);
			statement.execute("CREATE TABLE log (seq int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)");
		}
	}

	private static void drop(Connection connection, String schema) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	/** The script as one query string: PostgreSQL runs it in one implicit transaction. */
	private static Outcome runWhole(String script) {
		try (Statement statement = whole.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute(script);
			return new Outcome(null);
		}
		catch (SQLException ex) {
			return new Outcome(describe(ex));
		}
	}

	/** As Cairn runs a transactional migration statement by statement. */
	private static Outcome runSplit(List<SqlStatement> statements) throws SQLException {
		try (Statement statement = split.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute("BEGIN");
			for (SqlStatement each : statements) {
				statement.execute(each.sql());
				statementsRun.incrementAndGet();
			}
			statement.execute("COMMIT");
			return new Outcome(null);
		}
		catch (SQLException ex) {
			try (Statement statement = split.createStatement()) {
				statement.execute("ROLLBACK");
			}
			return new Outcome(describe(ex));
		}
	}

	/** Relations, columns, defaults, comments, routines, views, rules and every row, as sorted text. */
	private static List<String> dump(Connection connection, String schema) throws SQLException {
		String namespace = "'" + schema + "'::regnamespace";
		String catalog = """
				SELECT line FROM (
					SELECT 1 AS part, c.relname::text AS name, format('relation %s %s comment %s', c.relname, c.relkind,
						coalesce(obj_description(c.oid, 'pg_class'), '-')) AS line
					FROM pg_class c WHERE c.relnamespace = NAMESPACE
					UNION ALL
					SELECT 2, c.relname || to_char(a.attnum, '0000'), format('column %s.%s %s default %s comment %s',
						c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
						coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), coalesce(col_description(c.oid, a.attnum), '-'))
					FROM pg_class c
					JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
					LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
					WHERE c.relnamespace = NAMESPACE
					UNION ALL
					SELECT 3, p.proname::text, format('routine %s comment %s: %s', p.proname,
						coalesce(obj_description(p.oid, 'pg_proc'), '-'), pg_get_functiondef(p.oid))
					FROM pg_proc p WHERE p.pronamespace = NAMESPACE
					UNION ALL
					SELECT 4, c.relname::text, format('view %s: %s', c.relname, pg_get_viewdef(c.oid))
					FROM pg_class c WHERE c.relnamespace = NAMESPACE AND c.relkind = 'v'
					UNION ALL
					SELECT 5, r.rulename::text, format('rule %s', pg_get_ruledef(r.oid))
					FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
					WHERE c.relnamespace = NAMESPACE AND r.rulename <> '_RETURN'
				) catalog ORDER BY part, name, line
				""".replace("NAMESPACE", namespace);
		List<String> lines = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery(catalog)) {
				while (result.next()) {
					lines.add(result.getString(1));
				}
			}
			try (ResultSet result = statement.executeQuery("SELECT quote_ident(relname) FROM pg_class"
					+ " WHERE relnamespace = " + namespace + " AND relkind = 'r' ORDER BY relname")) {
				while (result.next()) {
					tables.add(result.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet result = statement
					.executeQuery("SELECT t::text FROM " + schema + "." + table + " t ORDER BY 1")) {
					while (result.next()) {
						lines.add("row " + table + " " + result.getString(1));
					}
				}
			}
		}
		return lines;
	}

	private static String describe(SQLException ex) {
		if (ex instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			return psql.getSQLState() + " " + psql.getServerErrorMessage().getMessage();
		}
		return ex.getSQLState() + " " + ex.getMessage();
	}

	private static String firstDifference(List<String> whole, List<String> split) {
		for (int i = 0; i < Math.max(whole.size(), split.size()); i++) {
			String left = (i < whole.size()) ? whole.get(i) : "(nothing)";
			String right = (i < split.size()) ? split.get(i) : "(nothing)";
			if (!left.equals(right)) {
				return "  whole: " + Fuzz.literal(left) + "\n  split: " + Fuzz.literal(right);
			}
		}
		return "(none)";
	}

	private static String literals(List<SqlStatement> statements) {
		return statements.stream().map((statement) -> Fuzz.literal(statement.sql())).toList().toString();
	}
}
