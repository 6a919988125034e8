package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationType;
import dev.cairn.core.StatementWait;
import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.core.internal.lockwait.LockWaitWatch;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.migration.RepeatableMigration;
import dev.cairn.core.internal.migration.SnapshotMigration;
import dev.cairn.core.internal.migration.SqlMigration;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlStatement;

/**
 * The applier of SQL migrations, on the run's connection (auto-commit on, lock held).
 *
 * <p>A transactional file's statements and its history write run in one transaction (see
 * {@link ScriptRunner}): applied completely or not at all.
 *
 * <p>A {@code -- cairn:no-transaction} file first records an {@code in_progress} row (an
 * {@code undoing} one for a down file), then runs its statements one at a time, then marks the
 * row applied (or deletes it), so a crash in between is visible to the next run.
 */
final class SqlApplier implements Applier<PreparedSql> {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	/** SQLSTATE lock_not_available: a lock_timeout (or NOWAIT) gave up. */
	static final String LOCK_NOT_AVAILABLE = "55P03";

	/** SQLSTATE read_only_sql_transaction: a standby, or default_transaction_read_only. */
	private static final String READ_ONLY = "25006";

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	private final ScriptRunner runner;

	private final MigrationListener listener;

	SqlApplier(CairnConfiguration configuration, HistoryTable history, MigrationListener listener) {
		this.configuration = configuration;
		this.history = history;
		this.listener = listener;
		this.runner = new ScriptRunner(configuration.track());
	}

	@Override
	public void apply(WorkSession session, PreparedSql prepared, boolean recovery) {
		Migration migration = prepared.migration();
		long start = System.nanoTime();
		if (recovery) {
			Recovery.prepare(session, this.history, (SqlMigration) migration, this.runner, this.configuration.track());
		}
		Script up = new Script(migration.version(), prepared.name(), prepared.text(), prepared.script(), prepared);
		String type = prepared.type().name();
		StatementLimits limits = StatementLimits.of(this.configuration.lockWait(), prepared.script());
		List<String> writes = new ArrayList<>();
		if (migration instanceof SnapshotMigration snapshot) {
			// One transaction: the snapshot's statements and a row for every migration it stands for.
			for (Migration covered : snapshot.covered()) {
				writes.add(this.history.insertRecordedSql(covered.version(), covered.description(), covered.script(),
						covered.checksum(), MigrationType.SNAPSHOT.name(), this.configuration.installedBy()));
			}
		}
		else if (prepared.script().transactional()) {
			// A repeatable is always transactional (RepeatableMigration#prepare refuses the directive).
			String key = (migration instanceof RepeatableMigration repeatable) ? repeatable.historyKey()
					: migration.version().toString();
			writes.add(this.history.insertAppliedSql(key, migration.description(), migration.script(),
					migration.checksum(), type, this.configuration.installedBy()));
		}
		if (!prepared.script().transactional()) {
			runWithoutTransaction(session, up,
					this.history.insertInProgressSql(migration.version(), migration.description(), migration.script(),
							migration.checksum(), type, this.configuration.installedBy()),
					1, (millis) -> this.history.markAppliedSql(migration.version(), millis), 0, Direction.UP, start,
					limits);
			return;
		}
		// Tried again, rolled back each time, while a statement times out on a lock and attempts are left.
		for (int attempt = 1; !runInTransaction(session, up, writes, writes.size(), Direction.UP, limits,
				attempt); attempt++) {
			pause(up, limits.pauseBefore(attempt + 1));
		}
	}

	/**
	 * Runs a down file and removes the version's history row, in one transaction unless the
	 * down file says {@code -- cairn:no-transaction}.
	 */
	@Override
	public void undo(WorkSession session, PreparedSql down) {
		Version version = down.migration().version();
		long start = System.nanoTime();
		Script script = new Script(version, down.name(), down.text(), down.script(), down);
		StatementLimits limits = StatementLimits.of(this.configuration.lockWait(), down.script());
		if (!down.script().transactional()) {
			runWithoutTransaction(session, script, this.history.markUndoingSql(version), 0,
					(millis) -> this.history.deleteSql(version), -1, Direction.DOWN, start, limits);
			return;
		}
		for (int attempt = 1; !runInTransaction(session, script, List.of(this.history.deleteSql(version)), -1, Direction.DOWN,
				limits, attempt); attempt++) {
			pause(script, limits.pauseBefore(attempt + 1));
		}
	}

