package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
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

	/**
	 * The least time an attempt gets, so that a zero connect timeout ("try once") still makes
	 * one real attempt; still bounded, so nothing waits forever.
	 */
	private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

	private final Connection connection;

	private final boolean autoCommit;

	private Session(Connection connection) throws SQLException {
		this.connection = connection;
		this.autoCommit = connection.getAutoCommit();
		if (!this.autoCommit) {
			connection.setAutoCommit(true);
		}
	}

	/** Opens a session, retrying for up to the connect timeout while the server cannot take it yet. */
	static Session open(CairnConfiguration configuration) {
		return open(configuration, true);
	}

	/**
	 * Opens a session. Every attempt is bounded by what is left of the connect timeout (at
	 * least {@link #MIN_ATTEMPT}); {@code retry} false makes a single attempt, for status and
	 * validate, which answer health checks and endpoints.
	 */
	static Session open(CairnConfiguration configuration, boolean retry) {
		return open(configuration, retry, null);
	}

	/** Opens a session as {@link #open(CairnConfiguration)} does, its first attempt already started. */
	static Session open(CairnConfiguration configuration, ConnectAttempt first) {
		return open(configuration, true, first);
	}

	/** The first attempt a run starts before anything else, bounded by the connect timeout. */
	static ConnectAttempt startFirstAttempt(CairnConfiguration configuration) {
		Duration bound = configuration.connectTimeout();
		return ConnectAttempt.start(configuration.dataSource(), (bound.compareTo(MIN_ATTEMPT) < 0) ? MIN_ATTEMPT : bound,
				configuration.track());
	}

	private static Session open(CairnConfiguration configuration, boolean retry, @Nullable ConnectAttempt first) {
		Connection connection = connect(configuration, retry, first);
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
	 * Gets a connection, retrying with backoff while the server cannot be reached, is starting
	 * or has no free connection slot, until the connect timeout; other failures (credentials,
	 * missing database) fail at once. No attempt outlives the timeout: one that gets no answer
	 * (a server, pooler or load balancer that accepts and never answers) is abandoned.
	 */
	private static Connection connect(CairnConfiguration configuration, boolean retry, @Nullable ConnectAttempt first) {
		Duration connectTimeout = configuration.connectTimeout();
		String track = configuration.track();
		// Counted from the first attempt, which a run starts before anything else.
		long start = (first != null) ? first.started() : System.nanoTime();
		long deadline = start + connectTimeout.toNanos();
		long pause = 250;
		int attempts = 0;
		while (true) {
			attempts++;
			Duration bound = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_ATTEMPT.toNanos()));
			try {
				return (attempts == 1 && first != null) ? first.await()
						: ConnectAttempt.get(configuration.dataSource(), bound, track);
			}
			catch (ConnectAttempt.TimedOut ex) {
				throw new CairnException("Track '" + track + "': cannot connect to the database"
						+ ((attempts > 1) ? " after " + attempts + " attempts" : "") + ": no connection within "
						+ Track.elapsedSince(start).toSeconds() + " s. Cairn waited for the connection set-up (TCP"
						+ " connect, TLS, start-up and authentication, or a free connection from the pool) until the"
						+ " connect timeout (" + connectTimeout + "): something accepts connections but does not answer"
						+ " (a stuck server, pooler or load balancer, or an exhausted pool). Check the server and what"
						+ " stands between, or raise the connect timeout.");
			}
			catch (SQLException ex) {
				Transient kind = transientKind(ex);
				if (!retry || kind == null || System.nanoTime() + pause * 1_000_000 > deadline) {
					Duration waited = Track.elapsedSince(start);
					throw new CairnException("Track '" + track + "': cannot connect to the database"
							+ ((attempts > 1) ? " after " + attempts + " attempts over " + waited.toSeconds() + " s" : "")
							+ ": " + Secrets.mask(ex.getMessage())
							+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "") + ". "
							+ ((kind == null) ? "Check the URL, user and password Cairn uses."
									: kind.advice(retry ? connectTimeout : null)), withoutSecrets(ex));
				}
				logger.info("Track '{}': {} ({}); retrying in {} ms", track, kind.waiting, Secrets.mask(ex.getMessage()),
						pause);
				sleep(pause);
				pause = Math.min(pause * 2, 5000);
			}
		}
	}

	/**
	 * The driver's exception, or a masked copy of its whole cause chain when any message in it
	 * carries a password (DriverManager's "No suitable driver found for" quotes the whole URL;
	 * an unknown host {@code app:secret@db} is a cause): causes end up in logs with the exception.
	 */
	private static Throwable withoutSecrets(SQLException ex) {
		return Secrets.masked(ex);
	}

	/** What a failed attempt says about waiting: {@code null} when waiting cannot help. */
	private static @Nullable Transient transientKind(SQLException ex) {
		// DriverManager's answer to a URL no driver accepts (jdbc:postgres://...) is 08001 too; waiting never helps.
		if (String.valueOf(ex.getMessage()).startsWith("No suitable driver")) {
			return null;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String state = (cause instanceof SQLException sql) ? sql.getSQLState() : null;
			if (state != null && (state.equals("53300") || state.equals("53000"))) {
				return Transient.FULL;
			}
			if (state != null && state.equals("57P03")) {
				return Transient.STARTING;
			}
			if (state != null && state.startsWith("08")) {
				return Transient.UNREACHABLE;
			}
			if (cause instanceof java.net.ConnectException) {
				return Transient.UNREACHABLE;
			}
		}
		return null;
	}

	/**
	 * The start-up failures that go away by waiting: retried within the connect timeout, each
	 * with its own advice.
	 */
	private enum Transient {

		UNREACHABLE("database not reachable yet", "The server did not answer", "check that it is up and reachable"),

		STARTING("database not accepting connections yet", "The server was starting, stopping or in recovery",
				"check that it finishes starting"),

		// 53300 too_many_connections (max_connections, a role's or database's CONNECTION LIMIT), 53000 (slots reserved).
		FULL("database has no free connection slot yet", "The server refused the connection because it has no free"
				+ " connection slot (max_connections, or the role's or database's CONNECTION LIMIT, is reached)",
				"raise max_connections or that limit, make the application's and other clients' pools smaller, or wait"
						+ " for connections to be given back");

		private final String waiting;

		private final String cause;

		private final String remedy;

		Transient(String waiting, String cause, String remedy) {
			this.waiting = waiting;
			this.cause = cause;
			this.remedy = remedy;
		}

		/** The advice after the last attempt; {@code connectTimeout} null when there was no retrying. */
		String advice(@Nullable Duration connectTimeout) {
			return this.cause + ((connectTimeout != null) ? " within the connect timeout (" + connectTimeout + ")" : "")
					+ ": " + this.remedy + ((connectTimeout != null) ? ", or raise the connect timeout." : ".");
		}

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
