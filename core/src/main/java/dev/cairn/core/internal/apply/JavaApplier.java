package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Secrets;
import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.core.internal.migration.JavaClassMigration;
import dev.cairn.core.internal.migration.PreparedJava;

/**
 * The applier of Java migrations, on the migration session (auto-commit on, lock held on
 * another session), with the session promises of a SQL file ({@link WorkSession}).
 *
 * <p>A transactional migration runs between Cairn's {@code BEGIN} and a batch of the session
 * check, its history write and {@code COMMIT}: applied and recorded together, or not at all.
 * Before anything is recorded Cairn reads back what the migration did to the session: a refused
 * call on its connection ({@link GuardedConnection}), a transaction it ended itself (a
 * {@code COMMIT} sent as SQL), an error it swallowed, a closed connection, auto-commit switched.
 * Any of them fails the migration instead of recording it.
 *
 * <p>A non-transactional one is recorded {@code in_progress} first, runs in auto-commit mode
 * (it may commit batches itself but must end with no transaction open), and is then marked
 * applied, or failed if it threw.
 */
final class JavaApplier implements Applier<PreparedJava> {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	private final MigrationListener listener;

	JavaApplier(CairnConfiguration configuration, HistoryTable history, MigrationListener listener) {
		this.configuration = configuration;
		this.history = history;
		this.listener = listener;
	}

	@Override
	public void apply(WorkSession session, PreparedJava prepared, boolean recovery) {
		JavaClassMigration migration = prepared.migration();
		Step step = new Step(migration, false);
		if (recovery) {
			// A crashed run left it in progress (only a non-transactional one can be): undo it if it can be
			// undone, as a down file is run in that case, then its row goes and it runs again.
			logger.warn("Track '{}': {} (version {}) was left in progress by an interrupted run; {}running it again",
					track(), migration.displayName(), migration.version(), migration.undoable() ? "undoing and " : "");
			if (migration.undoable()) {
				Step undo = new Step(migration, true);
				JavaContext context = context(session.connection(), undo, false);
				Throwable thrown = run(undo, context);
				String misuse = misuse(session, context, false);
				if (thrown != null || misuse != null) {
					session.clean();
					session.restore();
					MigrationFailedException failure = failure(session, undo, thrown, misuse, Outcome.PARTIAL);
					throw new MigrationFailedException(failure.getMessage().replace("history marks version "
							+ migration.version() + " as failed", "history still marks version " + migration.version()
									+ " in progress"), failure.track(), failure.version(), failure.script(), 0,
							failure.sqlState(), failure.serverMessage(), true, failure.getCause());
				}
			}
			writeOwn(session, step, Stage.BEFORE, -1, this.history.deleteSql(migration.version()));
		}
		if (migration.transactional()) {
			inTransaction(session, step, this.history.insertAppliedSql(migration.version(), migration.description(),
					migration.script(), migration.checksum(), prepared.type().name(), this.configuration.installedBy()),
					1);
		}
		else {
			withoutTransaction(session, step, this.history.insertInProgressSql(migration.version(),
					migration.description(), migration.script(), migration.checksum(), prepared.type().name(),
					this.configuration.installedBy()), 1, (millis) -> this.history.markAppliedSql(migration.version(), millis),
					0);
		}
	}

	@Override
	public void undo(WorkSession session, PreparedJava undo) {
		JavaClassMigration migration = undo.migration();
		Step step = new Step(migration, true);
		Version version = migration.version();
		if (migration.transactional()) {
			inTransaction(session, step, this.history.deleteSql(version), -1);
		}
		else {
			withoutTransaction(session, step, this.history.markUndoingSql(version), 0,
					(millis) -> this.history.deleteSql(version), -1);
		}
	}

