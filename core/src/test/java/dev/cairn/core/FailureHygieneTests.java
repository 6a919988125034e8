package dev.cairn.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.ConnectionSource;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure leaves a clean connection and a true history; session state a migration changes,
 * however it changed it, reaches neither the next migration nor the caller; Cairn says when its
 * own history write failed; a migration that damages the history table is named at once.
 *
 * <p>The engine's data source gives a fresh session first (the lock's) and then the caller's
 * own connection again and again (the work session), as a pool would hand back one it keeps.
 */
class FailureHygieneTests {

	private static final String RECORD = "CREATE TABLE public.seen AS SELECT current_user::text || ' | '"
			+ " || session_user::text || ' | ' || current_setting('search_path') || ' | '"
			+ " || current_setting('work_mem') AS seen;";

	/** pg_locks shows every database's locks; other tests run on the same server. */
	private static final String IN_THIS_DATABASE = " AND database = (SELECT oid FROM pg_database"
			+ " WHERE datname = current_database())";

	private static final String ORIGINAL = "postgres | postgres | app, public | 7MB";

	@TempDir
	Path folder;

	private Migrations migrations;

	private PGSimpleDataSource database;

	private Connection caller;

	private String role;

	@BeforeEach
	void setUp() throws SQLException {
		this.migrations = new Migrations(this.folder);
		this.database = TestDatabase.createDatabase();
		this.role = this.database.getDatabaseName().replace("cairn_test_", "cairn_hygiene_");
		TestDatabase.execute(TestDatabase.adminDataSource(), "CREATE ROLE " + this.role + " LOGIN");
		TestDatabase.execute(this.database, "GRANT CREATE ON SCHEMA public TO " + this.role, "CREATE SCHEMA app",
				"CREATE SCHEMA other", "GRANT USAGE, CREATE ON SCHEMA other TO " + this.role);
		this.caller = this.database.getConnection();
		try (Statement statement = this.caller.createStatement()) {
			statement.execute("SET search_path = app, public");
			statement.execute("SET work_mem = '7MB'");
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.caller.close();
		TestDatabase.execute(this.database, "DROP OWNED BY " + this.role);
		TestDatabase.execute(TestDatabase.adminDataSource(), "DROP ROLE IF EXISTS " + this.role);
	}

	private Cairn cairn() {
		return this.migrations.cairn(lockSessionThenCaller());
	}

	private String callerSession() throws SQLException {
		try (Statement statement = this.caller.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user || ' | ' || session_user || ' | '"
						+ " || current_setting('search_path') || ' | ' || current_setting('work_mem')")) {
			result.next();
			return result.getString(1);
		}
	}

	/** The caller's connection: no transaction open, no advisory lock, its own role and settings. */
	private void assertCallerIsClean() throws SQLException {
		assertThat(this.caller.isClosed()).isFalse();
		assertThat(this.caller.unwrap(BaseConnection.class).getTransactionState()).isEqualTo(TransactionState.IDLE);
		assertThat(callerSession()).isEqualTo(ORIGINAL);
		assertThat(Sql.value(this.database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'" + IN_THIS_DATABASE))
			.isEqualTo("0");
	}

	// (a) a failure leaves a clean connection and a true history

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN;\nCREATE TABLE public.t (id int);\nSELECT no_such_column FROM public.t;\nCOMMIT;",
			"SET work_mem = '64MB';\nBEGIN;\nSET ROLE %s;\nSELECT 1 / 0;",
			"CREATE TABLE public.before_begin (id int);\nBEGIN;\nSELECT pg_advisory_lock(42);\nSELECT 1 / 0;" })
	void aNoTransactionMigrationFailingInsideItsOwnTransactionLeavesACleanSessionAndATrueHistory(String body)
			throws SQLException {
		this.migrations.write("000001_own_begin.up.sql", "-- cairn:no-transaction\n" + body.formatted(this.role));
		assertThatThrownBy(cairn()::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.getMessage()).contains("the transaction it opened itself, which was rolled back")
					.doesNotContain("could not record"));
		assertCallerIsClean();
		assertThat(Migrations.history(this.database)).containsExactly("1:failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN;\nCREATE TABLE public.left_open (id int);",
			"SET ROLE %s;\nBEGIN;\nSET work_mem = '64MB';", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE;" })
	void aNoTransactionMigrationLeavingItsTransactionOpenIsRolledBackAndRecorded(String body) throws SQLException {
		this.migrations.write("000001_left_open.up.sql", "-- cairn:no-transaction\n" + body.formatted(this.role));
		assertThatThrownBy(cairn()::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.getMessage()).contains("left a transaction open"));
		assertCallerIsClean();
		assertThat(Sql.tableExists(this.database, "public.left_open")).isFalse();
		assertThat(Migrations.history(this.database)).containsExactly("1:failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT pg_advisory_lock(42);\nSELECT 1 / 0;",
			"SET ROLE %s;\nSET search_path = other;\nSELECT pg_advisory_lock(43);\nCREATE TABLE t (id int);\n"
					+ "SELECT no_such_column FROM t;" })
	void aFailedTransactionalMigrationLeavesNoSessionLockBehind(String body) throws SQLException {
		// Rolling back undoes its settings, not a session-level advisory lock it took.
		this.migrations.write("000001_locks_and_fails.up.sql", body.formatted(this.role));
		assertThatThrownBy(cairn()::migrate).isInstanceOf(MigrationFailedException.class);
		assertCallerIsClean();
		assertThat(Migrations.history(this.database)).isEmpty();
	}

