package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.Scripts.only;
import static dev.cairn.core.internal.sql.Scripts.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementClassificationTest {

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "select * from t", "VALUES (1), (2)", "TABLE t",
		"WITH x AS (SELECT 1) SELECT * FROM x", "SHOW search_path", "EXPLAIN SELECT 1", "FETCH ALL FROM c",
		"CALL p(1)", "EXECUTE q", "(SELECT 1) UNION (SELECT 2)" })
	void queriesMayReturnRows(String sql) {
		assertThat(only(sql).mayReturnRows()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES (1) RETURNING id", "update t set a = 1 returning *",
		"DELETE FROM t WHERE a = 1 RETURNING a", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*",
		"INSERT INTO t VALUES (1)\nReturning\n id" })
	void statementsWithReturningMayReturnRows(String sql) {
		assertThat(only(sql).mayReturnRows()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "CREATE TABLE t AS SELECT 1",
		"CREATE TABLE t (id int)", "DO $$ BEGIN PERFORM 1; END $$", "DELETE FROM t" })
	void otherStatementsDoNotReturnRows(String sql) {
		assertThat(only(sql).mayReturnRows()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES ('returning')", "INSERT INTO t VALUES (1) -- returning id",
		"INSERT INTO t VALUES (1) /* RETURNING */", "INSERT INTO t (\"returning\") VALUES (1)",
		"UPDATE t SET body = $$ RETURNING $$", "INSERT INTO t VALUES (E'\\'returning')" })
	void returningInStringsCommentsOrQuotedIdentifiersDoesNotCount(String sql) {
		assertThat(only(sql).mayReturnRows()).isFalse();
	}

	@Test
	void returningAsPartOfALongerWordDoesNotCount() {
		assertThat(only("INSERT INTO t (returning_customer) VALUES (true)").mayReturnRows()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX CONCURRENTLY i ON t (a)", "create unique index concurrently i on t (a)",
		"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)", "DROP INDEX CONCURRENTLY i",
		"DROP INDEX CONCURRENTLY IF EXISTS i", "REINDEX INDEX CONCURRENTLY i", "REINDEX TABLE CONCURRENTLY t",
		"REINDEX (VERBOSE) TABLE CONCURRENTLY t", "REINDEX (CONCURRENTLY) TABLE t", "REINDEX SCHEMA public",
		"REINDEX DATABASE app", "REINDEX SYSTEM", "VACUUM", "vacuum (analyze) t", "VACUUM FULL t",
		"CREATE DATABASE app", "DROP DATABASE app", "CREATE TABLESPACE fast LOCATION '/ssd'",
		"DROP TABLESPACE fast", "ALTER SYSTEM SET work_mem = '64MB'", "ALTER DATABASE app SET TABLESPACE fast",
		"CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p",
		"DROP SUBSCRIPTION s", "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
		"ALTER SUBSCRIPTION s REFRESH PUBLICATION WITH (copy_data = false)",
		"ALTER SUBSCRIPTION s SET PUBLICATION p", "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = true)",
		"ALTER TABLE m DETACH PARTITION p CONCURRENTLY", "CLUSTER", "CLUSTER VERBOSE", "CLUSTER (VERBOSE)",
		"DISCARD ALL" })
	void statementsRefusedInATransactionBlockRequireNoTransaction(String sql) {
		assertThat(only(sql).requiresNoTransaction()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX i ON t (a)", "CREATE UNIQUE INDEX i ON t (a)", "DROP INDEX i",
		"REINDEX TABLE t", "REINDEX (CONCURRENTLY false) TABLE t", "ANALYZE t", "CREATE TABLE t (id int)",
		"ALTER TYPE mood ADD VALUE 'meh'", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'",
		"ALTER DATABASE app SET search_path = app", "ALTER TABLESPACE fast RENAME TO quick",
		"CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = false, enabled = false)",
		"CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false)", "ALTER SUBSCRIPTION s ENABLE", "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
		"ALTER TABLE m DETACH PARTITION p", "REFRESH MATERIALIZED VIEW CONCURRENTLY v", "CLUSTER t",
		"CLUSTER VERBOSE t USING i", "DISCARD PLANS", "INSERT INTO t VALUES (1)" })
	void statementsAllowedInATransactionBlockDoNotRequireNoTransaction(String sql) {
		assertThat(only(sql).requiresNoTransaction()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX /* CONCURRENTLY */ i ON t (a)", "CREATE INDEX \"concurrently\" ON t (a)",
		"INSERT INTO log VALUES ('VACUUM')", "COMMENT ON TABLE t IS 'CREATE DATABASE x'",
		"CREATE FUNCTION f() RETURNS void AS $$ VACUUM $$ LANGUAGE sql", "SELECT 'DROP INDEX CONCURRENTLY i'",
		"CREATE TABLE vacuum_log (id int) -- VACUUM later" })
	void keywordsInStringsCommentsOrQuotedIdentifiersDoNotRequireNoTransaction(String sql) {
		assertThat(only(sql).requiresNoTransaction()).isFalse();
	}

	@Test
	void firstRequiringNoTransactionFindsTheFirstSuchStatement() {
		SqlScript script = parse("-- cairn:no-transaction\nCREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);"
				+ "\nVACUUM t;");
		assertThat(script.firstRequiringNoTransaction()).hasValueSatisfying((statement) -> {
			assertThat(statement.keyword()).isEqualTo("CREATE");
			assertThat(statement.line()).isEqualTo(3);
		});
	}

	@Test
	void firstRequiringNoTransactionIsEmptyForOrdinaryScripts() {
		assertThat(parse("CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);").firstRequiringNoTransaction()).isEmpty();
	}
}
