package dev.cairn.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.autoconfigure.CairnRunTracker.LastOperation;
import dev.cairn.autoconfigure.CairnRunTracker.Outcome;
import dev.cairn.autoconfigure.CairnRunTracker.Status;
import dev.cairn.autoconfigure.CairnRunTracker.TrackState;
import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.LockHolder;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CairnRunTracker}, fed with engine events by hand.
 */
class CairnRunTrackerTests {

	private static final Instant START = Instant.parse("2026-05-21T10:30:00Z");

	private final CairnRunTracker tracker = new CairnRunTracker(Clock.fixed(START.plusSeconds(3), ZoneOffset.UTC));

	@Test
	void knowsNothingBeforeTheFirstRun() {
		assertThat(this.tracker.tracks()).isEmpty();
		assertThat(this.tracker.track("default")).isNull();
		assertThat(this.tracker.isMigrating()).isFalse();
		assertThat(this.tracker.hasFailed()).isFalse();
	}

	@Test
	void keepsTheProgressOfTheRunningMigrationOnly() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, START));
		MigrationListener.MigrationProgress early = new MigrationListener.MigrationProgress("default", Version.parse("6"),
				"com.example.Backfill", 10, 100, START);
		this.tracker.migrationProgress(early);
		// Reported before the migration started (an earlier run's): not shown.
		this.tracker.migrationStarted(new MigrationListener.MigrationStarted("default", Version.parse("6"), "backfill",
				"com.example.Backfill", MigrationType.JAVA, 1, 1, START.plusSeconds(1)));
		assertThat(this.tracker.progress("default")).isNull();
		MigrationListener.MigrationProgress now = new MigrationListener.MigrationProgress("default", Version.parse("6"),
				"com.example.Backfill", 40, 100, START.plusSeconds(2));
		this.tracker.migrationProgress(now);
		assertThat(this.tracker.progress("default")).isEqualTo(now);
		assertThat(this.tracker.progress("other")).isNull();
		this.tracker.migrationApplied(new MigrationListener.MigrationApplied("default", applied("6"), 1, 1));
		assertThat(this.tracker.progress("default")).isNull();
	}

	@Test
	void followsARunFromLockWaitToSuccess() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, START));
		assertThat(state().status()).isEqualTo(Status.MIGRATING);
		assertThat(this.tracker.isMigrating()).isTrue();

		LockHolder holder = new LockHolder(4711, "orders-api", "app", null, null, "active", null);
		this.tracker.lockWaiting(new MigrationListener.LockWaiting("default", holder, Duration.ofSeconds(2),
				Duration.ofMinutes(5)));
		assertThat(state().currentRun().lockWait().holder().pid()).isEqualTo(4711);

		this.tracker.lockAcquired(new MigrationListener.LockAcquired("default", Duration.ofSeconds(2)));
		assertThat(state().currentRun().lockWait()).isNull();
		this.tracker.planned(new MigrationListener.Planned("default", 2, 5));
		assertThat(state().pending()).isEqualTo(2);
		assertThat(state().applied()).isEqualTo(5);
		assertThat(state().currentRun().planned()).isEqualTo(2);

		this.tracker.migrationStarted(new MigrationListener.MigrationStarted("default", Version.parse("6"), "add x",
				"V6__add_x.sql", MigrationType.SQL, 1, 2, START.plusSeconds(2)));
		assertThat(state().currentRun().migration().version()).isEqualTo(Version.parse("6"));
		assertThat(this.tracker.elapsedSince(state().currentRun().migration().startedAt())).hasSeconds(1);
		AppliedMigration six = applied("6");
		this.tracker.migrationApplied(new MigrationListener.MigrationApplied("default", six, 1, 2));
		assertThat(state().currentRun().migration()).isNull();
		assertThat(state().currentRun().applied()).containsExactly(six);
		assertThat(state().pending()).isEqualTo(1);
		assertThat(state().applied()).isEqualTo(6);

		AppliedMigration seven = applied("7");
		this.tracker.migrationApplied(new MigrationListener.MigrationApplied("default", seven, 2, 2));
		MigrateResult result = new MigrateResult("default", "\"public\".\"cairn_history\"", List.of(six, seven),
				List.of(), Duration.ofSeconds(2), Duration.ofSeconds(3));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofSeconds(3), result, null));

		TrackState state = state();
		assertThat(state.status()).isEqualTo(Status.UP_TO_DATE);
		assertThat(state.currentRun()).isNull();
		assertThat(state.historyTable()).isEqualTo("\"public\".\"cairn_history\"");
		assertThat(state.pending()).isZero();
		assertThat(state.applied()).isEqualTo(7);
		assertThat(state.lastRun().outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(state.lastRun().applied()).containsExactly(six, seven);
		assertThat(state.lastRun().lockWait()).isEqualTo(Duration.ofSeconds(2));
		assertThat(state.lastRun().startedAt()).isEqualTo(START);
		assertThat(this.tracker.hasFailed()).isFalse();
	}

	@Test
	void recordsAFailedMigrationAndWhatRanBeforeIt() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, START));
		this.tracker.planned(new MigrationListener.Planned("default", 2, 0));
		AppliedMigration one = applied("1");
		this.tracker.migrationApplied(new MigrationListener.MigrationApplied("default", one, 1, 2));
		MigrationFailedException failure = new MigrationFailedException("Migration V2__b.sql failed at line 3",
				"default", Version.parse("2"), "V2__b.sql", 3, "42601", "syntax error", false, null);
		this.tracker.migrationFailed(new MigrationListener.MigrationFailed("default", Version.parse("2"), "V2__b.sql",
				MigrationType.SQL, Duration.ofMillis(5), failure));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofSeconds(1), null, failure));

		TrackState state = state();
		assertThat(state.status()).isEqualTo(Status.FAILED);
		assertThat(this.tracker.hasFailed()).isTrue();
		assertThat(state.applied()).isEqualTo(1);
		assertThat(state.pending()).isEqualTo(1);
		assertThat(state.lastRun().applied()).containsExactly(one);
		assertThat(state.lastRun().failed()).isEqualTo(1);
		assertThat(state.lastRun().error().script()).isEqualTo("V2__b.sql");
		assertThat(state.lastRun().error().line()).isEqualTo(3);
	}

	@Test
	void countsFailedAndInterruptedMigrationsFoundByValidation() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, START));
		CairnValidationException invalid = new CairnValidationException("default",
				List.of(Problem.error(Problem.Kind.FAILED, Version.parse("3"), List.of("V3__c.sql"), "failed before"),
						Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"), "changed")));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ofMillis(20), null, invalid));
		assertThat(state().lastRun().failed()).isEqualTo(1);
		assertThat(state().lastRun().error().kind()).isEqualTo("validation");
	}

	@Test
	void ignoresReadOnlyRuns() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.STATUS, START));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.STATUS, Duration.ofMillis(3), null, null));
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.VALIDATE, START));
		assertThat(this.tracker.tracks()).isEmpty();
	}

	@Test
	void keepsTracksApart() {
		this.tracker.runStarted(new MigrationListener.RunStarted("core", Operation.MIGRATE, START));
		this.tracker.runStarted(new MigrationListener.RunStarted("vector", Operation.MIGRATE, START));
		this.tracker.runFinished(new MigrationListener.RunFinished("core", Operation.MIGRATE, Duration.ZERO,
				new MigrateResult("core", "t", List.of(), List.of(), Duration.ZERO, Duration.ZERO), null));
		assertThat(this.tracker.tracks()).map(TrackState::track).containsExactly("core", "vector");
		assertThat(this.tracker.track("core").status()).isEqualTo(Status.UP_TO_DATE);
		assertThat(this.tracker.track("vector").status()).isEqualTo(Status.MIGRATING);
	}

	@Test
	void recordsOtherOperationsAsTheLastOperation() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.ROLLBACK, START.plusSeconds(1)));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.ROLLBACK, Duration.ofSeconds(2), null, null));
		LastOperation last = state().lastOperation();
		assertThat(last.operation()).isEqualTo(Operation.ROLLBACK);
		assertThat(last.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(last.startedAt()).isEqualTo(START.plusSeconds(1));
		assertThat(last.finishedAt()).isEqualTo(START.plusSeconds(3));
		assertThat(last.changes()).isEmpty();
		// An operation is not a migrate run: the track's state still comes from migrate runs only.
		assertThat(state().status()).isEqualTo(Status.NOT_RUN);
		assertThat(state().lastRun()).isNull();
	}

	@Test
	void learnsWhatAnOperationChangedFromItsReport() {
		AppliedMigration undone = new AppliedMigration(Version.parse("2"), "b", "V2__b.down.sql", MigrationType.SQL, 1,
				Duration.ofMillis(7));
		RollbackResult report = new RollbackResult("default", "t", List.of(undone), Duration.ZERO, Duration.ofMillis(9));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.ROLLBACK, Duration.ofMillis(9), report, null));
		assertThat(state().lastOperation().changes()).containsExactly("undid version 2 with V2__b.down.sql in 7 ms");
		ChangeReport nothing = new ChangeReport("default", "repair", List.of());
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.REPAIR, Duration.ofMillis(2), nothing, null));
		assertThat(state().lastOperation().changes()).containsExactly("nothing to change");
	}

	@Test
	void failedOperationKeepsItsErrorWithoutFailingTheTrack() {
		finishedMigrateRun();
		CairnValidationException refused = new CairnValidationException("default", List.of(Problem
			.error(Problem.Kind.ORPHAN_DOWN, Version.parse("2"), List.of("V2__b.sql"), "version 2 has no down file")));
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.ROLLBACK, Duration.ofMillis(5), null, refused));
		assertThat(state().lastOperation().outcome()).isEqualTo(Outcome.FAILURE);
		assertThat(state().lastOperation().error().kind()).isEqualTo("validation");
		assertThat(state().status()).isEqualTo(Status.UP_TO_DATE);
		assertThat(this.tracker.hasFailed()).isFalse();
	}

	@Test
	void migrateRunKeepsTheLastOperation() {
		this.tracker.runFinished(
				new MigrationListener.RunFinished("default", Operation.FORCE, Duration.ofMillis(5), null, null));
		finishedMigrateRun();
		assertThat(state().lastOperation().operation()).isEqualTo(Operation.FORCE);
		assertThat(state().lastRun().operation()).isEqualTo(Operation.MIGRATE);
	}

	@Test
	void followsAReplicaWaitingUntilTheSchemaIsCurrent() {
		this.tracker.waiting("default", status(MigrationState.APPLIED, MigrationState.PENDING), START);
		assertThat(state().status()).isEqualTo(Status.WAITING);
		assertThat(state().waiting().checks()).isEqualTo(1);
		assertThat(state().waiting().pending()).isEqualTo(1);
		assertThat(state().applied()).isEqualTo(1);
		assertThat(state().pending()).isEqualTo(1);
		this.tracker.waiting("default", status(MigrationState.APPLIED, MigrationState.PENDING), START);
		assertThat(state().waiting().checks()).isEqualTo(2);
		assertThat(state().waiting().since()).isEqualTo(START);
		assertThat(this.tracker.hasFailed()).isFalse();

		this.tracker.validated("default", status(MigrationState.APPLIED, MigrationState.APPLIED), START);
		assertThat(state().status()).isEqualTo(Status.UP_TO_DATE);
		assertThat(state().waiting()).isNull();
		assertThat(state().lastRun().operation()).isEqualTo(Operation.VALIDATE);
		assertThat(state().lastRun().duration()).isEqualTo(Duration.ofSeconds(3));
		assertThat(state().applied()).isEqualTo(2);
		assertThat(state().pending()).isZero();
		assertThat(state().historyTable()).isEqualTo("\"public\".\"cairn_history\"");
	}

	@Test
	void recordsAReplicaThatFoundProblems() {
		this.tracker.waiting("default", status(MigrationState.PENDING), START);
		CairnValidationException drift = new CairnValidationException("default",
				List.of(Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"), "changed")));
		this.tracker.validationFailed("default", drift, START);
		assertThat(state().status()).isEqualTo(Status.FAILED);
		assertThat(state().waiting()).isNull();
		assertThat(state().lastRun().operation()).isEqualTo(Operation.VALIDATE);
		assertThat(state().lastRun().error().kind()).isEqualTo("validation");
		assertThat(this.tracker.hasFailed()).isTrue();
	}

	private void finishedMigrateRun() {
		this.tracker.runStarted(new MigrationListener.RunStarted("default", Operation.MIGRATE, START));
		this.tracker.runFinished(new MigrationListener.RunFinished("default", Operation.MIGRATE, Duration.ZERO,
				new MigrateResult("default", "t", List.of(), List.of(), Duration.ZERO, Duration.ZERO), null));
	}

	private static StatusReport status(MigrationState... states) {
		List<MigrationInfo> migrations = new java.util.ArrayList<>();
		for (int i = 0; i < states.length; i++) {
			boolean applied = states[i].isApplied();
			migrations.add(new MigrationInfo(Version.parse(String.valueOf(i + 1)), "m", "V" + (i + 1) + "__m.sql",
					MigrationType.SQL, states[i], "abc", false, false,
					applied ? new MigrationInfo.Recorded(START, "app", Duration.ofMillis(1), null, i + 1) : null));
		}
		return new StatusReport("default", "\"public\".\"cairn_history\"", migrations, List.of());
	}

	private TrackState state() {
		return this.tracker.track("default");
	}

	private static AppliedMigration applied(String version) {
		return new AppliedMigration(Version.parse(version), "m" + version, "V" + version + "__m.sql", MigrationType.SQL,
				1, Duration.ofMillis(10));
	}

}
