package dev.cairn.core.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The migration connection dies under a run, and the lock holder dies while others wait.
 */
class ConnectionFaultTests {

	@TempDir
	Path folder;

	@TempDir
	Path logs;

	private Cairn cairn(PGSimpleDataSource dataSource) {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.lockTimeout(Duration.ofSeconds(60))
			.build());
	}

	/** The pid of the backend running a statement that contains {@code marker}, once it runs. */
	private static int backendRunning(PGSimpleDataSource dataSource, String marker) throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			List<String> pids = Sql.column(dataSource, "SELECT pid FROM pg_stat_activity WHERE query LIKE '%"
					+ marker + "%' AND pid <> pg_backend_pid() AND state = 'active'");
			if (!pids.isEmpty()) {
				return Integer.parseInt(pids.get(0));
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("no backend ran " + marker);
	}

	@Test
	void terminatedConnectionFailsTheRunClearlyLeavesNothingHalfAppliedAndTheNextRunSucceeds() throws Exception {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(30) /* victim */;\n"
				+ "CREATE TABLE b2 (id int);");
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> catchThrowable(cairn(dataSource)::migrate));
		int pid = backendRunning(dataSource, "victim");
		Sql.column(dataSource, "SELECT pg_terminate_backend(" + pid + ")");
		Throwable failure = run.get(60, TimeUnit.SECONDS);
		assertThat(failure).isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
			assertThat(ex.getMessage()).contains("2_b.up.sql", "connection to the database was lost",
					"Nothing of this migration was applied");
			assertThat(ex.sqlState()).isNotNull();
		});
		assertThat(Faults.history(dataSource)).containsExactly("1:applied");
		assertThat(Sql.column(dataSource, "SELECT to_regclass('public.b')")).containsExactly((String) null);
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(0.1);\n"
				+ "CREATE TABLE b2 (id int);");
		MigrateResult next = cairn(dataSource).migrate();
		assertThat(next.applied()).hasSize(1);
	}

	@Test
	void waiterTakesOverWhenTheLockHolderIsKilled() throws Exception {
		// Long enough for the waiter's JVM to start on a loaded machine (3 s was not, under a full build);
		// the waiter then waits for the killed holder's sleeping backend to end, at most this long.
		Faults.write(this.folder, "1_slow.up.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(15) /* holder */;");
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);");
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		String url = TestDatabase.urlFor(dataSource.getDatabaseName());
		Child holder = Child.start(url, this.folder, 60_000, RecoveryPolicy.FAIL, this.logs.resolve("holder.log"));
		backendRunning(dataSource, "holder");
		// The lock lives on a session of its own, not on the one running the migration.
		String holderPid = Sql.value(dataSource, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
				+ " AND classid = 1128352082::oid AND database = (SELECT oid FROM pg_database"
				+ " WHERE datname = current_database())");
		Child waiter = Child.start(url, this.folder, 60_000, RecoveryPolicy.FAIL, this.logs.resolve("waiter.log"));
		// The waiter reports waiting for the lock and names the holder's session before the holder dies.
		assertThat(waiter.awaitLine("event lockWaiting", 60)).isEqualTo("event lockWaiting holder " + holderPid);
		assertThat(waiter.lines()).doesNotContain("event lockAcquired");
		holder.kill();
		assertThat(waiter.waitFor(120)).as(waiter.output()).isZero();
		assertThat(waiter.output()).containsPattern("applied [12]").contains("event lockAcquired");
		assertThat(Faults.history(dataSource)).containsExactly("1:applied", "2:applied");
	}

}
