package dev.cairn.core.internal.apply;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.internal.sql.SqlStatement;

/**
 * Runs a script's statements on the run's connection (auto-commit on).
 *
 * <p>In a transaction, the statements and the given history writes go as one JDBC batch:
 * {@code BEGIN}, statements, writes, {@code COMMIT}, which pgjdbc pipelines in about one round
 * trip. A batch refuses statements that return rows ({@code SELECT setval(...)},
 * {@code RETURNING}), so scripts that may have one run statement by statement inside the same
 * explicit transaction instead. Either way the script is applied completely or not at all.
 *
 * <p>Without a transaction, statements run one at a time, each committed on its own.
 */
final class ScriptRunner {

	private static final Logger logger = LoggerFactory.getLogger(ScriptRunner.class);

	/** pgjdbc's SQLSTATE for "a result was returned when none was expected". */
	private static final String TOO_MANY_RESULTS = "0100E";

	private final String track;

	private final UnaryOperator<@Nullable String> mask;

	ScriptRunner(String track) {
		this(track, UnaryOperator.identity());
	}

	private ScriptRunner(String track, UnaryOperator<@Nullable String> mask) {
		this.track = track;
		this.mask = mask;
	}

	/** This runner logging the script's notices through {@code mask} (secret placeholder values). */
	ScriptRunner masking(UnaryOperator<@Nullable String> mask) {
		return new ScriptRunner(this.track, mask);
	}

	/**
	 * Runs the statements and then {@code writes} in one transaction.
	 * @throws StatementFailure naming the failing statement (null if it was one of the writes)
	 */
	void inTransaction(Connection connection, String script, List<SqlStatement> statements, List<String> writes)
			throws StatementFailure {
		inTransaction(connection, script, List.of(), statements, writes);
	}

	/**
	 * Runs {@code prelude} (Cairn's own {@code SET LOCAL}s), the statements and then {@code writes}
	 * in one transaction.
	 */
	void inTransaction(Connection connection, String script, List<String> prelude, List<SqlStatement> statements,
			List<String> writes) throws StatementFailure {
		if (statements.stream().noneMatch(SqlStatement::mayReturnRows)) {
			try {
				batch(connection, script, prelude, statements, writes);
				return;
			}
			catch (ResultsReturned ex) {
				// A statement returned rows after all: it was rolled back; run it one statement at a time.
			}
		}
		oneByOne(connection, script, prelude, statements, writes);
	}

	private void batch(Connection connection, String script, List<String> prelude, List<SqlStatement> statements,
			List<String> writes) throws StatementFailure {
		try (Statement batch = connection.createStatement()) {
			batch.setEscapeProcessing(false);
			batch.addBatch("BEGIN");
			for (String each : prelude) {
				batch.addBatch(each);
			}
			for (SqlStatement statement : statements) {
				batch.addBatch(statement.sql());
			}
			for (String write : writes) {
				batch.addBatch(write);
			}
			batch.addBatch("COMMIT");
			batch.executeBatch();
			logWarnings(script, batch.getWarnings());
		}
		catch (BatchUpdateException ex) {
			rollback(connection);
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			if (TOO_MANY_RESULTS.equals(cause.getSQLState()) || TOO_MANY_RESULTS.equals(ex.getSQLState())) {
				throw new ResultsReturned();
			}
			// An entry past the statements is one of Cairn's own writes: the history write failed, not the file.
			long entry = entryNumber(String.valueOf(ex.getMessage()), statements) - prelude.size();
			throw new StatementFailure(failedEntry(ex, statements, prelude.size()), cause, 0,
					entry > statements.size());
		}
		catch (SQLException ex) {
			rollback(connection);
			throw new StatementFailure(null, ex);
		}
	}

