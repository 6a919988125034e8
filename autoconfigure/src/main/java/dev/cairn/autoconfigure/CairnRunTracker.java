package dev.cairn.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.BlockingSession;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockHolder;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;

/**
 * The live state of every track's migrate runs in this application, fed by the engine's
 * listener events: the run in progress (lock wait, the migration being applied) and the last
 * run's outcome. The runner, the health indicator, the endpoint, metrics and the readiness
 * gate all read it; none of them queries the database for it.
 *
 * <p>{@link Operation#MIGRATE Migrate} runs are tracked in detail; rollback,
 * repair, force, baseline and dry runs are recorded as the track's last operation; the
 * read-only {@code status} and {@code validate} runs the endpoint makes leave it alone. In
 * {@code cairn.mode=validate} the start-up checks report here too: the wait for migrations
 * another instance applies, and its outcome as the last run. Events arrive on
 * the migrating thread and are read from request threads, so every state is an immutable
 * snapshot swapped under a lock. It is ordered first among listener beans, so that the others
 * (metrics, a listener of the application) see the state the event produced.
 */
public class CairnRunTracker implements MigrationListener, Ordered {

	private final Clock clock;

	private final Map<String, TrackState> tracks = new LinkedHashMap<>();

	/** The last progress each track's running Java migration reported; read through {@link #progress}. */
	private final Map<String, MigrationProgress> progress = new LinkedHashMap<>();

	public CairnRunTracker() {
		this(Clock.systemUTC());
	}

