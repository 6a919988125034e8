package dev.cairn.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.CairnRunTrackerAccess;
import dev.cairn.core.AppliedMigration;
import dev.cairn.core.BlockingSession;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockHolder;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;
import dev.cairn.core.Problem;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationsHealthIndicator}.
 */
class MigrationsHealthIndicatorTests {

	private final CairnRunTracker tracker = new CairnRunTracker();

	private final MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(List.of("default"), this.tracker);

	@Test
	void isUnknownBeforeTheFirstRun() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(track(health)).containsEntry("state", "not run yet");
	}

	@Test
	void isOutOfServiceWhileMigrating() {
		start();
		this.tracker.planned(new MigrationListener.Planned("default", 1, 0));
		this.tracker.migrationStarted(new MigrationListener.MigrationStarted("default", Version.parse("1"), "a",
				"V1__a.sql", MigrationType.SQL, 1, 1, Instant.now()));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(track(health)).containsEntry("state", "migrating").containsEntry("migrating", "V1__a.sql (1 of 1)");
	}

	@Test
	void aMigrationWaitingOnALockNamesTheSessionHoldingItFromTheLastProgressReport() {
		start();
		this.tracker.planned(new MigrationListener.Planned("default", 1, 0));
		this.tracker.migrationStarted(new MigrationListener.MigrationStarted("default", Version.parse("1"), "a",
				"V1__a.sql", MigrationType.SQL, 1, 1, Instant.now()));
		LockHolder holder = new LockHolder(4711, "report-job", "bob", null, null, "idle in transaction", null);
		this.tracker.migrationRunning(new MigrationListener.MigrationRunning("default", Version.parse("1"), "V1__a.sql",
				Duration.ofSeconds(30), 42, "Lock: relation",
				List.of(new BlockingSession(holder, "UPDATE books SET …", null))));
		// A late report of a migration that has ended changes nothing.
		this.tracker.migrationRunning(new MigrationListener.MigrationRunning("default", Version.parse("0"), "V0__z.sql",
				Duration.ofSeconds(30), 42, null, List.of()));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(track(health)).containsEntry("migrating", "V1__a.sql (1 of 1)")
			.containsKey("migrationElapsedMs")
			.containsEntry("waitingOnLockHeldBy", "pid 4711 (application 'report-job'), user bob, idle in transaction,"
					+ " statement 'UPDATE books SET …'");
	}

	@Test
	void isUpAfterASuccessfulRunWithCountsAndWarnings() {
		start();
		this.tracker.planned(new MigrationListener.Planned("default", 1, 2));
		AppliedMigration applied = new AppliedMigration(Version.parse("3"), "c", "V3__c.sql", MigrationType.SQL, 1,
				Duration.ofMillis(4));
		this.tracker.migrationApplied(new MigrationListener.MigrationApplied("default", applied, 1, 1));
		Problem gap = Problem.warning(Problem.Kind.GAP, Version.parse("3"), List.of("V3__c.sql"), "gap applied");
		this.tracker.runFinished(new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofMillis(30),
				new MigrateResult("default", "\"public\".\"cairn_history\"", List.of(applied), List.of(gap),
						Duration.ZERO, Duration.ofMillis(30)),
				null));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(track(health)).containsEntry("state", "up to date")
			.containsEntry("applied", 3)
			.containsEntry("pending", 0)
			.containsEntry("failed", 0)
			.containsEntry("lastRun", "success")
			.containsEntry("lastRunApplied", 1)
			.containsEntry("warnings", List.of("gap applied"));
	}

	@Test
	void isDownAfterAFailedRunWithTheError() {
		start();
		MigrationFailedException failure = new MigrationFailedException(
				"Migration V1__a.sql failed at line 2: boom (SQLSTATE 42601)", "default", Version.parse("1"), "V1__a.sql",
				2, "42601", "boom", false, null);
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofMillis(5), null, failure));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(track(health)).containsEntry("state", "migration failed")
			.containsEntry("failed", 1)
			.containsEntry("lastRun", "failure")
			.containsEntry("error", "Migration V1__a.sql failed at line 2: boom (SQLSTATE 42601)")
			.containsEntry("errorScript", "V1__a.sql")
			.containsEntry("errorLine", 2)
			.containsEntry("errorSqlState", "42601");
	}

	@Test
	void aRunStoppedByDriftSaysValidationFailedNotFailedWithNoFailedMigration() {
		start();
		Problem drift = Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"),
				"V1__a.sql changed since it was applied");
		this.tracker.runFinished(new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofMillis(5),
				null, new CairnValidationException("default", List.of(drift))));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(track(health)).containsEntry("state", "validation failed").containsEntry("lastRun", "failure");
	}

	@Test
	void isOutOfServiceWhileAReplicaWaitsForMigrations() {
		MigrationInfo pending = MigrationInfo.unrecorded(Version.parse("1"), "a", "V1__a.sql", MigrationType.SQL,
				MigrationState.PENDING, "abc", false, false);
		// The wait is reported by the start-up check of cairn.mode=validate, through the tracker's package API.
		CairnRunTrackerAccess.waiting(this.tracker, "default",
				new StatusReport("default", "t", List.of(pending), List.of()));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(track(health)).containsEntry("state", "waiting for migrations")
			.containsEntry("pending", 1)
			.containsEntry("checks", 1)
			.containsKey("waitingMs");
	}

	@Test
	void showsTheLastOperationWithoutChangingTheStatus() {
		start();
		this.tracker.runFinished(new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ZERO,
				new MigrateResult("default", "t", List.of(), List.of(), Duration.ZERO, Duration.ZERO), null));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.REPAIR, Duration.ofMillis(3), null, null));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(track(health)).containsEntry("lastRunOperation", "migrate")
			.containsEntry("lastOperation", "repair")
			.containsEntry("lastOperationOutcome", "success")
			.containsKey("lastOperationAt");
	}

	@Test
	void takesTheWorstTrack() {
		MigrationsHealthIndicator twoTracks = new MigrationsHealthIndicator(List.of("core", "vector"), this.tracker);
		this.tracker.runStarted(new MigrationListener.RunStarted("core", Operation.MIGRATE, Instant.now()));
		this.tracker.runFinished(new MigrationListener.RunFinished("core", Operation.MIGRATE, Duration.ZERO,
				new MigrateResult("core", "t", List.of(), List.of(), Duration.ZERO, Duration.ZERO), null));
		this.tracker.runStarted(new MigrationListener.RunStarted("vector", Operation.MIGRATE, Instant.now()));
		Health health = twoTracks.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsOnlyKeys("core", "vector");
	}

	private void start() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, Instant.now()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> track(Health health) {
		return (Map<String, Object>) health.getDetails().get("default");
	}

}
