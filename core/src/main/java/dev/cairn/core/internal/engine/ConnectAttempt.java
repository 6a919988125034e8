package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;

/**
 * One {@code getConnection()}, bounded. The engine is handed DataSources it did not build (a
 * pool, a driver's own), whose connection set-up (TCP connect, TLS, start-up, authentication,
 * or the wait for a pooled connection) may block forever against a server that accepts and
 * never answers: a stuck pooler or load balancer. So the call runs on a daemon thread and the
 * caller stops waiting at the deadline; a connection that arrives after that is closed by the
 * attempt's own thread, never handed out.
 *
 * <p>When the DataSource is pgjdbc's {@link PGSimpleDataSource} (what {@code cairn.url} builds
 * in the starter), the attempt connects as the DataSource itself would (its URL, user and
 * password, through {@link DriverManager}), with {@code connectTimeout} and {@code socketTimeout}
 * no longer than the bound, so the driver itself gives up too and an abandoned attempt ends
 * instead of keeping a thread and a socket; the connection's network timeout is set back to the
 * DataSource's own before it is used, since a migration's statement may rightly run for hours.
 * The bounds are appended to the URL, where a later parameter wins over an earlier one of the
 * same name: copying the DataSource into a bounded one instead (its URL written out and parsed
 * again) cost 0.7 ms of every start before the JIT has compiled pgjdbc. pgjdbc's
 * {@code loginTimeout} is not used: it would add a second thread per attempt to do what this
 * class already does.
 */
final class ConnectAttempt {

	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private final Object monitor = new Object();

	private boolean done;

	private boolean abandoned;

	private @Nullable Connection connection;

	private @Nullable SQLException failure;

	private @Nullable RuntimeException unexpected;

	private final long started;

	private final long deadline;

	private ConnectAttempt(long started, long deadline) {
		this.started = started;
		this.deadline = deadline;
	}

	/** When the attempt started, as {@link System#nanoTime()}. */
	long started() {
		return this.started;
	}

	/**
	 * Gets a connection within {@code bound}.
	 * @throws SQLException as the DataSource failed
	 * @throws TimedOut when it did not answer within the bound
	 */
	static Connection get(DataSource dataSource, Duration bound, String track) throws SQLException, TimedOut {
		return start(dataSource, bound, track).await();
	}

	/**
	 * Starts getting a connection within {@code bound}, counted from now; {@link #await} waits
	 * for it. A run starts its first attempt before anything else, so connecting, the slowest
	 * step of a start, begins at once.
	 */
	static ConnectAttempt start(DataSource dataSource, Duration bound, String track) {
		long now = System.nanoTime();
		ConnectAttempt attempt = new ConnectAttempt(now, now + bound.toNanos());
		HelperThreads.start("cairn-connect-attempt-" + track, () -> attempt.run(dataSource, bound));
		return attempt;
	}

	private void run(DataSource dataSource, Duration bound) {
		Connection connection = null;
		SQLException failure = null;
		RuntimeException unexpected = null;
		try {
			connection = connect(dataSource, bound);
		}
		catch (SQLException ex) {
			failure = ex;
		}
		catch (RuntimeException ex) {
			unexpected = ex;
		}
		boolean unwanted;
		synchronized (this.monitor) {
			this.connection = connection;
			this.failure = failure;
			this.unexpected = unexpected;
			this.done = true;
			unwanted = this.abandoned;
			this.monitor.notifyAll();
		}
		if (unwanted && connection != null) {
			logger.debug("Closing a connection that arrived after the connect timeout");
			closeQuietly(connection);
		}
	}

	/**
	 * Waits for the connection until the attempt's deadline.
	 * @throws SQLException as the DataSource failed
	 * @throws TimedOut when it did not answer within the bound
	 */
	Connection await() throws SQLException, TimedOut {
		synchronized (this.monitor) {
			while (!this.done) {
				long left = this.deadline - System.nanoTime();
				if (left <= 0) {
					this.abandoned = true;
					throw new TimedOut();
				}
				try {
					this.monitor.wait(Math.max(1, left / 1_000_000), 0);
				}
				catch (InterruptedException ex) {
					this.abandoned = true;
					Thread.currentThread().interrupt();
					throw new CairnException("Interrupted while connecting to the database", ex);
				}
			}
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.unexpected != null) {
				throw this.unexpected;
			}
			if (this.connection == null) {
				throw new SQLException("The DataSource returned no connection");
			}
			return this.connection;
		}
	}

	private static Connection connect(DataSource dataSource, Duration bound) throws SQLException {
		// Exactly pgjdbc's simple DataSource: a subclass may connect some other way.
		if (dataSource.getClass() != PGSimpleDataSource.class) {
			return dataSource.getConnection();
		}
		PGSimpleDataSource configured = (PGSimpleDataSource) dataSource;
		int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (bound.toMillis() + 999) / 1000));
		int socketTimeout = configured.getSocketTimeout();
		boolean boundSocket = socketTimeout <= 0 || socketTimeout > seconds;
		StringBuilder url = new StringBuilder(configured.getUrl());
		char separator = (url.indexOf("?") < 0) ? '?' : '&';
		if (configured.getConnectTimeout() <= 0 || configured.getConnectTimeout() > seconds) {
			url.append(separator).append("connectTimeout=").append(seconds);
			separator = '&';
		}
		if (boundSocket) {
			url.append(separator).append("socketTimeout=").append(seconds);
		}
		Connection connection = DriverManager.getConnection(url.toString(), configured.getUser(),
				configured.getPassword());
		if (boundSocket) {
			try {
				connection.setNetworkTimeout(Runnable::run, Math.max(0, socketTimeout) * 1000);
			}
			catch (SQLException | RuntimeException ex) {
				closeQuietly(connection);
				throw ex;
			}
		}
		return connection;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close a late connection", ex);
		}
	}

	/** The DataSource did not answer within the bound. */
	static final class TimedOut extends Exception {

		private static final long serialVersionUID = 1L;

		TimedOut() {
			super(null, null, false, false);
		}

	}

}
