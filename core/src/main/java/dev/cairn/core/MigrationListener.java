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
	record MigrationStarted(String track, @Nullable Version version, String description, String script, MigrationType type,
			int index, int total, Instant startedAt) {
	}

	record MigrationApplied(String track, AppliedMigration migration, int index, int total) {
	}

	record MigrationFailed(String track, @Nullable Version version, String script, MigrationType type, Duration duration,
			MigrationFailedException error) {
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
