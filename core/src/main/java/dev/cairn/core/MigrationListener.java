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

	/**
	 * A running Java migration reported how far it is ({@link JavaMigrationContext#progress}):
	 * at most a few times a second, and when it reaches its total.
	 */
	default void migrationProgress(MigrationProgress event) {
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

	/**
	 * A migration's statement is waiting for a table lock: on what and behind whom. Called from a
	 * helper thread about every second while it waits, from its first second on.
	 */
	default void statementWaiting(StatementWaiting event) {
	}

	/**
	 * A migration's statement gave up waiting for a lock ({@code lock_timeout}, SQLSTATE 55P03); the
	 * migration was rolled back and is tried again after {@code retryIn}, or, when that is null, fails.
	 */
	default void lockTimedOut(LockTimedOut event) {
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
	record MigrationStarted(String track, @Nullable Version version, String description, String script, MigrationType type,
			int index, int total, Instant startedAt) {
	}

	record MigrationApplied(String track, AppliedMigration migration, int index, int total) {
	}

	/**
	 * @param done how much is done
	 * @param total how much there is in all, {@code -1} when unknown
	 */
	record MigrationProgress(String track, Version version, String script, long done, long total, Instant at) {

		/** The share done, from 0 to 1, or {@code -1} when the total is unknown. */
		public double fraction() {
			return (this.total > 0) ? Math.min(1.0, (double) this.done / this.total) : (this.total == 0) ? 1.0 : -1;
		}

	}

	record MigrationFailed(String track, @Nullable Version version, String script, MigrationType type, Duration duration,
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

	/**
	 * @param attempt 1 for the first attempt, 2 after one lock timeout, ...
	 * @param blockedOn the lock and the sessions ahead of it
	 * @param waited how long this attempt has run
	 */
	record StatementWaiting(String track, Version version, String script, int attempt, StatementWait blockedOn,
			Duration waited) {
	}

	/**
	 * @param attempt which attempt timed out, from 1
	 * @param maxAttempts how many attempts the migration has in all
	 * @param lockTimeout the {@code lock_timeout} it ran with: how long its statement waited
	 * @param blockedOn what it waited for, when that was seen before PostgreSQL gave up; otherwise null
	 * @param retryIn the pause before the next attempt; null when no attempt is left (or a retry is not
	 *     safe) and the migration fails
	 */
	record LockTimedOut(String track, Version version, String script, int attempt, int maxAttempts,
			Duration lockTimeout, @Nullable StatementWait blockedOn, @Nullable Duration retryIn) {

		public boolean willRetry() {
			return this.retryIn != null;
		}

	}

}
