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
import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.migration.RepeatableMigration;
import dev.cairn.core.internal.migration.SnapshotMigration;
import dev.cairn.core.MigrationType;
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

	/** SQLSTATE read_only_sql_transaction: a standby, or default_transaction_read_only. */
	private static final String READ_ONLY = "25006";

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	private final ScriptRunner runner;

	SqlApplier(CairnConfiguration configuration, HistoryTable history) {
		this.configuration = configuration;
		this.history = history;
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
		if (migration instanceof SnapshotMigration snapshot) {
			// One transaction: the snapshot's statements and a row for every migration it stands for.
			List<String> writes = new ArrayList<>();
			for (Migration covered : snapshot.covered()) {
				writes.add(this.history.insertRecordedSql(covered.version(), covered.description(), covered.script(),
						covered.checksum(), MigrationType.SNAPSHOT.name(), this.configuration.installedBy()));
			}
			runInTransaction(session, up, writes, writes.size(), Direction.UP);
			return;
		}
		// A repeatable is always transactional (RepeatableMigration#prepare refuses the directive).
		String key = (migration instanceof RepeatableMigration repeatable) ? repeatable.historyKey()
				: migration.version().toString();
		if (prepared.script().transactional()) {
			runInTransaction(session, up, List.of(this.history.insertAppliedSql(key,
					migration.description(), migration.script(), migration.checksum(), type,
					this.configuration.installedBy())), 1, Direction.UP);
		}
		else {
			runWithoutTransaction(session, up,
					this.history.insertInProgressSql(migration.version(), migration.description(), migration.script(),
							migration.checksum(), type, this.configuration.installedBy()), 1,
					(millis) -> this.history.markAppliedSql(migration.version(), millis), 0, Direction.UP, start);
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
		if (down.script().transactional()) {
			runInTransaction(session, script, List.of(this.history.deleteSql(version)), -1, Direction.DOWN);
		}
		else {
			runWithoutTransaction(session, script, this.history.markUndoingSql(version), 0,
					(millis) -> this.history.deleteSql(version), -1, Direction.DOWN, start);
		}
	}

	/**
	 * The script, the session check (restore, lock held, history rows as expected) and the
	 * history write in one transaction: a failure of any rolls back all, including the session
	 * changes the script made (SET is transactional).
	 */
	private void runInTransaction(WorkSession session, Script script, List<String> historyWrites, int rows,
			Direction direction) {
		Connection connection = session.connection();
		try {
			runnerFor(script).inTransaction(connection, script.name(), script.parsed().statements(),
					concat(session.check(true), historyWrites));
			session.wrote(rows);
		}
		catch (ScriptRunner.StatementFailure ex) {
			session.clean();
			session.restore();
			throw ex.ownWrite() ? ownWriteFailure(session, script, ex.sqlException(), Stage.TRANSACTION, direction)
					: failure(connection, script, ex, Outcome.NOTHING, direction, false);
		}
	}

	private void runWithoutTransaction(WorkSession session, Script script, String before, int beforeRows,
			java.util.function.LongFunction<String> after, int afterRows, Direction direction, long start) {
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
		try {
			runnerFor(script).withoutTransaction(connection, script.name(), statements);
		}
		catch (ScriptRunner.StatementFailure ex) {
			// The script may have opened a transaction of its own (BEGIN) and failed inside it, leaving
			// it aborted: roll it back first, or nothing Cairn sends afterwards can run.
			boolean rolledBack = session.clean();
			SqlStatement failed = ex.statement();
			// Nothing changed if the first statement failed, unless it was a concurrent index build,
			// which leaves an invalid index behind.
			boolean leftTrace = ex.done() > 0 || (failed != null && Recovery.buildsIndexConcurrently(failed)
					&& Recovery.mayHaveLeftIndex(connection, failed));
			ServerError error = ServerError.of(ex.sqlException(), failed, script.text(), connection);
			// The failure is recorded with the session put back (the check restores it first), so by
			// the migration user and not by a role the script switched to.
			String notRecorded = recordFailure(session, script.version(), leftTrace, direction, start,
					script.prepared().mask(error.message()));
			MigrationFailedException failure = failure(connection, script, ex,
					leftTrace ? Outcome.PARTIAL : Outcome.NOTHING_NO_TRANSACTION, direction, rolledBack);
			if (notRecorded != null) {
				failure = withNote(failure, notRecorded);
			}
			throw failure;
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
			logger.warn("Could not record the failure of version {} in the history table: {}", version, ex.getMessage());
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

	private static List<String> concat(String first, List<String> rest) {
		List<String> all = new ArrayList<>(rest.size() + 1);
		all.add(first);
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
