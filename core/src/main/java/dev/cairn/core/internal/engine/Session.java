package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.Secrets;

/**
 * One connection for a run, in auto-commit mode so that the lock, history reads and
 * non-transactional statements never sit inside an open transaction; the connection's
 * own settings are restored when it goes back to the pool.
 */
final class Session implements AutoCloseable {

	// Logged as the engine: these lines are part of a run's story.
	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private final Connection connection;

	private final boolean autoCommit;

	private Session(Connection connection) throws SQLException {
		this.connection = connection;
		this.autoCommit = connection.getAutoCommit();
		if (!this.autoCommit) {
			connection.setAutoCommit(true);
		}
	}

	static Session open(CairnConfiguration configuration) {
		return open(configuration, configuration.connectTimeout());
	}

	/** Opens a session, retrying an unreachable server for up to {@code connectTimeout}. */
	static Session open(CairnConfiguration configuration, Duration connectTimeout) {
		Connection connection = connect(configuration, connectTimeout);
		try {
			return new Session(connection);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new CairnException("Track '" + configuration.track() + "': cannot prepare the connection: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Gets a connection, retrying with backoff while the server cannot be reached or is
	 * starting, until the connect timeout; other failures (credentials, missing database)
	 * fail at once.
	 */
	private static Connection connect(CairnConfiguration configuration, Duration connectTimeout) {
		long start = System.nanoTime();
		long deadline = start + connectTimeout.toNanos();
		long pause = 250;
		int attempts = 0;
		while (true) {
			attempts++;
			try {
				return configuration.dataSource().getConnection();
			}
			catch (SQLException ex) {
				boolean retryable = isUnreachable(ex);
				if (!retryable || System.nanoTime() + pause * 1_000_000 > deadline) {
					Duration waited = Track.elapsedSince(start);
					throw new CairnException("Track '" + configuration.track() + "': cannot connect to the database"
							+ ((attempts > 1) ? " after " + attempts + " attempts over " + waited.toSeconds() + " s" : "")
							+ ": " + Secrets.mask(ex.getMessage())
							+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "")
							+ (retryable ? ". The server did not answer within the connect timeout ("
									+ connectTimeout + "): check that it is up and reachable, or raise"
									+ " the connect timeout."
									: ". Check the URL, user and password Cairn uses."), withoutSecrets(ex));
				}
				logger.info("Track '{}': database not reachable yet ({}); retrying in {} ms", configuration.track(),
						Secrets.mask(ex.getMessage()), pause);
				sleep(pause);
				pause = Math.min(pause * 2, 5000);
			}
		}
	}

	/**
	 * The driver's exception, or a masked copy of it when its message carries a password
	 * (DriverManager's "No suitable driver found for" quotes the whole URL): causes end up
	 * in logs with the exception.
	 */
	private static SQLException withoutSecrets(SQLException ex) {
		boolean secret = false;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			secret |= Secrets.contains(cause.getMessage());
		}
		if (!secret) {
			return ex;
		}
		SQLException masked = new SQLException(ex.getClass().getName() + ": " + Secrets.mask(ex.getMessage()),
				ex.getSQLState(), ex.getErrorCode());
		masked.setStackTrace(ex.getStackTrace());
		return masked;
	}

	private static boolean isUnreachable(SQLException ex) {
		// DriverManager's answer to a URL no driver accepts (jdbc:postgres://...) is 08001 too; waiting never helps.
		if (String.valueOf(ex.getMessage()).startsWith("No suitable driver")) {
			return false;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P03"))) {
				return true;
			}
			if (cause instanceof java.net.ConnectException) {
				return true;
			}
		}
		return false;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CairnException("Interrupted while waiting for the database", ex);
		}
	}

	Connection connection() {
		return this.connection;
	}

	@Override
	public void close() {
		try {
			if (!this.autoCommit && !this.connection.isClosed()) {
				this.connection.setAutoCommit(false);
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not restore auto-commit on the migration connection", ex);
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	/**
	 * Ends a session that could not be put back as it was: the physical connection is aborted
	 * first, so a pool sees it closed (a broken connection) and evicts it rather than handing
	 * it out again with an open transaction or a changed role.
	 */
	void abort() {
		try {
			this.connection.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not abort the migration connection", ex);
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the migration connection", ex);
		}
	}

}
