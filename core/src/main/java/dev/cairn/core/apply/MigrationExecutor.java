package dev.cairn.core.apply;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Version;
import dev.cairn.core.history.HistoryTable;
import dev.cairn.core.plan.PendingMigration;
import dev.cairn.core.scan.ResolvedMigration;
import dev.cairn.core.sql.SqlScriptParser;
import dev.cairn.core.sql.SqlStatement;

/**
 * Applies one pending migration on the run's connection (auto-commit on, lock held).
 *
 * <p>A transactional migration is sent as one JDBC batch: {@code BEGIN}, its statements, its
 * history insert and {@code COMMIT}, which pgjdbc pipelines in about one round trip. It is
 * applied completely or not at all. Scripts with a statement that may return rows (a
 * {@code SELECT setval(...)}, {@code RETURNING}), which a batch refuses, run statement by
 * statement inside the same explicit transaction instead.
 *
 * <p>A {@code -- cairn:no-transaction} migration first records an {@code in_progress} row,
 * then runs its statements one at a time, then marks the row applied, so a crash in between
 * is visible to the next run.
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	/** pgjdbc's SQLSTATE for "a result was returned when none was expected". */
	private static final String TOO_MANY_RESULTS = "0100E";

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	private final MigrationListener listener;

	public MigrationExecutor(CairnConfiguration configuration, HistoryTable history, MigrationListener listener) {
		this.configuration = configuration;
		this.history = history;
		this.listener = listener;
	}

	public AppliedMigration apply(Connection connection, PendingMigration pending, int index, int total) {
		ResolvedMigration migration = pending.migration();
		String track = this.configuration.track();
		this.listener.migrationStarted(new MigrationListener.MigrationStarted(track, migration.version(),
				migration.description(), migration.script(), pending.type(), index, total, Instant.now()));
		long start = System.nanoTime();
		try {
			if (pending.script().transactional()) {
				applyInTransaction(connection, pending);
			}
			else {
				applyWithoutTransaction(connection, pending, start);
			}
		}
		catch (MigrationFailedException ex) {
			this.listener.migrationFailed(new MigrationListener.MigrationFailed(track, migration.version(),
					migration.up().displayName(), elapsed(start), ex));
			throw ex;
		}
		AppliedMigration applied = new AppliedMigration(migration.version(), migration.description(), migration.script(),
				pending.type(), pending.script().statements().size(), elapsed(start));
		logger.info("Track '{}': applied {} (version {}, {}{}) in {} ms", track, migration.script(), migration.version(),
				migration.description(), (pending.type() == MigrationType.SQL_NO_TRANSACTION) ? ", no transaction" : "",
				applied.duration().toMillis());
		this.listener.migrationApplied(new MigrationListener.MigrationApplied(track, applied, index, total));
		return applied;
	}

	private void applyInTransaction(Connection connection, PendingMigration pending) {
		List<SqlStatement> statements = pending.script().statements();
		String insert = this.history.insertAppliedSql(pending.migration().version(), pending.migration().description(),
				pending.migration().script(), pending.migration().checksum(), pending.type().name(), installedBy());
		String restore = restoreStatement(connection, pending, statements);
		if (statements.stream().noneMatch(SqlStatement::mayReturnRows)) {
			try {
				runBatch(connection, pending, statements, restore, insert);
				return;
			}
			catch (ResultsReturned ex) {
				// A statement returned rows after all: run it again one statement at a time.
			}
		}
		runOneByOne(connection, pending, statements, restore, insert);
	}

	private void runBatch(Connection connection, PendingMigration pending, List<SqlStatement> statements,
			@Nullable String restore, String insert) {
		try (Statement batch = connection.createStatement()) {
			batch.setEscapeProcessing(false);
			batch.addBatch("BEGIN");
			for (SqlStatement statement : statements) {
				batch.addBatch(statement.sql());
			}
			if (restore != null) {
				batch.addBatch(restore);
			}
			batch.addBatch(insert);
			batch.addBatch("COMMIT");
			batch.executeBatch();
			logWarnings(pending, batch.getWarnings());
		}
		catch (BatchUpdateException ex) {
			rollback(connection);
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			if (TOO_MANY_RESULTS.equals(cause.getSQLState()) || TOO_MANY_RESULTS.equals(ex.getSQLState())) {
				throw new ResultsReturned();
			}
			throw failure(connection, pending, failedEntry(ex, statements), cause, false);
		}
		catch (SQLException ex) {
			rollback(connection);
			throw failure(connection, pending, null, ex, false);
		}
	}

	/**
	 * The statement a failed batch stopped at. pgjdbc marks every entry as failed in the update
	 * counts, but names the failing entry and its SQL in the message ("Batch entry 3 ... was
	 * aborted"); the SQL is checked so a translated message cannot mislead.
	 */
	static @Nullable SqlStatement failedEntry(BatchUpdateException ex, List<SqlStatement> statements) {
		String message = String.valueOf(ex.getMessage());
		Matcher number = Pattern.compile("\\d+").matcher(message);
		if (number.find()) {
			// Entry 0 is BEGIN, so entry n is statement n - 1; later entries are Cairn's own.
			int entry = Integer.parseInt(number.group());
			if (entry >= 1 && entry <= statements.size() && message.contains(statements.get(entry - 1).sql())) {
				return statements.get(entry - 1);
			}
		}
		SqlStatement only = null;
		for (SqlStatement statement : statements) {
			if (message.contains(statement.sql())) {
				if (only != null) {
					return null;
				}
				only = statement;
			}
		}
		return only;
	}

	private void runOneByOne(Connection connection, PendingMigration pending, List<SqlStatement> statements,
			@Nullable String restore, String insert) {
		SqlStatement current = null;
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute("BEGIN");
			for (SqlStatement each : statements) {
				current = each;
				statement.execute(each.sql());
				logWarnings(pending, statement.getWarnings());
				statement.clearWarnings();
			}
			current = null;
			if (restore != null) {
				statement.execute(restore);
			}
			statement.execute(insert);
			statement.execute("COMMIT");
		}
		catch (SQLException ex) {
			rollback(connection);
			throw failure(connection, pending, current, ex, false);
		}
	}

	private void applyWithoutTransaction(Connection connection, PendingMigration pending, long start) {
		ResolvedMigration migration = pending.migration();
		List<SqlStatement> statements = pending.script().statements();
		int done = 0;
		SqlStatement current = null;
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			String restore = restoreStatement(connection, pending, statements);
			statement.execute(this.history.insertInProgressSql(migration.version(), migration.description(),
					migration.script(), migration.checksum(), pending.type().name(), installedBy()));
			for (SqlStatement each : statements) {
				current = each;
				statement.execute(each.sql());
				logWarnings(pending, statement.getWarnings());
				statement.clearWarnings();
				done++;
			}
			current = null;
			refuseOpenTransaction(connection);
			if (restore != null) {
				statement.execute(restore);
			}
			statement.execute(this.history.markAppliedSql(migration.version(), elapsed(start).toMillis()));
		}
		catch (SQLException ex) {
			// Nothing changed if the first statement failed, unless it was a concurrent index build,
			// which leaves an invalid index behind.
			boolean leftTrace = done > 0 || (current != null && current.sql().toUpperCase().contains("CONCURRENTLY"));
			MigrationFailedException failure = failure(connection, pending, current, ex, leftTrace);
			recordFailure(connection, migration.version(), leftTrace, start, failure);
			throw failure;
		}
	}

	/**
	 * A no-transaction script may use BEGIN and COMMIT itself; one that leaves its transaction
	 * open would silently swallow the history update and roll back at disconnect.
	 */
	private static void refuseOpenTransaction(Connection connection) throws SQLException {
		if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
			rollback(connection);
			throw new SQLException("the script left a transaction open (a BEGIN without COMMIT), so it was rolled back;"
					+ " end every transaction the script begins", "25001");
		}
	}

	private void recordFailure(Connection connection, Version version, boolean leftTrace, long start,
			MigrationFailedException failure) {
		String sql = leftTrace ? this.history.markFailedSql(version, elapsed(start).toMillis(),
				(failure.serverMessage() != null) ? failure.serverMessage() : failure.getMessage())
				: this.history.deleteSql(version);
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			// The in_progress row stays; the next run reports it, which is the safe side.
			logger.warn("Could not record the failure of version {} in the history table: {}", version, ex.getMessage());
		}
	}

	private @Nullable String restoreStatement(Connection connection, PendingMigration pending,
			List<SqlStatement> statements) {
		Set<String> changed = SessionSettings.changedBy(statements);
		if (changed.isEmpty()) {
			return null;
		}
		try {
			return SessionSettings.captureRestore(connection, changed);
		}
		catch (SQLException ex) {
			throw failure(connection, pending, null, ex, false);
		}
	}

	private @Nullable String installedBy() {
		return this.configuration.installedBy();
	}

	private MigrationFailedException failure(Connection connection, PendingMigration pending,
			@Nullable SqlStatement statement, SQLException ex, boolean leftTrace) {
		ResolvedMigration migration = pending.migration();
		ServerErrorMessage server = serverError(ex);
		String sqlState = (server != null) ? server.getSQLState() : ex.getSQLState();
		String serverMessage = (server != null) ? server.getMessage() : ex.getMessage();
		int line = (statement != null) ? statement.line() : 0;
		if (statement != null && server != null && server.getPosition() > 0) {
			line = SqlScriptParser.lineOf(pending.text(), statement.startOffset() + server.getPosition() - 1);
		}
		boolean connectionLost = (sqlState != null && sqlState.startsWith("08")) || isClosed(connection);
		StringBuilder message = new StringBuilder("Migration ").append(migration.up().displayName())
			.append(" (version ")
			.append(migration.version())
			.append(") failed");
		if (line > 0) {
			message.append(" at line ").append(line);
		}
		message.append(": ").append(serverMessage);
		if (sqlState != null) {
			message.append(" (SQLSTATE ").append(sqlState).append(')');
		}
		if (statement != null) {
			message.append("\n  statement: ").append(abbreviate(statement.sql()));
		}
		if (server != null) {
			appendIfPresent(message, "detail", server.getDetail());
			appendIfPresent(message, "hint", server.getHint());
			appendIfPresent(message, "where", server.getWhere());
		}
		message.append('\n');
		String table = this.history.qualifiedName();
		if (connectionLost) {
			message.append("The connection to the database was lost while applying it. ");
		}
		if (pending.script().transactional()) {
			message.append("Nothing of this migration was applied (its transaction was rolled back); migrations before it"
					+ " stay applied. Fix the file (or the data it trips over) and run again.");
		}
		else if (leftTrace) {
			message.append("It runs without a transaction, so the statements before the failing one stay applied, and"
					+ " history marks version " + migration.version() + " as failed. Finish or undo its statements by"
					+ " hand (drop any INVALID index a CONCURRENTLY build left), then delete the row with DELETE FROM "
					+ table + " WHERE version = '" + migration.version() + "' and run again.");
		}
		else {
			message.append("Its first statement failed, so nothing of it was applied and history has no row for it."
					+ " Fix the file and run again.");
		}
		return new MigrationFailedException(message.toString(), this.configuration.track(), migration.version(),
				migration.up().displayName(), line, sqlState, serverMessage, leftTrace, ex);
	}

	private static @Nullable ServerErrorMessage serverError(SQLException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
				return psql.getServerErrorMessage();
			}
		}
		SQLException next = ex.getNextException();
		return (next != null && next != ex) ? serverError(next) : null;
	}

	private static void appendIfPresent(StringBuilder message, String label, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			message.append("\n  ").append(label).append(": ").append(value);
		}
	}

	private static boolean isClosed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	private static void rollback(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ROLLBACK");
		}
		catch (SQLException ex) {
			logger.debug("Rollback after a failed migration failed; the connection is probably gone", ex);
		}
	}

	private void logWarnings(PendingMigration pending, @Nullable SQLWarning warning) {
		for (SQLWarning each = warning; each != null; each = each.getNextWarning()) {
			logger.info("Track '{}': {} says: {}", this.configuration.track(), pending.migration().script(),
					each.getMessage());
		}
	}

	private static String abbreviate(String sql) {
		String flat = sql.replaceAll("\\s+", " ").strip();
		return (flat.length() > 200) ? flat.substring(0, 197) + "..." : flat;
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** A batched statement returned rows; the migration is retried statement by statement. */
	private static final class ResultsReturned extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ResultsReturned() {
			super(null, null, false, false);
		}

	}

}
