package dev.cairn.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Receives the events of a run, so that logs, metrics, observations and live progress can be
 * driven from outside the engine. Methods are called on the migrating thread, except that a
 * migrate run's lock events come from its helper thread, which connects and takes the lock
 * while the files are scanned: keep them quick and thread-safe.
 * An exception thrown by a listener is logged and never changes the run.
 */
public interface MigrationListener {

	/** A run (migrate, validate, status) started. */
	default void runStarted(RunStarted event) {
	}

	/** Another session holds the lock; called when waiting starts and then every few seconds. */
	default void lockWaiting(LockWaiting event) {
	}

	/** The lock is held; {@code waited} is zero when it was free. */
	default void lockAcquired(LockAcquired event) {
	}

	/** The plan is made: {@code pending} migrations will be applied. */
	default void planned(Planned event) {
	}

	default void migrationStarted(MigrationStarted event) {
	}

	default void migrationApplied(MigrationApplied event) {
	}

	default void migrationFailed(MigrationFailed event) {
	}

	/**
	 * A migration is still running, every {@link CairnConfiguration#progressInterval()}; called
	 * on Cairn's progress thread, not the migrating one.
	 */
	default void migrationRunning(MigrationRunning event) {
	}

	/** A run ended, successfully or not. */
	default void runFinished(RunFinished event) {
	}

	record RunStarted(String track, Operation operation, Instant startedAt) {
	}

	record LockWaiting(String track, @Nullable LockHolder holder, Duration waited, Duration timeout) {
	}

	record LockAcquired(String track, Duration waited) {
	}

	record Planned(String track, int pending, int applied) {
	}

	/**
	 * @param index 1-based position in this run
	 * @param total migrations this run applies
	 */
	record MigrationStarted(String track, Version version, String description, String script, MigrationType type,
			int index, int total, Instant startedAt) {
	}

	record MigrationApplied(String track, AppliedMigration migration, int index, int total) {
	}

	record MigrationFailed(String track, Version version, String script, MigrationType type, Duration duration,
			MigrationFailedException error) {
	}

	/**
	 * A migration that is still running, as the server sees its session. Room for more: the
	 * kind of migration may add its own progress (a Java migration's steps), and a lock-timeout
	 * retry its attempt.
	 *
	 * @param elapsed how long it has run
	 * @param session the migration session's backend pid
	 * @param waitEvent what the session waits for ({@code Lock: relation}, {@code IO: DataFileRead}),
	 * {@code null} when it is running or could not be seen
	 * @param blockedBy the sessions holding the locks it waits for, first the oldest
	 */
	record MigrationRunning(String track, Version version, String script, Duration elapsed, int session,
			@Nullable String waitEvent, java.util.List<BlockingSession> blockedBy) {

		public MigrationRunning {
			blockedBy = java.util.List.copyOf(blockedBy);
		}

	}

	/**
	 * @param report what the operation reported ({@link MigrateResult} for a migrate run),
	 * {@code null} when it failed
	 * @param error why it failed, {@code null} on success
	 */
	record RunFinished(String track, Operation operation, Duration duration, @Nullable OperationReport report,
			@Nullable CairnException error) {

		public boolean succeeded() {
			return this.error == null;
		}

		/** The report of a migrate run that succeeded; {@code null} otherwise. */
		public @Nullable MigrateResult migrateResult() {
			return (this.report instanceof MigrateResult result) ? result : null;
		}

	}

}