	private void inTransaction(WorkSession session, Step step, String historyWrite, int rows) {
		Connection connection = session.connection();
		String started;
		try {
			started = begin(connection);
		}
		catch (SQLException ex) {
			session.clean();
			autoCommitBack(session, connection);
			throw ownWriteFailure(session, step, ex, Stage.BEFORE);
		}
		JavaContext context = context(connection, step, true);
		Throwable thrown = run(step, context);
		String misuse = misuse(session, context, true);
		if (thrown != null || misuse != null) {
			session.clean();
			autoCommitBack(session, connection);
			session.restore();
			throw failure(session, step, thrown, misuse, Outcome.NOTHING);
		}
		try (Statement batch = connection.createStatement()) {
			for (String check : session.checkInMigrationTransaction()) {
				batch.addBatch(check);
			}
			batch.addBatch(sameTransaction(started));
			batch.addBatch(historyWrite);
			batch.addBatch("COMMIT");
			batch.executeBatch();
			session.wrote(rows);
		}
		catch (SQLException ex) {
			ScriptRunner.rollback(connection);
			session.clean();
			autoCommitBack(session, connection);
			session.restore();
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			if (RESTARTED.equals(cause.getSQLState())) {
				throw failure(session, step, null, "ended the transaction it runs in and started another (a COMMIT sent"
						+ " as SQL, then more statements): what it did before that is committed and not recorded in"
						+ " history, the rest was rolled back", Outcome.NOTHING);
			}
			throw ownWriteFailure(session, step, cause, Stage.TRANSACTION);
		}
		autoCommitBack(session, connection);
	}

	/** SQLSTATE of the check that the migration's transaction is still the one Cairn began. */
	private static final String RESTARTED = "CRN03";

