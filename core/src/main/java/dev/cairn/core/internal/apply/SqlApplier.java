package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.migration.PreparedSql;
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
	public void apply(Connection connection, PreparedSql prepared, boolean recovery) {
		SqlMigration migration = prepared.migration();
		long start = System.nanoTime();
		if (recovery) {
			Recovery.prepare(connection, this.history, migration, this.runner, this.configuration.track());
		}
		Script up = new Script(migration.version(), prepared.name(), prepared.text(), prepared.script());
		String type = prepared.type().name();
		if (prepared.script().transactional()) {
			runInTransaction(connection, up, this.history.insertAppliedSql(migration.version(),
					migration.description(), migration.script(), migration.checksum(), type,
					this.configuration.installedBy()), Direction.UP);
		}
		else {
			runWithoutTransaction(connection, up,
					this.history.insertInProgressSql(migration.version(), migration.description(), migration.script(),
							migration.checksum(), type, this.configuration.installedBy()),
					(millis) -> this.history.markAppliedSql(migration.version(), millis), Direction.UP, start);
		}
	}

	/**
	 * Runs a down file and removes the version's history row, in one transaction unless the
	 * down file says {@code -- cairn:no-transaction}.
	 */
	@Override
	public void undo(Connection connection, PreparedSql down) {
		Version version = down.migration().version();
		long start = System.nanoTime();
		Script script = new Script(version, down.name(), down.text(), down.script());
		if (down.script().transactional()) {
			runInTransaction(connection, script, this.history.deleteSql(version), Direction.DOWN);
		}
		else {
			runWithoutTransaction(connection, script, this.history.markUndoingSql(version),
					(millis) -> this.history.deleteSql(version), Direction.DOWN, start);
		}
	}

	private void runInTransaction(Connection connection, Script script, String historyWrite, Direction direction) {
		List<String> writes = new ArrayList<>(2);
		restoreStatement(connection, script).ifPresent(writes::add);
		writes.add(historyWrite);
		try {
			this.runner.inTransaction(connection, script.name(), script.parsed().statements(), writes);
		}
		catch (ScriptRunner.StatementFailure ex) {
			throw failure(connection, script, ex, Outcome.NOTHING, direction);
		}
	}

	private void runWithoutTransaction(Connection connection, Script script, String before,
			java.util.function.LongFunction<String> after, Direction direction, long start) {
		List<SqlStatement> statements = script.parsed().statements();
		String restore = restoreStatement(connection, script).orElse(null);
		try {
			ScriptRunner.execute(connection, before);
			this.runner.withoutTransaction(connection, script.name(), statements);
			if (restore != null) {
				ScriptRunner.execute(connection, restore);
			}
			ScriptRunner.execute(connection, after.apply(elapsed(start).toMillis()));
		}
		catch (ScriptRunner.StatementFailure ex) {
			SqlStatement failed = ex.statement();
			// Nothing changed if the first statement failed, unless it was a concurrent index build,
			// which leaves an invalid index behind.
			boolean leftTrace = ex.done() > 0 || (failed != null && Recovery.buildsIndexConcurrently(failed)
					&& Recovery.mayHaveLeftIndex(connection, failed));
			MigrationFailedException failure = failure(connection, script, ex,
					leftTrace ? Outcome.PARTIAL : Outcome.NOTHING_NO_TRANSACTION, direction);
			// Statements before the failing one may have changed the role or settings: put them back
			// before the failure is recorded and the connection goes back to the caller.
			restoreQuietly(connection, restore);
			recordFailure(connection, script.version(), leftTrace, direction, start, failure);
			throw failure;
		}
		catch (SQLException ex) {
			throw failure(connection, script, new ScriptRunner.StatementFailure(null, ex), Outcome.NOTHING_NO_TRANSACTION,
					direction);
		}
	}

	private static void restoreQuietly(Connection connection, @Nullable String restore) {
		if (restore != null) {
			try {
				ScriptRunner.execute(connection, restore);
			}
			catch (SQLException ex) {
				logger.warn("Could not restore the session settings the failed migration changed: {}", ex.getMessage());
			}
		}
	}

	private void recordFailure(Connection connection, Version version, boolean leftTrace, Direction direction,
			long start, MigrationFailedException failure) {
		String sql;
		if (!leftTrace) {
			sql = (direction == Direction.UP) ? this.history.deleteSql(version) : this.history.restoreAppliedSql(version);
		}
		else {
			sql = this.history.markFailedSql(version, elapsed(start).toMillis(),
					((direction == Direction.DOWN) ? "undo failed: " : "")
							+ ((failure.serverMessage() != null) ? failure.serverMessage() : failure.getMessage()));
		}
		try {
			ScriptRunner.execute(connection, sql);
		}
		catch (SQLException ex) {
			// The in_progress (or undoing) row stays; the next run reports it, which is the safe side.
			logger.warn("Could not record the failure of version {} in the history table: {}", version, ex.getMessage());
		}
	}

	private java.util.Optional<String> restoreStatement(Connection connection, Script script) {
		Set<String> changed = SessionSettings.changedBy(script.parsed().statements());
		if (changed.isEmpty()) {
			return java.util.Optional.empty();
		}
		try {
			return java.util.Optional.of(SessionSettings.captureRestore(connection, changed));
		}
		catch (SQLException ex) {
			throw failure(connection, script, new ScriptRunner.StatementFailure(null, ex), Outcome.NOTHING_NO_TRANSACTION,
					Direction.UP);
		}
	}

	private MigrationFailedException failure(Connection connection, Script script, ScriptRunner.StatementFailure ex,
			Outcome outcome, Direction direction) {
		ServerError error = ServerError.of(ex.sqlException(), ex.statement(), script.text(), connection);
		String verb = (direction == Direction.UP) ? "Migration " : "Undoing version " + script.version() + " with ";
		StringBuilder message = new StringBuilder(verb).append(script.name());
		if (direction == Direction.UP) {
			message.append(" (version ").append(script.version()).append(')');
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
					+ ". Fix the file (or the data it trips over) and run again.";
			case NOTHING_NO_TRANSACTION -> "Its first statement failed, so nothing of it took effect"
					+ ((direction == Direction.UP) ? " and history has no row for it"
							: " and version " + script.version() + " stays applied")
					+ ". Fix the file and run again.";
			case PARTIAL -> "It runs without a transaction, so the statements before the failing one stay applied, and"
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
		return new MigrationFailedException(message.toString(), this.configuration.track(), script.version(),
				script.name(), error.line(), error.sqlState(), error.message(), outcome == Outcome.PARTIAL,
				ex.sqlException());
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** A file about to run: its version, name for messages, text and statements. */
	private record Script(Version version, String name, String text, SqlScript parsed) {
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
