package dev.cairn.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No SQL a migration contains releases the migration lock: the lock lives on a session no
 * migration runs on. Each migration here tries to release it, then waits at a gate (a table
 * the test holds locked) while a second engine races for the lock; the second must time out,
 * the first must finish. Ending the lock session from outside is caught before anything is
 * written.
 */
class LockGuardTests {

	/** pg_locks shows every database's locks; other tests run on the same server. */
	private static final String IN_THIS_DATABASE = " AND database = (SELECT oid FROM pg_database"
			+ " WHERE datname = current_database())";

	/** Cairn's lock, as {@code pg_locks} shows it while granted. */
	private static final String CAIRN_LOCK = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'" + IN_THIS_DATABASE + " AND granted"
			+ " AND classid = 1128352082::oid";

	private static final String RELEASE_WITH_CAIRNS_KEYS = "SELECT pg_advisory_unlock(classid::bigint::int,"
			+ " objid::bigint::int) FROM pg_locks WHERE locktype = 'advisory'" + IN_THIS_DATABASE + " AND classid = 1128352082::oid;";

	@TempDir
	Path folder;

	private Migrations migrations;

	private PGSimpleDataSource database;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@BeforeEach
	void setUp() {
		this.migrations = new Migrations(this.folder);
		this.database = TestDatabase.createDatabase();
		TestDatabase.execute(this.database, "CREATE TABLE public.gate (id int)");
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- cairn:no-transaction\nDISCARD ALL;", "-- cairn:no-transaction\nSELECT pg_advisory_unlock_all();",
			"SELECT pg_advisory_unlock_all();", RELEASE_WITH_CAIRNS_KEYS,
			"-- cairn:no-transaction\n" + RELEASE_WITH_CAIRNS_KEYS,
			"DO $$ BEGIN EXECUTE 'SELECT pg_advisory_unlock_all()'; END $$;" })
	void aMigrationCannotReleaseTheLockWhileItRuns(String release) throws Exception {
		this.migrations.write("000001_release.up.sql",
				release + "\nDELETE FROM public.gate;\nCREATE TABLE public.done (id int);");
		Future<MigrateResult> first;
		try (HeldLock gate = HeldLock.table(this.database, "public.gate")) {
			first = this.executor.submit(() -> this.migrations.cairn(this.database).migrate());
			awaitWaitingAtTheGate();
			assertThat(Sql.value(this.database, CAIRN_LOCK)).isEqualTo("1");
			Cairn second = new Cairn(this.migrations.configure(this.database).lockTimeout(Duration.ofMillis(200)).build());
			assertThatThrownBy(second::migrate).isInstanceOf(LockTimeoutException.class);
		}
		assertThat(first.get().applied()).hasSize(1);
		assertThat(Migrations.history(this.database)).containsExactly("1:applied");
		assertThat(Sql.value(this.database, CAIRN_LOCK)).isEqualTo("0");
	}

	@Test
	void aTransactionalMigrationWhoseLockSessionIsEndedIsRolledBackWithItsHistoryRow() throws Exception {
		this.migrations.write("000001_gated.up.sql", "DELETE FROM public.gate;\nCREATE TABLE public.done (id int);");
		Future<MigrateResult> first;
		try (HeldLock gate = HeldLock.table(this.database, "public.gate")) {
			first = this.executor.submit(() -> this.migrations.cairn(this.database).migrate());
			awaitWaitingAtTheGate();
			endTheLockSession();
		}
		assertThatThrownBy(first::get).cause()
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.sqlState()).isEqualTo("CRN01");
				assertThat(ex.getMessage()).contains("the migration lock was lost while it ran")
					.contains("Nothing of it was applied")
					.doesNotContain("Fix the file");
			});
		assertThat(Sql.tableExists(this.database, "public.done")).isFalse();
		assertThat(Migrations.history(this.database)).isEmpty();
		assertThat(this.migrations.cairn(this.database).migrate().applied()).hasSize(1);
	}

	@Test
	void aNonTransactionalMigrationWhoseLockSessionIsEndedIsNotRecordedAsApplied() throws Exception {
		this.migrations.write("000001_gated.up.sql",
				"-- cairn:no-transaction\nDELETE FROM public.gate;\nCREATE TABLE public.done (id int);");
		Future<MigrateResult> first;
		try (HeldLock gate = HeldLock.table(this.database, "public.gate")) {
			first = this.executor.submit(() -> this.migrations.cairn(this.database).migrate());
			awaitWaitingAtTheGate();
			endTheLockSession();
		}
		assertThatThrownBy(first::get).cause()
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.sqlState()).isEqualTo("CRN01");
				assertThat(ex.getMessage()).contains("ran all its statements, but Cairn could not record that");
			});
		// Its statements ran; history says so honestly: started, never finished.
		assertThat(Migrations.history(this.database)).containsExactly("1:in_progress");
	}

	/**
	 * A process killed while the server still runs its migration's statement loses its lock at
	 * once, but not that statement: its migration session still holds the guard. The next run
	 * takes the lock and then waits for that session before it reads history or applies anything.
	 */
	@Test
	void aNewRunWaitsForTheMigrationSessionOfAKilledRunBeforeReadingHistory() throws Exception {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE public.done (id int);");
		int objectId = dev.cairn.core.internal.lock.AdvisoryLock.objectId("\"public\".\"cairn_history\"");
		Future<MigrateResult> run;
		try (java.sql.Connection orphan = this.database.getConnection();
				java.sql.Statement statement = orphan.createStatement()) {
			// What a killed run's migration session holds while the server still runs its statement.
			statement.execute("SELECT pg_advisory_lock_shared(" + 0x43414957 + ", " + objectId + ")");
			Cairn impatient = new Cairn(this.migrations.configure(this.database).lockTimeout(Duration.ZERO).build());
			assertThatThrownBy(impatient::migrate).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("the migration session of an earlier run (pid "
						+ orphan.unwrap(org.postgresql.PGConnection.class).getBackendPID() + ")")
				.hasMessageContaining("nothing was changed");
			assertThat(Sql.tableExists(this.database, "public.cairn_history")).isFalse();
			assertThat(Sql.value(this.database, CAIRN_LOCK)).isEqualTo("0");
			run = this.executor.submit(() -> this.migrations.cairn(this.database).migrate());
			// Waiting: it holds the lock, and has not applied anything while the orphan lives.
			for (int i = 0; i < 2000 && Sql.value(this.database, CAIRN_LOCK).equals("0"); i++) {
				Thread.sleep(10);
			}
			assertThat(Sql.value(this.database, CAIRN_LOCK)).isEqualTo("1");
			Thread.sleep(200);
			assertThat(run).isNotDone();
			assertThat(Sql.tableExists(this.database, "public.done")).isFalse();
		}
		assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS).applied()).hasSize(1);
		// The run gave its migration session back without the guard.
		assertThat(Sql.value(this.database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ IN_THIS_DATABASE + " AND classid = 1128352087::oid")).isEqualTo("0");
	}

	/** Waits (bounded) until a session of the engine waits for the gate's table lock. */
	private void awaitWaitingAtTheGate() throws InterruptedException {
		for (int i = 0; i < 2000; i++) {
			if (!Sql.value(this.database, "SELECT count(*) FROM pg_locks WHERE NOT granted"
					+ " AND relation = 'public.gate'::regclass").equals("0")) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The migration never reached the gate");
	}

	/**
	 * Ends the session holding Cairn's lock and waits (bounded) until its backend is gone: until
	 * then the lock is really still held, and the check rightly passes.
	 */
	private void endTheLockSession() throws InterruptedException {
		String pid = Sql.value(this.database, "SELECT pid FROM pg_locks WHERE locktype = 'advisory'" + IN_THIS_DATABASE
				+ " AND granted AND classid = 1128352082::oid");
		assertThat(Sql.value(this.database, "SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
		for (int i = 0; i < 2000; i++) {
			if (Sql.value(this.database, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid).equals("0")) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The lock session's backend never ended");
	}

}