	@Test
	void aDryRunLeavesACleanSession() throws SQLException {
		this.migrations.write("000001_dry.up.sql", "SELECT pg_advisory_lock(44);\nSET ROLE " + this.role + ";\n"
				+ "CREATE TABLE public.tried (id int);");
		assertThat(cairn().dryRun().steps()).hasSize(1);
		assertCallerIsClean();
		assertThat(Sql.tableExists(this.database, "public.tried")).isFalse();
	}

	@Test
	void aSessionThatCannotBePutBackIsClosedRatherThanHandedBack() throws SQLException {
		// The caller's session uses a text search configuration the migration then drops: its
		// setting cannot be set back.
		TestDatabase.execute(this.database, "CREATE TEXT SEARCH CONFIGURATION public.doomed (COPY = simple)");
		try (Statement statement = this.caller.createStatement()) {
			statement.execute("SET default_text_search_config = 'public.doomed'");
		}
		this.migrations.write("000001_drops_it.up.sql",
				"-- cairn:no-transaction\nDROP TEXT SEARCH CONFIGURATION public.doomed;");
		assertThatThrownBy(cairn()::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.getMessage()).contains("ran all its statements, but Cairn could not record that")
					.contains("doomed"));
		assertThat(this.caller.isClosed()).isTrue();
		assertThat(Sql.value(this.database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ IN_THIS_DATABASE)).isEqualTo("0");
		assertThat(Migrations.history(this.database)).containsExactly("1:in_progress");
		this.caller = this.database.getConnection();
	}

	// (b) session state changed however it was changed is undone

	@ParameterizedTest
	@ValueSource(strings = { "DO $$ BEGIN EXECUTE 'SET search_path = other'; END $$;",
			"SELECT set_config(name, 'other', false) FROM (VALUES ('search' || '_path')) v(name);",
			"CREATE FUNCTION public.become() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'SET ROLE %s'; END $f$;\n"
					+ "SELECT public.become();",
			"DO $$ BEGIN PERFORM set_config('work' || '_mem', '99MB', false); END $$;",
			"-- cairn:no-transaction\nDISCARD ALL;",
			"-- cairn:no-transaction\nRESET ALL;\nSET SESSION AUTHORIZATION %s;",
			"-- cairn:no-transaction\nSELECT pg_advisory_lock(7);\nSET TIME ZONE 'Asia/Tokyo';" })
	void sessionStateTheServerSeesChangedIsUndoneBeforeTheNextMigrationAndTheCaller(String body) throws SQLException {
		this.migrations.write("000001_change.up.sql", body.formatted(this.role))
			.write("000002_record.up.sql", RECORD);
		assertThat(cairn().migrate().applied()).hasSize(2);
		assertThat(Sql.value(this.database, "SELECT seen FROM public.seen")).isEqualTo(ORIGINAL);
		assertCallerIsClean();
		assertThat(Sql.value(this.database, "SELECT string_agg(applied_by, ',') FROM cairn_history"))
			.isEqualTo("postgres,postgres");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET work_mem = '99MB';\nSET search_path = other;\nSELECT 1 / 0;",
			"SELECT set_config('search_path', 'other', false);\nSET ROLE %s;\nSELECT no_such_column FROM pg_class;" })
	void aNoTransactionMigrationThatChangesItsSessionAndThenFailsHandsBackTheCallersSession(String body)
			throws SQLException {
		this.migrations.write("000001_change_then_fail.up.sql", "-- cairn:no-transaction\n" + body.formatted(this.role));
		assertThatThrownBy(cairn()::migrate).isInstanceOf(MigrationFailedException.class);
		assertCallerIsClean();
		assertThat(Migrations.history(this.database)).containsExactly("1:failed");
		assertThat(Sql.value(this.database, "SELECT applied_by FROM cairn_history")).isEqualTo("postgres");
	}

	// (c) Cairn's own history write

	@ParameterizedTest
	@ValueSource(strings = { "SELECT", "SELECT, INSERT", "SELECT, INSERT, UPDATE" })
	void aUserThatCannotWriteTheHistoryIsToldSoBeforeAnythingRuns(String privileges) {
		this.migrations.write("000001_first.up.sql", "CREATE TABLE public.first (id int);");
		this.migrations.cairn(this.database).migrate();
		TestDatabase.execute(this.database, "GRANT " + privileges + " ON public.cairn_history TO " + this.role);
		this.migrations.write("000002_second.up.sql", "CREATE TABLE public.second (id int);");
		PGSimpleDataSource asRole = asRole();
		assertThatThrownBy(this.migrations.cairn(asRole)::migrate).isInstanceOfSatisfying(CairnException.class,
				(ex) -> assertThat(ex.getMessage()).contains("may not").contains("on history table")
					.contains("Nothing was run").contains("Grant it INSERT, UPDATE and DELETE").doesNotContain("fix the file"));
		assertThat(Sql.tableExists(this.database, "public.second")).isFalse();
		// Nothing pending: a read-only user's no-op run still works.
		this.migrations.delete("000002_second.up.sql");
		assertThat(this.migrations.cairn(asRole).migrate().applied()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-- cairn:no-transaction\n" })
	void aHistoryWriteRefusedByTheServerIsReportedAsCairnsNotTheFiles(String header) {
		this.migrations.write("000001_first.up.sql", "CREATE TABLE public.first (id int);");
		this.migrations.cairn(this.database).migrate();
		TestDatabase.execute(this.database, "CREATE FUNCTION public.frozen() RETURNS trigger LANGUAGE plpgsql AS"
				+ " $$ BEGIN RAISE EXCEPTION 'history is frozen'; END $$",
				"CREATE TRIGGER frozen BEFORE INSERT ON public.cairn_history FOR EACH ROW EXECUTE FUNCTION public.frozen()");
		this.migrations.write("000002_second.up.sql", header + "CREATE TABLE public.second (id int);");
		assertThatThrownBy(this.migrations.cairn(this.database)::migrate)
			.isInstanceOfSatisfying(MigrationFailedException.class,
					(ex) -> assertThat(ex.getMessage()).contains("Cairn could not record").contains("history is frozen")
						.doesNotContain("Fix the file"));
		assertThat(Sql.tableExists(this.database, "public.second")).isFalse();
	}

	// (d) a migration that damages the history table

	@ParameterizedTest
	@ValueSource(strings = { "DELETE FROM public.cairn_history;", "TRUNCATE public.cairn_history;",
			"DROP TABLE public.cairn_history;", "DELETE FROM public.cairn_history WHERE version = '1';",
			"ALTER TABLE public.cairn_history RENAME TO old_history;",
			"UPDATE public.cairn_history SET state = 'applied';",
			"INSERT INTO public.cairn_history (version, description, script, type, state)"
					+ " VALUES ('9', 'fake', 'fake.sql', 'SQL', 'applied');" })
	void aTransactionalMigrationThatDamagesHistoryIsRolledBackAndNamed(String damage) {
		this.migrations.write("000001_first.up.sql", "CREATE TABLE public.first (id int);");
		this.migrations.cairn(this.database).migrate();
		this.migrations.write("000002_damage.up.sql", "CREATE TABLE public.second (id int);\n" + damage);
		assertThatThrownBy(this.migrations.cairn(this.database)::migrate)
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.sqlState()).isEqualTo("CRN02");
				assertThat(ex.getMessage()).contains("000002_damage.up.sql (version 2) changed Cairn's history table")
					.contains("Nothing of it was applied");
			});
		assertThat(Migrations.history(this.database)).containsExactly("1:applied");
		assertThat(Sql.tableExists(this.database, "public.second")).isFalse();
	}

	@Test
	void aMigrationThatOnlyReadsOrAnalyzesHistoryIsAccepted() {
		this.migrations.write("000001_first.up.sql", "CREATE TABLE public.first (id int);");
		this.migrations.cairn(this.database).migrate();
		this.migrations.write("000002_reads.up.sql", "CREATE TABLE public.copy AS SELECT * FROM public.cairn_history;\n"
				+ "ANALYZE;\nCOMMENT ON TABLE public.cairn_history IS 'ours';");
		assertThat(this.migrations.cairn(this.database).migrate().applied()).hasSize(1);
		assertThat(Migrations.history(this.database)).containsExactly("1:applied", "2:applied");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELETE FROM public.cairn_history;", "DROP TABLE public.cairn_history;",
			"TRUNCATE public.cairn_history;", "DELETE FROM public.cairn_history WHERE version = '1';" })
	void aNoTransactionMigrationThatDamagesHistoryStopsTheRunNamingIt(String damage) {
		this.migrations.write("000001_first.up.sql", "CREATE TABLE public.first (id int);");
		this.migrations.cairn(this.database).migrate();
		this.migrations.write("000002_damage.up.sql", "-- cairn:no-transaction\n" + damage)
			.write("000003_after.up.sql", "CREATE TABLE public.third (id int);");
		assertThatThrownBy(this.migrations.cairn(this.database)::migrate)
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.sqlState()).isEqualTo("CRN02");
				assertThat(ex.version()).isEqualTo(Version.parse("2"));
				assertThat(ex.getMessage()).contains("000002_damage.up.sql (version 2) changed Cairn's history table")
					.contains("restore the rows");
			});
		assertThat(Sql.tableExists(this.database, "public.third")).isFalse();
	}

	@Test
	void aPoolOfOneSessionStillRefusesToRecordAfterTheMigrationReleasedTheLock() {
		// The data source hands out one connection: the lock cannot live on a session of its own,
		// but the check in the history write still sees it gone and rolls the migration back.
		this.migrations.write("000001_release.up.sql", "SELECT pg_advisory_unlock_all();\nCREATE TABLE public.t (id int);");
		DataSource one = sharing(this.caller);
		assertThatThrownBy(this.migrations.cairn(one)::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.sqlState()).isEqualTo("CRN01"));
		assertThat(Sql.tableExists(this.database, "public.t")).isFalse();
	}

	private PGSimpleDataSource asRole() {
		PGSimpleDataSource asRole = new PGSimpleDataSource();
		asRole.setUrl(this.database.getUrl());
		asRole.setUser(this.role);
		asRole.setPassword(null);
		return asRole;
	}

	/** A fresh session on the first call (the lock's), the caller's connection on every later one. */
	private DataSource lockSessionThenCaller() {
		AtomicInteger calls = new AtomicInteger();
		DataSource shared = sharing(this.caller);
		return new ConnectionSource() {

			@Override
			public Connection getConnection() throws SQLException {
				return (calls.getAndIncrement() == 0) ? FailureHygieneTests.this.database.getConnection()
						: shared.getConnection();
			}
		};
	}

	/** A DataSource handing out the one connection again and again; closing it does nothing. */
	private static DataSource sharing(Connection connection) {
		return ConnectionSource.sharing(connection);
	}

}