	private void pause(Script script, Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationFailedException(script.name() + script.versionNote() + " was not tried"
					+ " again: the run was interrupted while it paused after a lock timeout. Nothing of it was applied;"
					+ " run again.", this.configuration.track(), script.version(), script.name(), 0, LOCK_NOT_AVAILABLE,
					"interrupted", false, null);
		}
	}

	/**
	 * The script, the session check (restore, lock held, history rows as expected) and the
	 * history write in one transaction: a failure of any rolls back all, including the session
	 * changes the script made (SET is transactional).
	 * @return true when applied; false when a statement timed out on a lock and another attempt is due
	 */
	private boolean runInTransaction(WorkSession session, Script script, List<String> historyWrites, int rows,
			Direction direction, StatementLimits limits, int attempt) {
		Connection connection = session.connection();
		LockWaitWatch.Watching watching = session.watching(script.version(), script.name(), attempt);
		try {
			runnerFor(script).inTransaction(connection, script.name(), limits.prelude(true), script.parsed().statements(),
					concat(session.checkInMigrationTransaction(), historyWrites));
			session.wrote(rows);
			return true;
		}
		catch (ScriptRunner.StatementFailure ex) {
			session.clean();
			session.restore();
			if (ex.ownWrite()) {
				throw ownWriteFailure(session, script, ex.sqlException(), Stage.TRANSACTION, direction);
			}
			if (LOCK_NOT_AVAILABLE.equals(ex.sqlException().getSQLState())) {
				StatementWait seen = (watching != null) ? watching.seen() : null;
				if (attempt < limits.maxAttempts()) {
					lockTimedOut(script, attempt, limits, seen, limits.pauseBefore(attempt + 1), null);
					return false;
				}
				lockTimedOut(script, attempt, limits, seen, null, null);
				throw failure(connection, script, ex, Outcome.NOTHING, direction, false,
						lockTimeoutAdvice(attempt, limits, seen, null));
			}
			throw failure(connection, script, ex, Outcome.NOTHING, direction, false);
		}
		finally {
			if (watching != null) {
				watching.close();
			}
		}
	}

	/**
	 * Runs a no-transaction file, trying it again when its first statement timed out on a lock and
	 * nothing of it took effect: its history row stays in progress meanwhile, and the invalid index
	 * a concurrent build named is dropped before the next attempt (when the blocking transaction
	 * may have ended; dropping it earlier would wait behind the same transaction). A lock timeout
	 * after a statement took effect is never retried.
	 */
	private void runWithoutTransaction(WorkSession session, Script script, String before, int beforeRows,
			java.util.function.LongFunction<String> after, int afterRows, Direction direction, long start,
			StatementLimits limits) {
		Connection connection = session.connection();
		List<SqlStatement> statements = script.parsed().statements();
		try {
			session.writeHistory(before);
			session.wrote(beforeRows);
		}
		catch (SQLException ex) {
			session.clean();
			throw ownWriteFailure(session, script, ex, Stage.BEFORE, direction);
		}
		String leftover = null;
		for (int attempt = 1;; attempt++) {
			LockWaitWatch.Watching watching = session.watching(script.version(), script.name(), attempt);
			try {
				if (leftover != null) {
					// The statement that left it is the first, so nothing else of the file ran.
					List<String> drop = new ArrayList<>(limits.prelude(false));
					drop.add("DROP INDEX CONCURRENTLY IF EXISTS " + leftover);
					ScriptRunner.execute(connection, drop.toArray(String[]::new));
					logger.warn("Track '{}': dropped invalid index {} left by {} when it timed out on a lock",
							this.configuration.track(), leftover, script.name());
					leftover = null;
				}
				runnerFor(script).withoutTransaction(connection, script.name(), limits.prelude(false), statements);
				break;
			}
			catch (SQLException ex) {
				// Dropping the leftover failed: on a lock timeout that is one more attempt, else the file fails.
				StatementWait seen = (watching != null) ? watching.seen() : null;
				boolean rolledBack = session.clean();
				SqlStatement first = statements.get(0);
				ScriptRunner.StatementFailure failure = new ScriptRunner.StatementFailure(first, ex, 0);
				if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState()) && attempt < limits.maxAttempts()) {
					lockTimedOut(script, attempt, limits, seen, limits.pauseBefore(attempt + 1), null);
					session.restore();
					pause(script, limits.pauseBefore(attempt + 1));
					continue;
				}
				throw failedWithoutTransaction(session, script, failure, direction, start, limits, attempt, seen, true,
						rolledBack, "dropping the invalid index " + leftover + " it left failed (" + ex.getMessage() + ")");
			}
			catch (ScriptRunner.StatementFailure ex) {
				StatementWait seen = (watching != null) ? watching.seen() : null;
				// The script may have opened a transaction of its own (BEGIN) and failed inside it, leaving
				// it aborted: roll it back first, or nothing Cairn sends afterwards can run.
				boolean rolledBack = session.clean();
				SqlStatement failed = ex.statement();
				// Nothing changed if the first statement failed, unless it was a concurrent index build,
				// which leaves an invalid index behind.
				boolean leftIndex = ex.done() == 0 && failed != null && Recovery.buildsIndexConcurrently(failed)
						&& Recovery.mayHaveLeftIndex(connection, failed);
				boolean lockTimeout = LOCK_NOT_AVAILABLE.equals(ex.sqlException().getSQLState());
				String notRetried = null;
				if (lockTimeout && ex.done() > 0) {
					notRetried = ex.done() + " statement" + ((ex.done() == 1) ? "" : "s") + " before it took effect,"
							+ " and a file without a transaction cannot be rolled back, so it was not tried again";
				}
				else if (lockTimeout && leftIndex) {
					leftover = IndexLeftover.find(connection, failed);
					if (leftover == null) {
						notRetried = "its concurrent index build left an invalid index that Cairn cannot tell from"
								+ " another session's build in progress (the statement names none), so it was not"
								+ " tried again";
					}
				}
				if (lockTimeout && notRetried == null && attempt < limits.maxAttempts()) {
					lockTimedOut(script, attempt, limits, seen, limits.pauseBefore(attempt + 1), null);
					session.restore();
					pause(script, limits.pauseBefore(attempt + 1));
					continue;
				}
				throw failedWithoutTransaction(session, script, ex, direction, start, limits, attempt, seen,
						ex.done() > 0 || leftIndex, rolledBack, notRetried);
			}
			finally {
				if (watching != null) {
					watching.close();
				}
			}
		}
		try {
			session.writeHistory(after.apply(elapsed(start).toMillis()));
			session.wrote(afterRows);
		}
		catch (SQLException ex) {
			session.clean();
			session.restore();
			throw ownWriteFailure(session, script, ex, Stage.AFTER, direction);
		}
	}

	/** Records a failed no-transaction file and says what it left and what to do. */
	private MigrationFailedException failedWithoutTransaction(WorkSession session, Script script,
			ScriptRunner.StatementFailure ex, Direction direction, long start, StatementLimits limits, int attempt,
			@Nullable StatementWait seen, boolean leftTrace, boolean rolledBack, @Nullable String notRetried) {
		Connection connection = session.connection();
		ServerError error = ServerError.of(ex.sqlException(), ex.statement(), script.text(), connection);
		// The failure is recorded with the session put back (the check restores it first), so by
		// the migration user and not by a role the script switched to.
		String notRecorded = recordFailure(session, script.version(), leftTrace, direction, start,
				script.prepared().mask(error.message()));
		String advice = null;
		if (LOCK_NOT_AVAILABLE.equals(ex.sqlException().getSQLState())) {
			lockTimedOut(script, attempt, limits, seen, null, notRetried);
			advice = lockTimeoutAdvice(attempt, limits, seen, notRetried);
		}
		MigrationFailedException failure = failure(connection, script, ex,
				leftTrace ? Outcome.PARTIAL : Outcome.NOTHING_NO_TRANSACTION, direction, rolledBack, advice);
		return (notRecorded != null) ? withNote(failure, notRecorded) : failure;
	}

	/** Logs a lock timeout and tells the listeners; {@code retryIn} null when the file fails. */
	private void lockTimedOut(Script script, int attempt, StatementLimits limits, @Nullable StatementWait seen,
			@Nullable Duration retryIn, @Nullable String notRetried) {
		String waitedFor = (seen != null) ? " waiting for " + seen.describe() : "";
		if (retryIn != null) {
			logger.warn("Track '{}': {}{} timed out after {}{} (attempt {} of {}); rolled back, trying again"
					+ " in {} ms", this.configuration.track(), script.name(), script.versionNote(), limits.lockTimeoutText(),
					waitedFor, attempt, limits.maxAttempts(), retryIn.toMillis());
		}
		else {
			logger.warn("Track '{}': {}{} timed out after {}{} (attempt {} of {}){}",
					this.configuration.track(), script.name(), script.versionNote(), limits.lockTimeoutText(), waitedFor,
					attempt, limits.maxAttempts(), (notRetried != null) ? "; " + notRetried : "; giving up");
		}
		this.listener.lockTimedOut(new MigrationListener.LockTimedOut(this.configuration.track(), script.version(),
				script.name(), attempt, limits.maxAttempts(), limits.lockTimeout(), seen, retryIn));
	}

	private static String lockTimeoutAdvice(int attempt, StatementLimits limits, @Nullable StatementWait seen,
			@Nullable String notRetried) {
		StringBuilder advice = new StringBuilder("It waited ").append(limits.lockTimeoutText())
			.append(" for a lock (lock_timeout)");
		if (notRetried != null) {
			advice.append("; ").append(notRetried);
		}
		else {
			advice.append(" in each of ").append(attempt).append(" attempt").append((attempt == 1) ? "" : "s");
		}
		advice.append(seen != null ? "; it waited for " + seen.describe() : "").append(". ");
		advice.append("The file is fine: another session holds a lock it needs, usually a long or idle transaction;"
				+ " end that session");
		if (seen != null && !seen.blockers().isEmpty()) {
			advice.append(" (SELECT pg_terminate_backend(").append(seen.blockers().get(0).pid())
				.append(") if it is stuck)");
		}
		advice.append(" and run again, or raise cairn.lock-wait.lock-timeout (or -- cairn:lock-timeout in the file)"
				+ " if the wait is expected.");
		return advice.toString();
	}

	/**
	 * Records a failed no-transaction script: its row removed if nothing took effect, else marked
	 * failed. Returns why that could not be written, or null.
	 */
	private @Nullable String recordFailure(WorkSession session, Version version, boolean leftTrace,
			Direction direction, long start, String error) {
		String sql;
		int rows = 0;
		if (!leftTrace) {
			sql = (direction == Direction.UP) ? this.history.deleteSql(version) : this.history.restoreAppliedSql(version);
			rows = (direction == Direction.UP) ? -1 : 0;
		}
		else {
			sql = this.history.markFailedSql(version, elapsed(start).toMillis(),
					((direction == Direction.DOWN) ? "undo failed: " : "") + error);
		}
		try {
			session.writeHistory(sql);
			session.wrote(rows);
			return null;
		}
		catch (SQLException ex) {
			session.clean();
			session.restore();
			logger.warn("Track '{}': could not record the failure of version {} in the history table: {}",
					this.configuration.track(), version, ex.getMessage());
			return "Cairn could not record this failure in " + this.history.qualifiedName() + ": "
					+ describeOwn(ServerError.of(ex, null, "", session.connection()))
					+ ", so its row still says " + ((direction == Direction.UP) ? "in_progress" : "undoing")
					+ "; the next run reports it.";
		}
	}

	private static MigrationFailedException withNote(MigrationFailedException failure, String note) {
		MigrationFailedException noted = new MigrationFailedException(failure.getMessage() + "\n" + note,
				failure.track(), failure.version(), failure.script(), failure.line(), failure.sqlState(),
				failure.serverMessage(), failure.leftTrace(), (SQLException) failure.getCause());
		return noted;
	}

	/** Where one of Cairn's own writes failed, relative to the script. */
	private enum Stage {

		/** In the script's transaction, after its statements: all rolled back. */
		TRANSACTION,

		/** Before a no-transaction script's first statement: nothing ran. */
		BEFORE,

		/** After a no-transaction script's last statement: all of it ran. */
		AFTER

	}

	/**
	 * Cairn's own history write (or the check that goes with it) failed: not the file's fault,
	 * so the message says what Cairn could not do and why, never "fix the file".
	 */
	private MigrationFailedException ownWriteFailure(WorkSession session, Script script, SQLException ex, Stage stage,
			Direction direction) {
		Connection connection = session.connection();
		ServerError error = ServerError.of(ex, null, "", connection);
		if (error.connectionLost()) {
			session.markBroken();
		}
		String table = this.history.qualifiedName();
		String name = (direction == Direction.UP) ? "Migration " + script.name() + script.versionNote()
				: "Undoing version " + script.version() + " with " + script.name();
		String state = error.sqlState();
		// The headline names the cause when the check knows it.
		String what;
		if (WorkSession.HISTORY_CHANGED.equals(state)) {
			what = " changed Cairn's history table " + table + " (wrote to it, truncated, altered or dropped it)";
		}
		else if (AdvisoryLock.LOST.equals(state)) {
			what = ": the migration lock was lost while it ran";
		}
		else {
			what = switch (stage) {
				case TRANSACTION -> ": Cairn could not record it in " + table;
				case BEFORE -> ": Cairn could not record in " + table + " that it is starting";
				case AFTER -> " ran all its statements, but Cairn could not record that in " + table;
			};
		}
		StringBuilder message = new StringBuilder(name).append(what).append(": ").append(describeOwn(error))
			.append('\n');
		if (AdvisoryLock.LOST.equals(state)) {
			message.append("The session holding it (pid ").append(session.lockPid())
				.append(") was ended or lost its connection, so another instance may be migrating now. ");
		}
		else if (WorkSession.HISTORY_CHANGED.equals(state)) {
			message.append("A migration must never touch Cairn's history table. ");
		}
		if (stage == Stage.AFTER && (state != null && (state.equals(AdvisoryLock.LOST)
				|| state.equals(WorkSession.HISTORY_CHANGED)))) {
			message.append("It ran all its statements, but Cairn could not record that. ");
		}
		boolean partial = stage == Stage.AFTER;
		message.append(switch (stage) {
			case TRANSACTION -> "Nothing of it was applied (its transaction was rolled back)."
					+ (WorkSession.HISTORY_CHANGED.equals(state) ? " Remove the statements that touch " + table
							+ " from the file, then run again."
							: AdvisoryLock.LOST.equals(state) ? " Run again once no other instance is migrating."
									: " Grant the migration user INSERT, UPDATE and DELETE on " + table
											+ ", then run again.");
			case BEFORE -> "Nothing of it ran."
					+ (AdvisoryLock.LOST.equals(state) ? " Run again once no other instance is migrating."
							: " Grant the migration user INSERT, UPDATE and DELETE on " + table + ", then run again.");
			case AFTER -> "Its changes stay, and history "
					+ (WorkSession.HISTORY_CHANGED.equals(state) ? "no longer holds what was applied: restore the rows"
							+ " of " + table + " from a backup (or record the applied versions with force), remove"
							+ " the statements that touch it from the file, then run again."
							: "may still mark version " + script.version() + " as in progress: check that its changes"
									+ " are complete, then run repair (or force version " + script.version() + ")"
									+ " and run again.");
		});
		return new MigrationFailedException(message.toString(), this.configuration.track(), script.version(),
				script.name(), 0, error.sqlState(), error.message(), partial, ex);
	}

	private static String describeOwn(ServerError error) {
		return error.message() + ((error.sqlState() != null) ? " (SQLSTATE " + error.sqlState() + ")" : "")
				+ (error.connectionLost() ? "; the connection to the database was lost" : "");
	}

	private MigrationFailedException failure(Connection connection, Script script, ScriptRunner.StatementFailure ex,
			Outcome outcome, Direction direction, boolean rolledBack) {
		return failure(connection, script, ex, outcome, direction, rolledBack, null);
	}

	/** @param lockAdvice what to do after a lock timeout, in place of "fix the file"; null otherwise */
	private MigrationFailedException failure(Connection connection, Script script, ScriptRunner.StatementFailure ex,
			Outcome outcome, Direction direction, boolean rolledBack, @Nullable String lockAdvice) {
		ServerError error = ServerError.of(ex.sqlException(), ex.statement(), script.text(), connection);
		String verb = (direction == Direction.UP) ? "Migration " : "Undoing version " + script.version() + " with ";
		StringBuilder message = new StringBuilder(verb).append(script.name());
		if (direction == Direction.UP) {
			message.append(script.versionNote());
		}
		message.append(" failed").append(error.describe()).append('\n');
		if (error.connectionLost()) {
			message.append("The connection to the database was lost. ");
		}
		String table = this.history.qualifiedName();
		String subject = (direction == Direction.UP) ? "this migration" : "this down file";
		String next = switch (outcome) {
			case NOTHING -> "Nothing of " + subject + " was applied (its transaction was rolled back)"
					+ ((direction == Direction.UP) ? "; migrations before it stay applied"
							: "; version " + script.version() + " stays applied")
					+ ". Fix the file (or the data it trips over) and run again"
					+ ((script.version() == null) ? ": the next run applies it again" : "") + ".";
			case NOTHING_NO_TRANSACTION -> "Its first statement failed, so nothing of it took effect"
					+ ((direction == Direction.UP) ? " and history has no row for it"
							: " and version " + script.version() + " stays applied")
					+ ". Fix the file and run again.";
			case PARTIAL -> "It runs without a transaction, so the statements before the failing one stay applied"
					+ (rolledBack ? " (except those in the transaction it opened itself, which was rolled back)" : "")
					+ ", and"
					+ " history marks version " + script.version() + " as failed. Finish or undo its statements by"
					+ " hand (drop any INVALID index a CONCURRENTLY build left), then run repair (or delete the row"
					+ " with DELETE FROM " + table + " WHERE version = '" + script.version() + "') and run again.";
		};
		if (READ_ONLY.equals(error.sqlState()) && outcome != Outcome.PARTIAL) {
			// Not the file's fault: the same file runs on a writable database.
			next = "The database is read-only (a hot standby, or default_transaction_read_only is on), so nothing of "
					+ subject + " was applied: point Cairn at the primary and run again.";
		}
		if (error.sqlState() != null && error.sqlState().equals("55P03") && outcome == Outcome.NOTHING
				&& String.valueOf(ex.sqlException().getMessage()).contains("Could not write history table")) {
			// Not the file's fault either: another session holds the history table (HistoryTable's guarded writes).
			next = "Nothing of " + subject + " was applied (its transaction was rolled back); the file is fine: run"
					+ " again once that session is gone.";
		}
		if (lockAdvice != null) {
			next = switch (outcome) {
				case NOTHING -> "Nothing of " + subject + " was applied (its transaction was rolled back)"
						+ ((direction == Direction.DOWN) ? "; version " + script.version() + " stays applied" : "") + ". ";
				case NOTHING_NO_TRANSACTION -> "Nothing of it took effect"
						+ ((direction == Direction.DOWN) ? "; version " + script.version() + " stays applied" : "") + ". ";
				case PARTIAL -> next + " ";
			} + lockAdvice;
		}
		message.append(next);
		// The server's answer and the statement may carry a secret placeholder value: masked, the cause too.
		PreparedSql prepared = script.prepared();
		SQLException cause = ex.sqlException();
		if (!prepared.secrets().isEmpty()) {
			cause = new SQLException(prepared.mask(cause.getMessage()), cause.getSQLState(), cause.getErrorCode());
		}
		return new MigrationFailedException(prepared.mask(message.toString()), this.configuration.track(),
				script.version(), script.name(), error.line(), error.sqlState(), prepared.mask(error.message()),
				outcome == Outcome.PARTIAL, cause);
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static List<String> concat(List<String> first, List<String> rest) {
		List<String> all = new ArrayList<>(first.size() + rest.size());
		all.addAll(first);
		all.addAll(rest);
		return all;
	}

	private ScriptRunner runnerFor(Script script) {
		return script.prepared().secrets().isEmpty() ? this.runner : this.runner.masking(script.prepared()::mask);
	}

	/**
	 * A file about to run: its version ({@code null} for a repeatable), name for messages, text and
	 * statements, and what masks its secret placeholder values.
	 */
	private record Script(@Nullable Version version, String name, String text, SqlScript parsed, PreparedSql prepared) {

		String versionNote() {
			return (this.version != null) ? " (version " + this.version + ")" : " (repeatable)";
		}

	}

	private enum Direction {

		UP, DOWN

	}

	/** What a failure left behind. */
	private enum Outcome {

		/** A transaction was rolled back. */
		NOTHING,

		/** A no-transaction script failed at its first statement. */
		NOTHING_NO_TRANSACTION,

		/** A no-transaction script failed after statements took effect. */
		PARTIAL

	}

}