	/**
	 * Begins the migration's transaction and reads its start time, in one round trip; auto-commit
	 * then goes off (only the driver's flag: the transaction is open), so the migration sees a
	 * connection in a transaction and can use savepoints.
	 */
	static String begin(Connection connection) throws SQLException {
		String started;
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN; SELECT pg_catalog.now()::text");
			statement.getMoreResults();
			try (java.sql.ResultSet result = statement.getResultSet()) {
				result.next();
				started = result.getString(1);
			}
		}
		connection.setAutoCommit(false);
		return started;
	}

	/** Fails unless the transaction is the one {@link #begin} began (a migration's COMMIT starts another). */
	private static String sameTransaction(String started) {
		return "DO $cairn_tx$ BEGIN IF pg_catalog.now() <> " + HistoryTable.literal(started) + "::timestamptz THEN RAISE"
				+ " EXCEPTION USING ERRCODE = '" + RESTARTED + "', MESSAGE = 'the migration ended its transaction';"
				+ " END IF; END $cairn_tx$";
	}

	/**
	 * Turns auto-commit back on once no transaction is open (the driver would commit an open one);
	 * a session where that fails is not given back.
	 */
	static void autoCommitBack(@Nullable WorkSession session, Connection connection) {
		try {
			if (connection.isClosed() || connection.getAutoCommit()) {
				return;
			}
			if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
				ScriptRunner.rollback(connection);
			}
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			if (session != null) {
				session.markBroken();
			}
		}
	}

	private void withoutTransaction(WorkSession session, Step step, String before, int beforeRows,
			java.util.function.LongFunction<String> after, int afterRows) {
		long start = System.nanoTime();
		writeOwn(session, step, Stage.BEFORE, beforeRows, before);
		Connection connection = session.connection();
		JavaContext context = context(connection, step, false);
		Throwable thrown = run(step, context);
		String misuse = misuse(session, context, false);
		if (thrown != null || misuse != null) {
			session.clean();
			MigrationFailedException failure = failure(session, step, thrown, misuse, Outcome.PARTIAL);
			String error = ((step.undo()) ? "undo failed: " : "") + firstLine(failure.getMessage());
			try {
				if (session.broken()) {
					throw new SQLException("the migration session was closed", "08003");
				}
				session.writeHistory(this.history.markFailedSql(step.version(), elapsed(start).toMillis(), error));
				session.wrote(0);
			}
			catch (SQLException ex) {
				session.clean();
				session.restore();
				logger.warn("Could not record the failure of version {} in the history table: {}", step.version(),
						ex.getMessage());
				failure = new MigrationFailedException(failure.getMessage() + "\nCairn could not record this failure in "
						+ this.history.qualifiedName() + " (" + ex.getMessage() + "), so its row still says "
						+ (step.undo() ? "undoing" : "in_progress") + "; the next run reports it.", failure.track(),
						failure.version(), failure.script(), 0, failure.sqlState(), failure.serverMessage(), true,
						failure.getCause());
			}
			throw failure;
		}
		writeOwn(session, step, Stage.AFTER, afterRows, after.apply(elapsed(start).toMillis()));
	}

	private void writeOwn(WorkSession session, Step step, Stage stage, int rows, String write) {
		try {
			session.writeHistory(write);
			session.wrote(rows);
		}
		catch (SQLException ex) {
			session.clean();
			session.restore();
			throw ownWriteFailure(session, step, ex, stage);
		}
	}

	private JavaContext context(Connection connection, Step step, boolean inTransaction) {
		return new JavaContext(connection, inTransaction, false, track(), step.version(), step.migration().script(),
				this.listener, this.configuration.engine().javaMigrationScope());
	}

	/** Runs the migration's method; what it threw, or {@code null}. The JVM's own fatal errors go on up. */
	static @Nullable Throwable run(JavaMigration migration, boolean undo, JavaContext context) {
		try {
			context.scope().run(context, () -> {
				if (undo) {
					migration.undo(context);
				}
				else {
					migration.migrate(context);
				}
			});
			return null;
		}
		catch (VirtualMachineError ex) {
			context.guard().finish();
			throw ex;
		}
		catch (Exception | Error ex) {
			return ex;
		}
	}

	private static @Nullable Throwable run(Step step, JavaContext context) {
		return run(step.migration().instance(), step.undo(), context);
	}

	/**
	 * What the migration did to its session that Cairn cannot record over, read from the driver
	 * (which follows the server's transaction state), or {@code null}. Puts auto-commit back on
	 * where it was switched.
	 */
	static @Nullable String misuse(@Nullable WorkSession session, JavaContext context, boolean inTransaction) {
		GuardedConnection guard = context.guard();
		guard.finish();
		if (guard.misuse() != null) {
			return guard.misuse();
		}
		Connection connection = guard.connectionUnderneath();
		try {
			if (connection.isClosed()) {
				if (session != null) {
					session.markBroken();
				}
				return "closed its connection (through the driver underneath)";
			}
			TransactionState state = connection.unwrap(BaseConnection.class).getTransactionState();
			boolean autoCommit = connection.getAutoCommit();
			if (inTransaction) {
				if (state == TransactionState.IDLE) {
					return "ended the transaction it runs in (a COMMIT or ROLLBACK sent as SQL, or through the driver"
							+ " underneath): what it did before that may be committed, and is not recorded in history";
				}
				if (state == TransactionState.FAILED) {
					return "carried on after a statement failed (it caught the SQLException), so its transaction is"
							+ " aborted: let the exception propagate, or use a savepoint to recover from it";
				}
				if (autoCommit) {
					return "switched auto-commit on (through the driver underneath)";
				}
				return null;
			}
			if (state != TransactionState.IDLE) {
				ScriptRunner.rollback(connection);
				autoCommitBack(session, connection);
				return "left a transaction open" + (autoCommit ? "" : " (auto-commit off without a final commit)")
						+ ", so it was rolled back: commit the last batch before returning";
			}
			autoCommitBack(session, connection);
			return null;
		}
		catch (SQLException ex) {
			if (session != null) {
				session.markBroken();
			}
			return "left its connection unusable (" + Secrets.mask(ex.getMessage()) + ")";
		}
	}

	private MigrationFailedException failure(WorkSession session, Step step, @Nullable Throwable thrown,
			@Nullable String misuse, Outcome outcome) {
		SQLException sql = sqlCause(thrown);
		ServerError error = (sql != null) ? ServerError.of(sql, null, "", session.connection()) : null;
		StringBuilder message = new StringBuilder(step.headline()).append(" failed: ");
		if (misuse != null) {
			message.append("it ").append(misuse);
		}
		else {
			message.append(describe(thrown));
		}
		message.append('\n');
		if (error != null && error.connectionLost()) {
			message.append("The connection to the database was lost. ");
		}
		if (outcome == Outcome.NOTHING) {
			message.append("Nothing of ").append(step.undo() ? "the undo" : "this migration")
				.append(" was applied (its transaction was rolled back)")
				.append(step.undo() ? "; version " + step.version() + " stays applied"
						: "; migrations before it stay applied")
				.append(". Fix the migration (or the data it trips over) and run again.");
		}
		else {
			message.append("It runs without a transaction, so what it committed before failing stays, and history marks"
					+ " version ").append(step.version()).append(" as failed. Check the data it works on, then run repair"
							+ " (or DELETE FROM " + this.history.qualifiedName() + " WHERE version = '" + step.version()
							+ "') and run again; it must carry on where it stopped.");
		}
		return new MigrationFailedException(message.toString(), track(), step.version(), step.migration().displayName(),
				0, (error != null) ? error.sqlState() : null,
				(error != null) ? Secrets.mask(error.message()) : null, outcome == Outcome.PARTIAL,
				(thrown != null) ? Secrets.masked(thrown) : null);
	}

	/** "IllegalStateException: no such customer" with passwords masked, and the server's SQLSTATE if any. */
	static String describe(@Nullable Throwable thrown) {
		if (thrown == null) {
			return "it threw nothing";
		}
		SQLException sql = sqlCause(thrown);
		String text = thrown.getClass().getSimpleName() + ": " + Secrets.mask(String.valueOf(thrown.getMessage()));
		if (sql != null && sql != thrown) {
			text += " (caused by " + sql.getClass().getSimpleName() + ": " + Secrets.mask(sql.getMessage()) + ")";
		}
		if (sql != null && sql.getSQLState() != null) {
			text += " (SQLSTATE " + sql.getSQLState() + ")";
		}
		return text;
	}

	private static @Nullable SQLException sqlCause(@Nullable Throwable thrown) {
		for (Throwable each = thrown; each != null; each = (each.getCause() == each) ? null : each.getCause()) {
			if (each instanceof SQLException sql) {
				return sql;
			}
		}
		return null;
	}

	/** Cairn's own history write failed: not the migration's fault, and the message says so. */
	private MigrationFailedException ownWriteFailure(WorkSession session, Step step, SQLException ex, Stage stage) {
		ServerError error = ServerError.of(ex, null, "", session.connection());
		if (error.connectionLost()) {
			session.markBroken();
		}
		String table = this.history.qualifiedName();
		String state = error.sqlState();
		StringBuilder message = new StringBuilder(step.headline());
		if (WorkSession.HISTORY_CHANGED.equals(state)) {
			message.append(" changed Cairn's history table ").append(table);
		}
		else if (AdvisoryLock.LOST.equals(state)) {
			message.append(": the migration lock was lost while it ran");
		}
		else {
			message.append(switch (stage) {
				case TRANSACTION -> ": Cairn could not record it in " + table;
				case BEFORE -> ": Cairn could not record in " + table + " that it is starting";
				case AFTER -> " ran to the end, but Cairn could not record that in " + table;
			});
		}
		message.append(": ").append(Secrets.mask(error.message()))
			.append((state != null) ? " (SQLSTATE " + state + ")" : "").append('\n');
		message.append(switch (stage) {
			case TRANSACTION -> "Nothing of it was applied (its transaction was rolled back). "
					+ (WorkSession.HISTORY_CHANGED.equals(state) ? "A migration must never touch " + table + "."
							: AdvisoryLock.LOST.equals(state) ? "Run again once no other instance is migrating."
									: "Grant the migration user INSERT, UPDATE and DELETE on " + table
											+ ", then run again.");
			case BEFORE -> "Nothing of it ran. Grant the migration user INSERT, UPDATE and DELETE on " + table
					+ " (or wait until no other instance is migrating), then run again.";
			case AFTER -> "Its changes stay, and history may still mark version " + step.version() + " as in progress:"
					+ " check that its work is complete, then run repair (or force version " + step.version()
					+ ") and run again.";
		});
		return new MigrationFailedException(message.toString(), track(), step.version(), step.migration().displayName(),
				0, state, error.message(), stage == Stage.AFTER, ex);
	}

	private String track() {
		return this.configuration.track();
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end >= 0) ? text.substring(0, end) : text;
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** The migration and whether its undo runs. */
	private record Step(JavaClassMigration migration, boolean undo) {

		Version version() {
			return this.migration.version();
		}

		String headline() {
			return this.undo ? "Undoing version " + version() + " with " + this.migration.undoName()
					: this.migration.displayName() + " (version " + version() + ")";
		}

	}

	private enum Stage {

		TRANSACTION, BEFORE, AFTER

	}

	private enum Outcome {

		NOTHING, PARTIAL

	}

}
