package dev.cairn.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A migrate run sends its first poll for the lock with its summary of history, in one round
 * trip; the summary counts only when that poll took the lock with no earlier run's session still
 * running, and a batch that fails on the table gives back what the poll may have taken.
 */
class FirstReadTests extends MigrationTest {

	private void twoTables() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("000002_b.up.sql", "CREATE TABLE b (id int);");
	}

	@Test
	void aRestartWithNothingToDoSendsTheLockSessionTwoStatementsTheFirstReadAndTheRelease() {
		twoTables();
		this.migrations.cairn(this.dataSource).migrate();
		Recording recording = new Recording(this.dataSource);
		assertThat(this.migrations.cairn(recording.dataSource()).migrate().isNoOp()).isTrue();
		assertThat(recording.connections()).hasSize(1);
		List<String> sent = recording.connections().get(0).statements();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(0)).startsWith("BEGIN ISOLATION LEVEL READ COMMITTED;")
			.containsSubsequence("pg_try_advisory_lock", "count(*)", "COMMIT");
		assertThat(sent.get(1)).contains("pg_advisory_unlock");
	}

	@Test
	void theFirstRunOnANewDatabaseGivesBackTheLockItsFirstPollTookAndLeavesNoneBehind() throws SQLException {
		twoTables();
		// Sessions kept open after the run, as a pool keeps them: a lock taken twice and released once would stay.
		Recording recording = new Recording(this.dataSource);
		assertThat(this.migrations.cairn(recording.dataSource()).migrate().applied()).hasSize(2);
		for (Recorded connection : recording.connections()) {
			assertThat(connection.advisoryLocksHeld()).isZero();
		}
		recording.close();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void aRunThatWaitedForTheLockSeesWhatTheHolderAppliedUnderASerializableDefault() throws Exception {
		TestDatabase.execute(this.dataSource, "ALTER DATABASE " + this.dataSource.getDatabaseName()
				+ " SET default_transaction_isolation = 'serializable'");
		this.migrations.write("000001_slow.up.sql", "CREATE TABLE a (id int); SELECT pg_sleep(0.6);");
		CountDownLatch taken = new CountDownLatch(1);
		MigrationListener signal = new MigrationListener() {

			@Override
			public void lockAcquired(LockAcquired event) {
				taken.countDown();
			}

		};
		CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(
				() -> new Cairn(this.migrations.configure(this.dataSource).listener(signal).build()).migrate());
		assertThat(taken.await(30, TimeUnit.SECONDS)).as("the first run took the lock").isTrue();
		MigrateResult second = this.migrations.cairn(this.dataSource).migrate();
		assertThat(first.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
		assertThat(second.isNoOp()).isTrue();
		assertThat(second.lockWait()).isPositive();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM cairn_history")).isEqualTo("1");
	}

	@Test
	void aRunWaitingWhileTheHistoryTableIsLockedGivesUpAtTheLockTimeoutNamingTheHolder() {
		twoTables();
		this.migrations.cairn(this.dataSource).migrate();
		try (HeldLock lock = holdTheMigrationLock();
				HeldLock table = HeldLock.table(this.dataSource, "public.cairn_history")) {
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> cairn(Duration.ofSeconds(1)).migrate())
				.withMessageContaining(String.valueOf(table.pid()));
		}
		assertThat(this.migrations.cairn(this.dataSource).migrate().isNoOp()).isTrue();
	}

	@Test
	void theFirstReadsWaitForTheHistoryTableCountsAgainstTheLockTimeout() throws Exception {
		twoTables();
		this.migrations.cairn(this.dataSource).migrate();
		List<MigrationListener.LockWaiting> waits = new CopyOnWriteArrayList<>();
		MigrationListener recorder = new MigrationListener() {

			@Override
			public void lockWaiting(LockWaiting event) {
				waits.add(event);
			}

		};
		try (HeldLock lock = holdTheMigrationLock()) {
			HeldLock table = HeldLock.table(this.dataSource, "public.cairn_history");
			CompletableFuture<Void> run = CompletableFuture.runAsync(() -> assertThatExceptionOfType(
					LockTimeoutException.class)
				.isThrownBy(() -> new Cairn(this.migrations.configure(this.dataSource)
					.lockTimeout(Duration.ofSeconds(3))
					.listener(recorder)
					.build()).migrate())
				.withMessageContaining("could not take the migration lock", String.valueOf(lock.pid())));
			awaitWaitingFor("cairn_history");
			// The first read waits for the table at least this long: the first report of waiting for the lock includes it.
			Thread.sleep(400);
			table.close();
			run.get(30, TimeUnit.SECONDS);
		}
		assertThat(waits).isNotEmpty();
		assertThat(waits.get(0).waited()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	private Cairn cairn(Duration lockTimeout) {
		return new Cairn(this.migrations.configure(this.dataSource).lockTimeout(lockTimeout).build());
	}

	private HeldLock holdTheMigrationLock() {
		return HeldLock.advisory(this.dataSource, 0x43414952, AdvisoryLock.objectId("\"public\".\"cairn_history\""));
	}

	/** Waits until some session waits for a lock on the named table. */
	private void awaitWaitingFor(String table) throws InterruptedException {
		String waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'public." + table
				+ "'::regclass";
		for (int polls = 0; Sql.value(this.dataSource, waiting).equals("0"); polls++) {
			assertThat(polls).as("a session waits for " + table).isLessThan(3000);
			Thread.sleep(10);
		}
	}

	/** A DataSource that records what each connection it hands out is sent, and keeps them open until closed. */
	private static final class Recording implements AutoCloseable {

		private final DataSource target;

		private final List<Recorded> connections = new CopyOnWriteArrayList<>();

		Recording(DataSource target) {
			this.target = target;
		}

		DataSource dataSource() {
			return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
					(proxy, method, args) -> {
						if (method.getName().equals("getConnection")) {
							Recorded recorded = new Recorded(this.target.getConnection());
							this.connections.add(recorded);
							return recorded.proxy();
						}
						return invoke(this.target, method, args);
					});
		}

		List<Recorded> connections() {
			return this.connections;
		}

		@Override
		public void close() throws SQLException {
			for (Recorded connection : this.connections) {
				connection.connection.close();
			}
		}

	}

	/** One connection: the SQL sent on it, in order; close() does not close it. */
	private static final class Recorded {

		private final Connection connection;

		private final List<String> statements = new ArrayList<>();

		Recorded(Connection connection) {
			this.connection = connection;
		}

		List<String> statements() {
			return this.statements;
		}

		int advisoryLocksHeld() throws SQLException {
			try (Statement statement = this.connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
							+ " AND pid = pg_backend_pid()")) {
				result.next();
				return result.getInt(1);
			}
		}

		Connection proxy() {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "close":
								return null;
							case "isClosed":
								return false;
							case "prepareStatement": {
								String sql = (String) args[0];
								PreparedStatement prepared = (PreparedStatement) invoke(this.connection, method, args);
								return statement(PreparedStatement.class, prepared, sql);
							}
							case "createStatement":
								return statement(Statement.class, (Statement) invoke(this.connection, method, args), null);
							default:
								return invoke(this.connection, method, args);
						}
					});
		}

		private <T extends Statement> T statement(Class<T> type, T target, String prepared) {
			InvocationHandler handler = (proxy, method, args) -> {
				if (method.getName().startsWith("execute")) {
					synchronized (this.statements) {
						this.statements.add((prepared != null) ? prepared
								: (args != null && args.length > 0) ? String.valueOf(args[0]) : method.getName());
					}
				}
				return invoke(target, method, args);
			};
			return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler));
		}

	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
