package dev.cairn.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration statements run with a lock timeout, and a migration that timed out on a lock is
 * rolled back and tried again; the lock is held by a second session of the test, as an
 * application's long transaction would hold it.
 */
class LockWaitTests extends MigrationTest {

	private final List<MigrationListener.LockTimedOut> timeouts = new CopyOnWriteArrayList<>();

	private final List<MigrationListener.StatementWaiting> waits = new CopyOnWriteArrayList<>();

	private final AtomicReference<HeldLock> releaseOnFirstTimeout = new AtomicReference<>();

	private final MigrationListener recorder = new MigrationListener() {

		@Override
		public void lockTimedOut(LockTimedOut event) {
			LockWaitTests.this.timeouts.add(event);
			HeldLock held = LockWaitTests.this.releaseOnFirstTimeout.getAndSet(null);
			if (held != null) {
				held.close();
			}
		}

		@Override
		public void statementWaiting(StatementWaiting event) {
			LockWaitTests.this.waits.add(event);
		}

	};

	@BeforeEach
	void createTable() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE public.orders (id int PRIMARY KEY, total int)",
				"INSERT INTO public.orders SELECT g, g FROM generate_series(1, 100) g");
	}

	private Cairn cairn(Duration lockTimeout, int attempts) {
		return new Cairn(this.migrations.configure(this.dataSource)
			.statementLockTimeout(lockTimeout)
			.lockRetryAttempts(attempts)
			.lockRetryBackoff(Duration.ofMillis(10))
			.listener(this.recorder)
			.build());
	}

	@Test
	void aMigrationBehindALongTransactionGivesUpAfterEveryAttemptAndLeavesNothing() {
		this.migrations.write("V1__add_column.sql", "ALTER TABLE public.orders ADD COLUMN note text;");
		try (HeldLock held = HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE)) {
			assertThatThrownBy(() -> cairn(Duration.ofMillis(200), 3).migrate())
				.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
					assertThat(ex.sqlState()).isEqualTo("55P03");
					assertThat(ex.getMessage()).contains("V1__add_column.sql", "Nothing of this migration was applied",
							"It waited 200 ms for a lock (lock_timeout) in each of 3 attempts",
							"cairn.lock-wait.lock-timeout")
						.doesNotContain("Fix the file");
				});
		}
		assertThat(this.timeouts).extracting(MigrationListener.LockTimedOut::attempt).containsExactly(1, 2, 3);
		assertThat(this.timeouts).extracting(MigrationListener.LockTimedOut::willRetry).containsExactly(true, true,
				false);
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM public.cairn_history")).isEqualTo("0");
		assertThat(Sql.column(this.dataSource, "SELECT column_name FROM information_schema.columns"
				+ " WHERE table_name = 'orders' ORDER BY ordinal_position")).containsExactly("id", "total");
	}

	@Test
	void aMigrationIsAppliedOnTheAttemptAfterTheBlockingTransactionEnds() {
		this.migrations.write("V1__add_column.sql", "ALTER TABLE public.orders ADD COLUMN note text;");
		this.releaseOnFirstTimeout.set(HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE));
		MigrateResult result = cairn(Duration.ofMillis(200), 3).migrate();
		assertThat(result.applied()).hasSize(1);
		assertThat(this.timeouts).singleElement().satisfies((event) -> {
			assertThat(event.attempt()).isEqualTo(1);
			assertThat(event.retryIn()).isEqualTo(Duration.ofMillis(10));
		});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void whileItWaitsTheWaitNamesTheTableTheModeAndTheBlockingSessionWithoutItsConstants() {
		this.migrations.write("V1__add_column.sql", "ALTER TABLE public.orders ADD COLUMN note text;");
		try (HeldLock held = HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE)) {
			held.execute("SET application_name = 'orders-api'",
					"SELECT 'hunter2' AS password FROM public.orders WHERE total > 1");
			assertThatThrownBy(() -> cairn(Duration.ofMillis(2500), 1).migrate())
				.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.getMessage())
					.contains("it waited for AccessExclusiveLock on orders behind pid " + held.pid(), "orders-api",
							"pg_terminate_backend(" + held.pid() + ")")
					.doesNotContain("hunter2"));
			assertThat(this.waits).isNotEmpty().allSatisfy((event) -> {
				assertThat(event.version()).isEqualTo(Version.parse("1"));
				assertThat(event.blockedOn().lock()).isEqualTo("orders");
				assertThat(event.blockedOn().mode()).isEqualTo("AccessExclusiveLock");
				assertThat(event.blockedOn().blockers()).singleElement().satisfies((blocker) -> {
					assertThat(blocker.pid()).isEqualTo(held.pid());
					assertThat(blocker.applicationName()).isEqualTo("orders-api");
					assertThat(blocker.statement()).isEqualTo("SELECT");
					assertThat(blocker.queryStart()).isNotNull();
				});
			});
			assertThat(this.timeouts).singleElement()
				.satisfies((event) -> assertThat(event.blockedOn()).isEqualTo(this.waits.get(this.waits.size() - 1)
					.blockedOn()));
		}
	}

	@Test
	void aFileLockTimeoutWinsOverTheTracksAndItsOwnSetWinsWithinItAndNeitherLeaksIntoTheNext() {
		this.migrations.write("V1__own_set.sql", "SET lock_timeout = '123ms';\n"
				+ "CREATE TABLE public.seen1 AS SELECT current_setting('lock_timeout') AS value;")
			.write("V2__directive.sql", "-- cairn:lock-timeout 7s\n-- cairn:statement-timeout 1min\n"
					+ "CREATE TABLE public.seen2 AS SELECT current_setting('lock_timeout') AS value,"
					+ " current_setting('statement_timeout') AS statement;")
			.write("V3__track.sql", "CREATE TABLE public.seen3 AS SELECT current_setting('lock_timeout') AS value,"
					+ " current_setting('statement_timeout') AS statement;")
			.write("V4__no_transaction.sql", "-- cairn:no-transaction\n-- cairn:lock-timeout 0\n"
					+ "CREATE TABLE public.seen4 AS SELECT current_setting('lock_timeout') AS value;\n"
					+ "SET lock_timeout = '9s';\n")
			.write("V5__after.sql", "CREATE TABLE public.seen5 AS SELECT current_setting('lock_timeout') AS value;");
		cairn(Duration.ofSeconds(3), 1).migrate();
		assertThat(Sql.value(this.dataSource, "SELECT value FROM public.seen1")).isEqualTo("123ms");
		assertThat(Sql.value(this.dataSource, "SELECT value || ' ' || statement FROM public.seen2")).isEqualTo("7s 1min");
		assertThat(Sql.value(this.dataSource, "SELECT value || ' ' || statement FROM public.seen3")).isEqualTo("3s 0");
		assertThat(Sql.value(this.dataSource, "SELECT value FROM public.seen4")).isEqualTo("0");
		assertThat(Sql.value(this.dataSource, "SELECT value FROM public.seen5")).isEqualTo("3s");
	}

	@Test
	void aFileOwnSetLockTimeoutIsWhatItWaitsWith() {
		this.migrations.write("V1__add_column.sql", "SET lock_timeout = '100ms';\n"
				+ "ALTER TABLE public.orders ADD COLUMN note text;");
		try (HeldLock held = HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE)) {
			// The track would wait forever; the file's own SET makes it give up.
			assertThatThrownBy(() -> cairn(Duration.ZERO, 1).migrate())
				.isInstanceOfSatisfying(MigrationFailedException.class,
						(ex) -> assertThat(ex.sqlState()).isEqualTo("55P03"));
		}
	}

	@Test
	void aConcurrentIndexBuildThatTimedOutIsTriedAgainAfterItsInvalidIndexIsDropped() {
		this.migrations.write("V1__index.sql", "-- cairn:no-transaction\n"
				+ "CREATE INDEX CONCURRENTLY orders_total ON public.orders (total);");
		// A writer's open transaction: the build waits for it to end after creating its (invalid) index.
		this.releaseOnFirstTimeout.set(HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ROW_EXCLUSIVE));
		MigrateResult result = cairn(Duration.ofMillis(300), 3).migrate();
		assertThat(result.applied()).hasSize(1);
		assertThat(this.timeouts).hasSize(1);
		assertThat(Sql.column(this.dataSource, "SELECT c.relname || ':' || i.indisvalid FROM pg_index i"
				+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'public.orders'::regclass"
				+ " AND c.relname <> 'orders_pkey'")).containsExactly("orders_total:true");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void aFileWithoutTransactionWhoseLaterStatementTimedOutIsNotTriedAgain() {
		this.migrations.write("V1__two.sql", "-- cairn:no-transaction\n"
				+ "CREATE TABLE public.first (id int);\n"
				+ "ALTER TABLE public.orders ADD COLUMN note text;");
		try (HeldLock held = HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE)) {
			assertThatThrownBy(() -> cairn(Duration.ofMillis(200), 3).migrate())
				.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.getMessage())
					.contains("1 statement before it took effect", "so it was not tried again", "marks version 1 as failed"));
		}
		assertThat(this.timeouts).singleElement().satisfies((event) -> assertThat(event.willRetry()).isFalse());
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:failed");
	}

	@Test
	void aFileWithoutTransactionWhoseFirstStatementTimedOutIsTriedAgain() {
		this.migrations.write("V1__two.sql", "-- cairn:no-transaction\n"
				+ "ALTER TABLE public.orders ADD COLUMN note text;\n"
				+ "CREATE TABLE public.second (id int);");
		this.releaseOnFirstTimeout.set(HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE));
		cairn(Duration.ofMillis(200), 2).migrate();
		assertThat(this.timeouts).hasSize(1);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void aDownFileIsTriedAgainTooAndItsVersionStaysAppliedWhenItNeverGetsTheLock() {
		this.migrations.write("000001_add_column.up.sql", "ALTER TABLE public.orders ADD COLUMN note text;")
			.write("000001_add_column.down.sql", "ALTER TABLE public.orders DROP COLUMN note;");
		cairn(Duration.ofMillis(200), 2).migrate();
		try (HeldLock held = HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE)) {
			assertThatThrownBy(() -> cairn(Duration.ofMillis(200), 2).rollback(1))
				.isInstanceOfSatisfying(MigrationFailedException.class,
						(ex) -> assertThat(ex.getMessage()).contains("in each of 2 attempts", "version 1 stays applied"));
		}
		assertThat(this.timeouts).extracting(MigrationListener.LockTimedOut::willRetry).containsExactly(true, false);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		this.releaseOnFirstTimeout.set(HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE));
		assertThat(cairn(Duration.ofMillis(200), 2).rollback(1).undone()).hasSize(1);
		assertThat(Migrations.history(this.dataSource)).isEmpty();
	}

}