	public CairnRunTracker(Clock clock) {
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Every track that has started a migrate run, in the order they first ran.
	 * @return a snapshot
	 */
	public synchronized List<TrackState> tracks() {
		return List.copyOf(this.tracks.values());
	}

	/**
	 * One track's state.
	 * @param track the track's name
	 * @return its state, or {@code null} if it has not started a migrate run yet
	 */
	public synchronized @Nullable TrackState track(String track) {
		return this.tracks.get(track);
	}

	/** Whether a track is migrating now. */
	public synchronized boolean isMigrating() {
		return this.tracks.values().stream().anyMatch((state) -> state.currentRun() != null);
	}

	/** Whether a track's last finished run failed. */
	public synchronized boolean hasFailed() {
		return this.tracks.values()
			.stream()
			.anyMatch((state) -> state.lastRun() != null && state.lastRun().outcome() == Outcome.FAILURE);
	}

	/** How long ago an instant was, by this tracker's clock. */
	public Duration elapsedSince(Instant instant) {
		Duration elapsed = Duration.between(instant, this.clock.instant());
		return elapsed.isNegative() ? Duration.ZERO : elapsed;
	}

	@Override
	public void runStarted(RunStarted event) {
		if (event.operation() != Operation.MIGRATE) {
			return;
		}
		update(event.track(),
				(state) -> state.withCurrentRun(new CurrentRun(event.startedAt(), null, Duration.ZERO, null, List.of(), null)));
	}

	@Override
	public void lockWaiting(LockWaiting event) {
		updateRun(event.track(),
				(run) -> run.withLockWait(new LockWait(event.holder(), event.waited(), event.timeout())));
	}

	@Override
	public void lockAcquired(LockAcquired event) {
		updateRun(event.track(), (run) -> run.withLockAcquired(event.waited()));
	}

	@Override
	public void planned(Planned event) {
		update(event.track(), (state) -> {
			TrackState counted = state.withCounts(event.applied(), event.pending());
			CurrentRun run = counted.currentRun();
			return (run != null) ? counted.withCurrentRun(run.withPlanned(event.pending())) : counted;
		});
	}

	@Override
	public void migrationStarted(MigrationStarted event) {
		updateRun(event.track(), (run) -> run.withMigration(new CurrentMigration(event.version(), event.description(),
				event.script(), event.type(), event.index(), event.total(), event.startedAt(), null)));
	}

	@Override
	public void migrationRunning(MigrationRunning event) {
		Instant at = this.clock.instant();
		updateRun(event.track(), (run) -> {
			CurrentMigration migration = run.migration();
			if (migration == null || !migration.version().equals(event.version())) {
				return run; // a late report of a migration that has ended
			}
			return run.withMigration(migration.withProgress(new Progress(at, event.waitEvent(), event.blockedBy())));
		});
	}

	@Override
	public void migrationApplied(MigrationApplied event) {
		update(event.track(), (state) -> {
			Integer applied = (state.applied() != null) ? state.applied() + 1 : null;
			Integer pending = (state.pending() != null) ? Math.max(0, state.pending() - 1) : null;
			TrackState counted = state.withCounts(applied, pending);
			CurrentRun run = counted.currentRun();
			return (run != null) ? counted.withCurrentRun(run.withApplied(event.migration())) : counted;
		});
	}

	@Override
	public synchronized void migrationProgress(MigrationProgress event) {
		this.progress.put(event.track(), event);
	}

	/**
	 * How far the migration a track is applying now says it is (a Java migration reporting
	 * progress); {@code null} when none is running or it reported nothing yet.
	 * @param track the track's name
	 * @return its last report
	 */
	public synchronized @Nullable MigrationProgress progress(String track) {
		TrackState state = this.tracks.get(track);
		CurrentMigration migration = (state != null && state.currentRun() != null) ? state.currentRun().migration()
				: null;
		MigrationProgress last = this.progress.get(track);
		// Only a report of the migration running now, made since it started (not one of an earlier run).
		return (migration != null && last != null && last.version().equals(migration.version())
				&& !last.at().isBefore(migration.startedAt())) ? last : null;
	}

	@Override
	public void runFinished(RunFinished event) {
		if (event.operation() == Operation.STATUS || event.operation() == Operation.VALIDATE) {
			return;
		}
		Instant finishedAt = this.clock.instant();
		if (event.operation() != Operation.MIGRATE) {
			CairnException error = event.error();
			OperationReport report = event.report();
			LastOperation operation = new LastOperation(event.operation(),
					(error == null) ? Outcome.SUCCESS : Outcome.FAILURE, finishedAt.minus(event.duration()), finishedAt,
					event.duration(), (report != null) ? report.sentences() : List.of(),
					(error != null) ? RunError.of(error) : null);
			update(event.track(), (state) -> state.withLastOperation(operation));
			return;
		}
		update(event.track(), (state) -> {
			CurrentRun run = state.currentRun();
			Instant startedAt = (run != null) ? run.startedAt() : finishedAt.minus(event.duration());
			MigrateResult result = event.migrateResult();
			CairnException error = event.error();
			List<AppliedMigration> applied = (result != null) ? result.applied()
					: (run != null) ? run.applied() : List.of();
			Duration lockWait = (result != null) ? result.lockWait() : (run != null) ? run.lockWaited() : Duration.ZERO;
			LastRun last = (error == null)
					? new LastRun(Operation.MIGRATE, Outcome.SUCCESS, startedAt, finishedAt, event.duration(), applied,
							lockWait, (result != null) ? result.warnings() : List.of(), null, 0)
					: new LastRun(Operation.MIGRATE, Outcome.FAILURE, startedAt, finishedAt, event.duration(), applied,
							lockWait, List.of(), RunError.of(error), failedMigrations(error));
			TrackState finished = new TrackState(state.track(), null, last, state.applied(), state.pending(),
					(result != null) ? result.historyTable() : state.historyTable(), null, state.lastOperation());
			// Success means nothing is pending any more, whatever the counts said before.
			return (error == null) ? finished.withCounts(finished.applied(), 0) : finished;
		});
	}

	/**
	 * {@code cairn.mode=validate}: the schema is not current yet; another instance is expected
	 * to apply the pending migrations.
	 * @param track the track
	 * @param status what the check found
	 * @param since when the wait started
	 */
	void waiting(String track, StatusReport status, Instant since) {
		Instant now = this.clock.instant();
		update(track, (state) -> {
			SchemaWait previous = state.waiting();
			SchemaWait wait = new SchemaWait(since, now, (previous != null) ? previous.checks() + 1 : 1,
					(int) status.pendingCount());
			return state.withWaiting(wait)
				.withCounts((int) status.appliedCount(), (int) status.pendingCount())
				.withHistoryTable(status.historyTable());
		});
	}

	/**
	 * {@code cairn.mode=validate}: the schema is current.
	 * @param track the track
	 * @param status what the last check found
	 * @param since when the checks started
	 */
	void validated(String track, StatusReport status, Instant since) {
		Instant now = this.clock.instant();
		List<Problem> warnings = status.problems().stream().filter((problem) -> !problem.isError()).toList();
		update(track, (state) -> state.withWaiting(null)
			.withLastRun(new LastRun(Operation.VALIDATE, Outcome.SUCCESS, since, now, elapsed(since, now), List.of(),
					Duration.ZERO, warnings, null, 0))
			.withCounts((int) status.appliedCount(), 0)
			.withHistoryTable(status.historyTable()));
	}

	/**
	 * {@code cairn.mode=validate}: the schema has problems, or could not be read.
	 * @param track the track
	 * @param error what was found
	 * @param since when the checks started
	 */
	void validationFailed(String track, CairnException error, Instant since) {
		Instant now = this.clock.instant();
		update(track, (state) -> state.withWaiting(null)
			.withLastRun(new LastRun(Operation.VALIDATE, Outcome.FAILURE, since, now, elapsed(since, now), List.of(),
					Duration.ZERO, List.of(), RunError.of(error), failedMigrations(error))));
	}

	private static Duration elapsed(Instant from, Instant to) {
		Duration elapsed = Duration.between(from, to);
		return elapsed.isNegative() ? Duration.ZERO : elapsed;
	}

	// Migrations that need attention after this failure: the one that failed, or failed and interrupted ones found in history.
	private static int failedMigrations(CairnException error) {
		if (error instanceof MigrationFailedException) {
			return 1;
		}
		if (error instanceof CairnValidationException validation) {
			return (int) validation.problems()
				.stream()
				.filter((problem) -> problem.kind() == Problem.Kind.FAILED || problem.kind() == Problem.Kind.IN_PROGRESS)
				.count();
		}
		return 0;
	}

	private synchronized void update(String track, UnaryOperator<TrackState> change) {
		TrackState state = this.tracks.get(track);
		this.tracks.put(track, change.apply((state != null) ? state : new TrackState(track, null, null, null, null, null, null, null)));
	}

	private void updateRun(String track, UnaryOperator<CurrentRun> change) {
		update(track, (state) -> (state.currentRun() != null) ? state.withCurrentRun(change.apply(state.currentRun()))
				: state);
	}

	/**
	 * What a track's state adds up to.
	 */
	public enum Status {

		/** No migrate run has started yet. */
		NOT_RUN,

		/** A migrate run is in progress. */
		MIGRATING,

		/** {@code cairn.mode=validate}: migrations are pending, for another instance to apply. */
		WAITING,

		/** The last run succeeded: nothing is pending. */
		UP_TO_DATE,

		/** The last run failed. */
		FAILED

	}

	/**
	 * How a finished run ended.
	 */
	public enum Outcome {

		SUCCESS, FAILURE

	}

	/**
	 * One track's state.
	 *
	 * @param track the track's name
	 * @param currentRun the run in progress, if any
	 * @param lastRun the last finished run (a migrate run, or the start-up check of
	 * {@code cairn.mode=validate}), if any
	 * @param applied how many migrations history records, once a run has read it
	 * @param pending how many are pending, once a run has planned
	 * @param historyTable the qualified history table, once a run has succeeded
	 * @param waiting the wait for another instance to migrate ({@code cairn.mode=validate}),
	 * while migrations are pending
	 * @param lastOperation the last rollback, repair, force, baseline or dry run, if any
	 */
	public record TrackState(String track, @Nullable CurrentRun currentRun, @Nullable LastRun lastRun,
			@Nullable Integer applied, @Nullable Integer pending, @Nullable String historyTable,
			@Nullable SchemaWait waiting, @Nullable LastOperation lastOperation) {

		public Status status() {
			if (this.currentRun != null) {
				return Status.MIGRATING;
			}
			if (this.waiting != null) {
				return Status.WAITING;
			}
			if (this.lastRun == null) {
				return Status.NOT_RUN;
			}
			return (this.lastRun.outcome() == Outcome.SUCCESS) ? Status.UP_TO_DATE : Status.FAILED;
		}

		TrackState withCurrentRun(@Nullable CurrentRun run) {
			return new TrackState(this.track, run, this.lastRun, this.applied, this.pending, this.historyTable,
					this.waiting, this.lastOperation);
		}

		TrackState withLastRun(LastRun run) {
			return new TrackState(this.track, this.currentRun, run, this.applied, this.pending, this.historyTable,
					this.waiting, this.lastOperation);
		}

		TrackState withCounts(@Nullable Integer applied, @Nullable Integer pending) {
			return new TrackState(this.track, this.currentRun, this.lastRun, applied, pending, this.historyTable,
					this.waiting, this.lastOperation);
		}

		TrackState withHistoryTable(String historyTable) {
			return new TrackState(this.track, this.currentRun, this.lastRun, this.applied, this.pending, historyTable,
					this.waiting, this.lastOperation);
		}

		TrackState withWaiting(@Nullable SchemaWait waiting) {
			return new TrackState(this.track, this.currentRun, this.lastRun, this.applied, this.pending,
					this.historyTable, waiting, this.lastOperation);
		}

		TrackState withLastOperation(LastOperation operation) {
			return new TrackState(this.track, this.currentRun, this.lastRun, this.applied, this.pending,
					this.historyTable, this.waiting, operation);
		}

	}

	/**
	 * {@code cairn.mode=validate}: waiting for another instance to apply pending migrations.
	 *
	 * @param since when the first check found migrations pending
	 * @param lastCheckAt when the last check ran
	 * @param checks how many checks found migrations pending
	 * @param pending how many migrations the last check found pending
	 */
	public record SchemaWait(Instant since, Instant lastCheckAt, int checks, int pending) {

	}

	/**
	 * A finished rollback, repair, force, baseline or dry run.
	 *
	 * @param operation which operation
	 * @param outcome whether it ran to the end (a dry run in which a migration failed still
	 * succeeded as an operation)
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param duration how long it took
	 * @param changes what it changed (or found, for a dry run), one sentence each, as its
	 * report says
	 * @param error why it failed
	 */
	public record LastOperation(Operation operation, Outcome outcome, Instant startedAt, Instant finishedAt,
			Duration duration, List<String> changes, @Nullable RunError error) {

		public LastOperation {
			changes = List.copyOf(changes);
		}

	}

	/**
	 * A migrate run in progress.
	 *
	 * @param startedAt when it started
	 * @param lockWait the lock wait, while another session holds the lock
	 * @param lockWaited how long it waited for the lock, once it holds it
	 * @param planned how many migrations it will apply, once planned
	 * @param applied the migrations it has applied so far
	 * @param migration the migration being applied now, if any
	 */
	public record CurrentRun(Instant startedAt, @Nullable LockWait lockWait, Duration lockWaited,
			@Nullable Integer planned, List<AppliedMigration> applied, @Nullable CurrentMigration migration) {

		public CurrentRun {
			applied = List.copyOf(applied);
		}

		CurrentRun withLockWait(LockWait wait) {
			return new CurrentRun(this.startedAt, wait, this.lockWaited, this.planned, this.applied, this.migration);
		}

		CurrentRun withLockAcquired(Duration waited) {
			return new CurrentRun(this.startedAt, null, waited, this.planned, this.applied, this.migration);
		}

		CurrentRun withPlanned(int planned) {
			return new CurrentRun(this.startedAt, this.lockWait, this.lockWaited, planned, this.applied, this.migration);
		}

		CurrentRun withApplied(AppliedMigration migration) {
			List<AppliedMigration> applied = new ArrayList<>(this.applied);
			applied.add(migration);
			return new CurrentRun(this.startedAt, this.lockWait, this.lockWaited, this.planned, applied, null);
		}

		CurrentRun withMigration(CurrentMigration migration) {
			return new CurrentRun(this.startedAt, this.lockWait, this.lockWaited, this.planned, this.applied, migration);
		}

	}

	/**
	 * The migration being applied.
	 *
	 * @param version its version
	 * @param description its description
	 * @param script its file
	 * @param type how it is applied
	 * @param index its 1-based position in the run
	 * @param total how many migrations the run applies
	 * @param startedAt when it started
	 * @param progress the last progress report, once one was made
	 */
	public record CurrentMigration(@Nullable Version version, String description, String script, MigrationType type, int index,
			int total, Instant startedAt, @Nullable Progress progress) {

		CurrentMigration withProgress(Progress progress) {
			return new CurrentMigration(this.version, this.description, this.script, this.type, this.index, this.total,
					this.startedAt, progress);
		}

	}

	/**
	 * The last progress report of a running migration, as the server saw its session. Room for
	 * what other kinds of migration or retries report (a Java migration's steps, a lock-timeout
	 * retry's attempt) as further components.
	 *
	 * @param reportedAt when it was taken
	 * @param waitEvent what the session waited for ({@code Lock: relation}), {@code null} when running
	 * @param blockedBy the sessions holding the locks it waited for
	 */
	public record Progress(Instant reportedAt, @Nullable String waitEvent, List<BlockingSession> blockedBy) {

		public Progress {
			blockedBy = List.copyOf(blockedBy);
		}

	}

	/**
	 * Waiting for the lock another session holds.
	 *
	 * @param holder who holds it, when it could be seen
	 * @param waited how long the run has waited so far
	 * @param timeout how long it waits at most
	 */
	public record LockWait(@Nullable LockHolder holder, Duration waited, Duration timeout) {

	}

	/**
	 * A finished migrate run, or the start-up check of {@code cairn.mode=validate}.
	 *
	 * @param operation {@code MIGRATE}, or {@code VALIDATE} for the check of
	 * {@code cairn.mode=validate}
	 * @param outcome whether it succeeded
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param duration how long it took
	 * @param applied the migrations it applied (on failure, those before the failing one)
	 * @param lockWait how long it waited for the lock
	 * @param warnings problems the policies tolerated
	 * @param error why it failed
	 * @param failed how many migrations the failure concerns (failed, or failed and interrupted
	 * ones found in history)
	 */
	public record LastRun(Operation operation, Outcome outcome, Instant startedAt, Instant finishedAt, Duration duration,
			List<AppliedMigration> applied, Duration lockWait, List<Problem> warnings, @Nullable RunError error,
			int failed) {

		public LastRun {
			applied = List.copyOf(applied);
			warnings = List.copyOf(warnings);
		}

	}

}
