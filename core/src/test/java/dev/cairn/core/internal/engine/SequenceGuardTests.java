package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SequenceGuard} puts back after a dry run's rollback, and what it leaves to the
 * live application, driven step by step on real connections.
 */
class SequenceGuardTests {

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void setUp() {
		this.dataSource = TestDatabase.createDatabase();
		TestDatabase.execute(this.dataSource, "CREATE SEQUENCE s", "SELECT setval('s', 100)",
				"CREATE SEQUENCE other");
	}

	@Test
	void aSequenceTheApplicationUsedAfterTheDryRunKeepsTheApplicationsValue() throws Exception {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			SequenceGuard guard = new SequenceGuard(connection);
			statement.execute("BEGIN");
			guard.start(statement);
			statement.execute("SELECT setval('s', 5)");
			statement.execute("SELECT nextval('other')");
			guard.beforeRollback(statement);
			statement.execute("ROLLBACK");
			// The application, on its own connection, between the rollback and the restore.
			TestDatabase.execute(this.dataSource, "SELECT nextval('s')");
			assertThat(guard.restore(statement)).singleElement()
				.asString()
				.contains("sequence public.s was moved by the dry run and used since (it is at 6)");
		}
		assertThat(Sql.value(this.dataSource, "SELECT last_value FROM s")).isEqualTo("6");
		// The sequence nobody else touched is put back: never called, so its next value is its start.
		assertThat(Sql.value(this.dataSource, "SELECT nextval('other')")).isEqualTo("1");
	}

	@Test
	void advisoryLocksTheMigrationsTookAreReleasedButCairnsOwnIsKept() throws Exception {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(1128352082, 77)"); // Cairn's own kind of key
			SequenceGuard guard = new SequenceGuard(connection);
			statement.execute("BEGIN");
			guard.start(statement);
			statement.execute("SELECT pg_advisory_lock(42), pg_advisory_lock(42), pg_advisory_lock(7, 8)");
			guard.beforeRollback(statement);
			statement.execute("ROLLBACK");
			assertThat(guard.restore(statement)).isEmpty();
			assertThat(Sql.column(this.dataSource, "SELECT classid || ':' || objid || ':' || objsubid FROM pg_locks"
					+ " WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database"
					+ " WHERE datname = current_database())")).containsExactly("1128352082:77:2");
		}
	}

}
