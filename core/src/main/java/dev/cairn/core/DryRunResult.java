package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a dry run found: every pending migration run inside one transaction that was rolled
 * back, so nothing was written, history included.
 *
 * @param track the track's name
 * @param steps one per pending migration, in the order a migrate run would apply them
 * @param duration the whole run
 * @param leftovers what the dry run changed that its rollback does not undo and Cairn could not set
 * back (a sequence the application used meanwhile), one sentence each; empty when nothing is left
 */
public record DryRunResult(String track, List<Step> steps, Duration duration, List<String> leftovers)
		implements OperationReport {

	public DryRunResult {
		steps = List.copyOf(steps);
		leftovers = List.copyOf(leftovers);
	}

	public DryRunResult(String track, List<Step> steps, Duration duration) {
		this(track, steps, duration, List.of());
	}

	/** Whether every pending migration that could be proven ran without error. */
	@Override
	public boolean succeeded() {
		return this.steps.stream().noneMatch((step) -> step.outcome() == Outcome.FAILED);
	}

	/** One sentence per pending migration: how its trial went. */
	@Override
	public List<String> sentences() {
		List<String> sentences = new ArrayList<>();
		for (Step step : this.steps) {
			String migration = "version " + step.version() + " (" + step.script() + ")";
			sentences.add(switch (step.outcome()) {
				case PROVED -> migration + " ran without error in " + step.duration().toMillis() + " ms"
						+ flagged(step);
				case FAILED -> migration + " failed: " + step.maskedError();
				case NOT_PROVABLE -> migration + " runs without a transaction, so it was not run";
			});
		}
		if (this.steps.isEmpty()) {
			sentences.add("nothing pending to try");
		}
		sentences.addAll(this.leftovers);
		return sentences;
	}

	private static String flagged(Step step) {
		List<LockTaken> flagged = step.flaggedLocks();
		if (flagged.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder("; it locks a large table: ");
		for (int i = 0; i < flagged.size(); i++) {
			LockTaken lock = flagged.get(i);
			text.append((i == 0) ? "" : ", ").append(lock.mode()).append(" on ").append(lock.relation()).append(" (")
				.append((lock.bytes() >= 1L << 20) ? (lock.bytes() >> 20) + " MiB" : (lock.bytes() >> 10) + " kB")
				.append(')');
		}
		return text.toString();
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.dryRun(this);
	}

	/**
	 * One pending migration's trial.
	 *
	 * @param version its version, {@code null} for a repeatable migration
	 * @param script its file
	 * @param outcome proved, failed or not provable
	 * @param duration how long its statements took
	 * @param error what failed (file, line, SQLSTATE and PostgreSQL's message), if it did
	 * @param line the failing line, 0 if none
	 * @param sqlState the failing statement's SQLSTATE, if it failed
	 * @param locks the table locks it took (those an earlier pending migration took already are listed there),
	 *     read from {@code pg_locks} before its trial was rolled back
	 * @param statements how long each of its statements ran
	 */
	public record Step(@Nullable Version version, String script, Outcome outcome, Duration duration, @Nullable String error,
			int line, @Nullable String sqlState, List<LockTaken> locks, List<StatementTiming> statements) {

		public Step {
			locks = List.copyOf(locks);
			statements = List.copyOf(statements);
		}

		public Step(@Nullable Version version, String script, Outcome outcome, Duration duration, @Nullable String error, int line,
				@Nullable String sqlState) {
			this(version, script, outcome, duration, error, line, sqlState, List.of(), List.of());
		}

		/** The locks flagged as dangerous: a table at least the large-table size, locked ACCESS EXCLUSIVE or SHARE. */
		public List<LockTaken> flaggedLocks() {
			return this.locks.stream().filter(LockTaken::flagged).toList();
		}

		/**
		 * What failed, passwords masked.
		 * @return the error, empty if there is none
		 */
		public String maskedError() {
			String masked = Secrets.mask(this.error);
			return (masked != null) ? masked : "";
		}

	}

	/**
	 * A table lock a migration's trial held before it was rolled back.
	 *
	 * @param relation the table (or materialized view), schema-qualified where the search path needs it
	 * @param mode the lock mode as {@code pg_locks} names it ({@code AccessExclusiveLock})
	 * @param bytes the table's total size (heap, indexes, TOAST) when locked
	 * @param flagged whether it blocks the application on a large table: {@code AccessExclusiveLock} (blocks
	 *     reads and writes) or {@code ShareLock} (blocks writes) on a table at least the large-table size
	 */
	public record LockTaken(String relation, String mode, long bytes, boolean flagged) {
	}

	/**
	 * One statement of a trial.
	 *
	 * @param line its line in the file
	 * @param statement its first words, never its constants
	 * @param duration how long it ran
	 */
	public record StatementTiming(int line, String statement, Duration duration) {
	}

	/** The result of one migration's trial. */
	public enum Outcome {

		/** Ran without error inside the rolled-back transaction. */
		PROVED,

		/** Failed; see the error. */
		FAILED,

		/** Marked {@code -- cairn:no-transaction}: it cannot be run inside a transaction, so it was not run. */
		NOT_PROVABLE

	}

}