	private void oneByOne(Connection connection, String script, List<String> prelude, List<SqlStatement> statements,
			List<String> writes) throws StatementFailure {
		SqlStatement current = null;
		boolean ownWrites = false;
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute("BEGIN");
			for (String each : prelude) {
				statement.execute(each);
			}
			for (SqlStatement each : statements) {
				current = each;
				statement.execute(each.sql());
				logWarnings(script, statement.getWarnings());
				statement.clearWarnings();
			}
			current = null;
			ownWrites = true;
			for (String write : writes) {
				statement.execute(write);
			}
			statement.execute("COMMIT");
		}
		catch (SQLException ex) {
			rollback(connection);
			throw new StatementFailure(current, ex, 0, ownWrites);
		}
	}

	/**
	 * Runs the statements one at a time, each committed on its own.
	 * @return how many ran
	 * @throws StatementFailure naming the failing statement and how many ran before it
	 */
	int withoutTransaction(Connection connection, String script, List<SqlStatement> statements)
			throws StatementFailure {
		return withoutTransaction(connection, script, List.of(), statements);
	}

	/** Runs {@code prelude} (Cairn's own session {@code SET}s), then the statements one at a time. */
	int withoutTransaction(Connection connection, String script, List<String> prelude, List<SqlStatement> statements)
			throws StatementFailure {
		int done = 0;
		SqlStatement current = null;
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (String each : prelude) {
				statement.execute(each);
			}
			for (SqlStatement each : statements) {
				current = each;
				statement.execute(each.sql());
				logWarnings(script, statement.getWarnings());
				statement.clearWarnings();
				done++;
			}
			current = null;
			refuseOpenTransaction(connection);
			return done;
		}
		catch (SQLException ex) {
			throw new StatementFailure(current, ex, done);
		}
	}

	/** Runs Cairn's own statements (history writes, settings restores) in auto-commit mode. */
	static void execute(Connection connection, String... sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
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

	/**
	 * The statement a failed batch stopped at. pgjdbc keeps the failing entry's index to itself:
	 * its update counts mark every entry from its last sync point on as failed (measured: a
	 * failure at entry 12,346 of 20,002 marks 12,240 on), so they only give a lower bound; the
	 * index is in the message ("Batch entry 12,345 INSERT ... was aborted"), formatted in the
	 * JVM's locale ("12,345", "12.345", "12 345", other digit scripts), followed by the entry's
	 * SQL. So the digits before the SQL are read whatever separates or writes them, the entry
	 * must lie at or after the lower bound, and its SQL must be what the message names; when the
	 * message cannot be read that way, the one statement at or after the bound whose SQL it
	 * names is taken, else none (the error is then reported without a line rather than a wrong one).
	 */
	static @Nullable SqlStatement failedEntry(BatchUpdateException ex, List<SqlStatement> statements, int prelude) {
		String message = String.valueOf(ex.getMessage());
		// Entry 0 is BEGIN and the prelude follows, so entry n is statement n - 1 - prelude; later entries are
		// Cairn's own.
		int lowest = Math.max(0, firstFailed(ex.getUpdateCounts()) - 1 - prelude);
		long entry = entryNumber(message, statements) - prelude;
		if (entry >= 1 && entry - 1 >= lowest && entry <= statements.size()
				&& message.contains(statements.get((int) entry - 1).sql())) {
			return statements.get((int) entry - 1);
		}
		SqlStatement only = null;
		for (int i = lowest; i < statements.size(); i++) {
			if (message.contains(statements.get(i).sql())) {
				if (only != null) {
					return null;
				}
				only = statements.get(i);
			}
		}
		return only;
	}

	/**
	 * The entry number: every digit (in any script) before the first statement text the
	 * message quotes, or before the first letter after a digit when it quotes none; -1 if none.
	 */
	private static long entryNumber(String message, List<SqlStatement> statements) {
		int end = message.length();
		for (SqlStatement statement : statements) {
			int at = message.indexOf(statement.sql());
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		long number = -1;
		for (int i = 0; i < end; i++) {
			char c = message.charAt(i);
			if (Character.isDigit(c)) {
				number = Math.max(number, 0) * 10 + Character.digit(c, 10);
				if (number > Integer.MAX_VALUE) {
					return -1;
				}
			}
			else if (number >= 0 && Character.isLetter(c)) {
				break;
			}
		}
		return number;
	}

	/** The index of the first entry marked failed, 0 if none is. */
	private static int firstFailed(int @Nullable [] counts) {
		if (counts != null) {
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] == Statement.EXECUTE_FAILED) {
					return i;
				}
			}
		}
		return 0;
	}

	static void rollback(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ROLLBACK");
		}
		catch (SQLException ex) {
			logger.debug("Rollback after a failed script failed; the connection is probably gone", ex);
		}
	}

	private void logWarnings(String script, @Nullable SQLWarning warning) {
		for (SQLWarning each = warning; each != null; each = each.getNextWarning()) {
			logger.info("Track '{}': {} says: {}", this.track, script, this.mask.apply(each.getMessage()));
		}
	}

	/**
	 * A statement of the script failed.
	 */
	static final class StatementFailure extends Exception {

		private static final long serialVersionUID = 1L;

		private final transient @Nullable SqlStatement statement;

		private final int done;

		private final boolean ownWrite;

		StatementFailure(@Nullable SqlStatement statement, SQLException cause) {
			this(statement, cause, 0);
		}

		StatementFailure(@Nullable SqlStatement statement, SQLException cause, int done) {
			this(statement, cause, done, false);
		}

		StatementFailure(@Nullable SqlStatement statement, SQLException cause, int done, boolean ownWrite) {
			super(cause.getMessage(), cause, false, false);
			this.statement = statement;
			this.done = done;
			this.ownWrite = ownWrite;
		}

		/** Whether it was one of Cairn's own writes after the script's statements that failed. */
		boolean ownWrite() {
			return this.ownWrite;
		}

		@Nullable SqlStatement statement() {
			return this.statement;
		}

		SQLException sqlException() {
			return (SQLException) getCause();
		}

		/** Statements committed before the failure (no-transaction scripts). */
		int done() {
			return this.done;
		}

	}

	/** A batched statement returned rows; the script is run again statement by statement. */
	private static final class ResultsReturned extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ResultsReturned() {
			super(null, null, false, false);
		}

	}

}
