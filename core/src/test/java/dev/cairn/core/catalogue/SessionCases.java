package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations that reach for what guards them: the migration lock, their session's state, the
 * history table; and a migration user that may not write history.
 */
abstract class SessionCases extends CatalogueCases {

	private static final String FIRST = "000001_a.up.sql";

	private static final String RECORD = "CREATE TABLE seen AS SELECT current_user::text AS who,"
			+ " current_setting('search_path') AS path;";

	private void applied() {
		write(FIRST, "CREATE TABLE a (id int);");
		cairn().migrate();
	}

	@Test
	void releasingTheLockFromAMigrationReleasesNothing() {
		write(FIRST, "SELECT pg_advisory_unlock_all();\nCREATE TABLE a (id int);");
		accepted("session-01", "`SELECT pg_advisory_unlock_all();` in a migration", "accepted; the lock is held on a"
				+ " session no migration runs on, so it stays held", () -> cairn().migrate());
		assertThat(history()).containsExactly("1 applied " + FIRST);
	}

	@Test
	void discardAllInANoTransactionFileReleasesNothingAndIsUndone() {
		write(FIRST, "-- cairn:no-transaction\nSET search_path = nowhere;\nDISCARD ALL;");
		write("000002_record.up.sql", RECORD);
		accepted("session-02", "`DISCARD ALL` in a `-- cairn:no-transaction` file", "accepted; the lock stays held,"
				+ " the next migration sees the session as before", () -> cairn().migrate());
		assertThat(Sql.value(database(), "SELECT path FROM seen")).isEqualTo("\"$user\", public");
	}

	@Test
	void aSettingChangedInsideADoBlockIsUndone() {
		write(FIRST, "DO $$ BEGIN EXECUTE 'SET search_path = pg_temp'; END $$;");
		write("000002_record.up.sql", RECORD);
		accepted("session-03", "`EXECUTE 'SET search_path = ...'` inside a `DO` block", "accepted; undone before"
				+ " the next migration and the caller", () -> cairn().migrate());
		assertThat(Sql.value(database(), "SELECT path FROM seen")).isEqualTo("\"$user\", public");
	}

	@Test
	void aOneMillisecondStatementTimeoutSetByAMigrationDoesNotReachCairnsOwnWork() {
		// Last in the file: a batch keeps PostgreSQL's statement timer running from the statement after the SET,
		// so statements of the file after it would share the 1 ms with Cairn's first one.
		write(FIRST, "CREATE TABLE a (id int);\nSET statement_timeout = '1ms';");
		write("000002_record.up.sql", "CREATE TABLE seen_timeout AS SELECT current_setting('statement_timeout') AS t;");
		accepted("session-08", "`SET statement_timeout = '1ms'` in a migration", "accepted; Cairn's check and history"
				+ " write do not run under it, the next migration sees the session's own timeout",
				() -> cairn().migrate());
		assertThat(Sql.value(database(), "SELECT t FROM seen_timeout")).isEqualTo("0");
	}

	@Test
	void deletingHistoryInAMigrationIsRefused() {
		applied();
		write("000002_b.up.sql", "CREATE TABLE b (id int);\nDELETE FROM public.cairn_history;");
		CairnException ex = refused("session-04", "`000002_b.up.sql` deletes every row of `cairn_history`",
				() -> cairn().migrate());
		assertThat(ex).isInstanceOf(MigrationFailedException.class);
		assertThat(ex.getMessage()).contains("000002_b.up.sql (version 2) changed Cairn's history table", "Nothing of it was applied");
	}

	@Test
	void droppingHistoryInAMigrationIsRefused() {
		applied();
		write("000002_b.up.sql", "DROP TABLE public.cairn_history;");
		CairnException ex = refused("session-05", "`000002_b.up.sql` drops `cairn_history`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("was dropped, renamed or replaced", "000002_b.up.sql (version 2) changed Cairn's history table");
	}

	@Test
	void aUserThatMayOnlyReadHistoryIsToldBeforeAnythingRuns() {
		applied();
		String role = createRole("reader");
		TestDatabase.execute(database(), "GRANT SELECT ON public.cairn_history TO " + role,
				"GRANT CREATE ON SCHEMA public TO " + role);
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("session-06", "a migration user with only SELECT on `cairn_history`",
				() -> cairn(connectAs(role)).migrate());
		assertThat(ex.getMessage()).contains("may not INSERT, UPDATE, DELETE", "Nothing was run");
	}

	@Test
	void aHistoryWriteTheServerRefusesIsReportedAsCairns() {
		applied();
		TestDatabase.execute(database(), "CREATE FUNCTION frozen() RETURNS trigger LANGUAGE plpgsql AS"
				+ " $$ BEGIN RAISE EXCEPTION 'history is frozen'; END $$",
				"CREATE TRIGGER frozen BEFORE INSERT ON public.cairn_history FOR EACH ROW EXECUTE FUNCTION frozen()");
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("session-07", "a trigger on `cairn_history` that refuses inserts",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("Cairn could not record it", "history is frozen").doesNotContain("Fix the file");
	}

	@Test
	void aSerializableDefaultIsolationReadsHistoryAsTheLockHolderLeftIt() {
		TestDatabase.execute(database(), "ALTER DATABASE " + database().getDatabaseName()
				+ " SET default_transaction_isolation = 'serializable'");
		write(FIRST, "CREATE TABLE a (id int);");
		accepted("session-09", "the database's `default_transaction_isolation` is `serializable` (or `repeatable"
				+ " read`)", "accepted; Cairn reads history in `READ COMMITTED` statements that start after it holds"
						+ " the lock, so a run that waited for another instance sees what that one applied (FirstReadTests)",
				() -> cairn().migrate());
		assertThat(cairn().migrate().isNoOp()).isTrue();
		assertThat(history()).containsExactly("1 applied " + FIRST);
	}

	private dev.cairn.core.Cairn cairn(javax.sql.DataSource dataSource) {
		return new dev.cairn.core.Cairn(configure(dataSource).build());
	}

}
