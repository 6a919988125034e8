package dev.cairn.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.ConnectionSource;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A migration that changes its session (RESET ALL, SET ROLE, SET SESSION AUTHORIZATION,
 * set_config) changes neither the next migration's session nor the connection handed back to
 * the caller. The engine gets one shared connection, as from a pool of one, so the caller's
 * own session settings are there to be lost.
 */
class SessionSettingsTests {

	/** What the second migration of every test records about its session. */
	private static final String RECORD = "CREATE TABLE public.seen AS SELECT current_user::text AS current_user_name,"
			+ " session_user::text AS session_user_name, current_setting('search_path') AS search_path,"
			+ " current_setting('work_mem') AS work_mem;";

	@TempDir
	Path folder;

	private Migrations migrations;

	private PGSimpleDataSource database;

	private Connection shared;

	private String role;

	@BeforeEach
	void setUp() throws SQLException {
		this.migrations = new Migrations(this.folder);
		this.database = TestDatabase.createDatabase();
		this.role = this.database.getDatabaseName().replace("cairn_test_", "cairn_session_");
		TestDatabase.execute(TestDatabase.adminDataSource(), "CREATE ROLE " + this.role);
		TestDatabase.execute(this.database, "GRANT CREATE ON SCHEMA public TO " + this.role,
				"CREATE SCHEMA app", "CREATE SCHEMA other", "GRANT USAGE, CREATE ON SCHEMA other TO " + this.role);
		this.shared = this.database.getConnection();
		// The caller's own session: settings of its own that a migration must not take away.
		try (Statement statement = this.shared.createStatement()) {
			statement.execute("SET search_path = app, public");
			statement.execute("SET work_mem = '7MB'");
		}
		this.migrations.write("000002_record.up.sql", RECORD);
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.shared.close();
		TestDatabase.execute(this.database, "DROP OWNED BY " + this.role);
		TestDatabase.execute(TestDatabase.adminDataSource(), "DROP ROLE IF EXISTS " + this.role);
	}

	private Cairn cairn() {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(sharing(this.shared))
			.locations("filesystem:" + this.folder)
			.build());
	}

	/** What the second migration saw: current user, session user, search_path, work_mem. */
	private String seenByTheNextMigration() {
		return Sql.value(this.database, "SELECT current_user_name || ' | ' || session_user_name || ' | ' || search_path"
				+ " || ' | ' || work_mem FROM public.seen");
	}

	/** The same, on the connection the caller has back. */
	private String seenByTheCaller() throws SQLException {
		try (Statement statement = this.shared.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user || ' | ' || session_user || ' | '"
						+ " || current_setting('search_path') || ' | ' || current_setting('work_mem')")) {
			result.next();
			return result.getString(1);
		}
	}

	@Test
	void resetAllLeavesTheCallersSettingsInPlace() throws SQLException {
		this.migrations.write("000001_reset.up.sql", "RESET ALL;\nCREATE TABLE public.after_reset (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
	}

	@Test
	void setRoleIsUndoneBeforeTheNextMigrationAndTheCaller() throws SQLException {
		this.migrations.write("000001_role.up.sql", "SET ROLE " + this.role + ";\nCREATE TABLE public.owned (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.value(this.database, "SELECT tableowner FROM pg_tables WHERE tablename = 'owned'"))
			.isEqualTo(this.role);
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(Sql.value(this.database, "SELECT applied_by FROM cairn_history WHERE version = '1'"))
			.isEqualTo("postgres");
	}

	@Test
	void setSessionAuthorizationIsUndoneBeforeTheNextMigrationAndTheCaller() throws SQLException {
		this.migrations.write("000001_authorization.up.sql",
				"SET SESSION AUTHORIZATION " + this.role + ";\nCREATE TABLE public.owned (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.value(this.database, "SELECT tableowner FROM pg_tables WHERE tablename = 'owned'"))
			.isEqualTo(this.role);
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
	}

	@Test
	void setConfigOfTheSearchPathForTheSessionIsUndoneBeforeTheNextMigrationAndTheCaller() throws SQLException {
		// As pg_dump writes it.
		this.migrations.write("000001_set_config.up.sql",
				"SELECT pg_catalog.set_config('search_path', 'other', false);\nCREATE TABLE in_other (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.tableExists(this.database, "other.in_other")).isTrue();
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
	}

	@Test
	void aNonTransactionalMigrationsRoleAndSearchPathAreUndoneToo() throws SQLException {
		this.migrations.write("000001_no_transaction.up.sql", "-- cairn:no-transaction\nSET ROLE " + this.role + ";\n"
				+ "SELECT set_config('search_path', 'other', false);\nCREATE TABLE in_other (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.value(this.database, "SELECT schemaname || ' ' || tableowner FROM pg_tables"
				+ " WHERE tablename = 'in_other'")).isEqualTo("other " + this.role);
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(Migrations.history(this.database)).containsExactly("1:applied", "2:applied");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "-- cairn:no-transaction\n" })
	void aStatementTimeoutOfOneMillisecondSetByAMigrationNeverCancelsCairnsOwnWork(String directive)
			throws SQLException {
		// Cairn's check, restore and history write must not run under it (under load they were cancelled).
		// Last in the file: within one batch PostgreSQL's statement timer runs on from the statement after the SET.
		this.migrations.write("000001_timeout.up.sql", directive + "CREATE TABLE public.after_timeout (id int);\n"
				+ "SET statement_timeout = '1ms';");
		for (int run = 0; run < 5; run++) {
			String track = "timeout_" + run;
			assertThat(new Cairn(CairnConfiguration.builder()
				.dataSource(sharing(this.shared))
				.locations("filesystem:" + this.folder)
				.track(track)
				.table("history_" + track)
				.build()).migrate().applied()).as(track).hasSize(2);
			TestDatabase.execute(this.database, "DROP TABLE public.after_timeout", "DROP TABLE public.seen");
		}
		try (Statement statement = this.shared.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('statement_timeout')")) {
			result.next();
			assertThat(result.getString(1)).as("the caller's statement_timeout").isEqualTo("0");
		}
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
	}

	@Test
	void aNonTransactionalMigrationFailingAfterSetRoleHandsBackTheCallersSession() throws SQLException {
		this.migrations.write("000001_no_transaction.up.sql", "-- cairn:no-transaction\nSET ROLE " + this.role + ";\n"
				+ "SELECT set_config('search_path', 'other', false);\nCREATE TABLE in_other (id int);\n"
				+ "SELECT no_such_column FROM in_other;");
		assertThatThrownBy(cairn()::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.sqlState()).isEqualTo("42703"));
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
		// The failure is recorded by the migration user, not by the role the migration switched to.
		assertThat(Migrations.history(this.database)).containsExactly("1:failed");
	}

	@Test
	void aSettingChangedWhereTheStatementTextDoesNotShowItIsUndoneToo() throws SQLException {
		// Neither SET nor set_config appears in the statement's text: only the server knows.
		this.migrations.write("000001_hidden.up.sql",
				"DO $$ BEGIN EXECUTE 'SET search_path = other'; END $$;\nCREATE TABLE in_other (id int);");
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.tableExists(this.database, "other.in_other")).isTrue();
		assertThat(seenByTheNextMigration()).isEqualTo("postgres | postgres | app, public | 7MB");
		assertThat(seenByTheCaller()).isEqualTo("postgres | postgres | app, public | 7MB");
	}

	/** A DataSource handing out the one connection again and again; closing it does nothing. */
	private static DataSource sharing(Connection connection) {
		return ConnectionSource.sharing(connection);
	}

}
