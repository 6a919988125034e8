package dev.cairn.core.faults;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.StatusReport;
import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Another session holds a lock on the history table (an open transaction after LOCK TABLE,
 * TRUNCATE or ALTER TABLE): migrate gives up within the lock timeout, status and validate at
 * once, and each names the session in the way without its query text. The timeout only guards
 * the build against a hang.
 */
@Timeout(120)
class HeldHistoryLockTests {

	private static final String HISTORY = "public.cairn_history";

	@TempDir
	Path folder;

	private Cairn cairn(PGSimpleDataSource dataSource, Duration lockTimeout) {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.lockTimeout(lockTimeout)
			.build());
	}

	/** A database migrated to version 1, with version 2 pending. */
	private PGSimpleDataSource migratedWithOnePending() {
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		cairn(dataSource, Duration.ofSeconds(5)).migrate();
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);");
		return dataSource;
	}

	private static HeldLock held(PGSimpleDataSource dataSource, HeldLock.Mode mode) {
		// The statement text must never reach a message: it can carry a password.
		return HeldLock.table(dataSource, HISTORY, mode)
			.execute("SET application_name = 'ops-console'", "SELECT 'ALTER ROLE app PASSWORD ''s3cret''' AS note");
	}

	private static void assertNamesTheBlocker(Throwable failure, HeldLock lock, String mode) {
		assertThat(failure).isInstanceOfSatisfying(LockTimeoutException.class, (ex) -> {
			assertThat(ex.holder()).isNotNull();
			assertThat(ex.holder().pid()).isEqualTo(lock.pid());
			assertThat(ex.getMessage()).contains("history table \"public\".\"cairn_history\"",
					"pid " + lock.pid() + " (application 'ops-console')", "holds " + mode + " on it",
					"idle in transaction", "Cairn changed nothing", "pg_terminate_backend(" + lock.pid() + ")")
				.doesNotContain("s3cret");
		});
	}

	@Test
	void migrateGivesUpWithinTheLockTimeoutAndNamesTheSessionHoldingTheTable() {
		PGSimpleDataSource dataSource = migratedWithOnePending();
		try (HeldLock lock = held(dataSource, HeldLock.Mode.ACCESS_EXCLUSIVE)) {
			Throwable failure = catchThrowable(cairn(dataSource, Duration.ofSeconds(1))::migrate);
			assertNamesTheBlocker(failure, lock, "AccessExclusiveLock");
			assertThat(failure.getMessage()).contains("within the lock timeout (PT1S)");
		}
		assertThat(Faults.history(dataSource)).containsExactly("1:applied");
		assertThat(cairn(dataSource, Duration.ofSeconds(1)).migrate().applied()).hasSize(1);
	}

	@Test
	void migrateWithALockTimeoutOfZeroDoesNotWaitForTheTable() {
		PGSimpleDataSource dataSource = migratedWithOnePending();
		try (HeldLock lock = held(dataSource, HeldLock.Mode.ACCESS_EXCLUSIVE)) {
			assertNamesTheBlocker(catchThrowable(cairn(dataSource, Duration.ZERO)::migrate), lock, "AccessExclusiveLock");
		}
		assertThat(Faults.history(dataSource)).containsExactly("1:applied");
	}

	@Test
	void statusAndValidateAnswerAtOnceEvenWithALongLockTimeout() {
		PGSimpleDataSource dataSource = migratedWithOnePending();
		// Five minutes would hang a health check; status and validate never wait that long.
		Cairn cairn = cairn(dataSource, Duration.ofMinutes(5));
		try (HeldLock lock = held(dataSource, HeldLock.Mode.ACCESS_EXCLUSIVE)) {
			for (Throwable failure : new Throwable[] { catchThrowable(cairn::status), catchThrowable(cairn::validate) }) {
				assertNamesTheBlocker(failure, lock, "AccessExclusiveLock");
				assertThat(failure.getMessage()).contains("within PT1S (status and validate never wait longer)");
			}
		}
		StatusReport status = cairn.status();
		assertThat(status.pendingCount()).isEqualTo(1);
	}

	@Test
	void aLockThatLetsReadersThroughButNotWritersStopsTheMigrationBeforeItsHistoryRowAndNothingIsApplied() {
		PGSimpleDataSource dataSource = migratedWithOnePending();
		for (HeldLock.Mode mode : new HeldLock.Mode[] { HeldLock.Mode.SHARE, HeldLock.Mode.EXCLUSIVE }) {
			try (HeldLock lock = held(dataSource, mode)) {
				Throwable failure = catchThrowable(cairn(dataSource, Duration.ofSeconds(1))::migrate);
				assertThat(failure).isInstanceOf(CairnException.class);
				assertThat(failure.getMessage()).contains("2_b.up.sql",
						"Could not write history table \"public\".\"cairn_history\" within PT1S",
						"pid " + lock.pid() + " (application 'ops-console') holds " + mode.name().charAt(0)
								+ mode.name().substring(1).toLowerCase(java.util.Locale.ROOT).replace("_", "") + "Lock on it")
					.doesNotContain("s3cret");
			}
			assertThat(Faults.history(dataSource)).containsExactly("1:applied");
			assertThat(Sql.tableExists(dataSource, "public.b")).isFalse();
		}
		assertThat(cairn(dataSource, Duration.ofSeconds(1)).migrate().applied()).hasSize(1);
	}

	@Test
	void locksThatLetReadersThroughDoNotStopStatus() {
		PGSimpleDataSource dataSource = migratedWithOnePending();
		try (HeldLock lock = held(dataSource, HeldLock.Mode.EXCLUSIVE)) {
			assertThat(cairn(dataSource, Duration.ofSeconds(1)).status().pendingCount()).isEqualTo(1);
		}
	}

}
