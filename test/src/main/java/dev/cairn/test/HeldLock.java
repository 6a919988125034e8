package dev.cairn.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * A session of its own that holds a lock until closed, to play "another instance" or "another
 * application" in a test: an advisory lock, as a migration tool takes it, or a table lock, as a
 * long transaction holds it.
 *
 * <pre>{@code
 * try (HeldLock lock = HeldLock.advisory(dataSource, classId, objectId)) {
 *     lock.execute("SET application_name = 'orders-api'");
 *     assertThatThrownBy(engine::migrate).isInstanceOf(LockTimeoutException.class);
 * }
 * }</pre>
 *
 * <p>Taking the lock never waits: when another session holds it, the factory method fails at
 * once rather than hang the test. {@link #close} releases the lock explicitly before closing
 * the connection, so the lock is given back even when the DataSource is a pool that keeps the
 * session open.
 */
public final class HeldLock implements AutoCloseable {

	/** PostgreSQL's table lock modes, weakest first, as {@code LOCK TABLE ... IN mode MODE} names them. */
	public enum Mode {

		/** Taken by {@code SELECT}. */
		ACCESS_SHARE,

		/** Taken by {@code SELECT ... FOR UPDATE/SHARE}. */
		ROW_SHARE,

		/** Taken by {@code INSERT}, {@code UPDATE}, {@code DELETE}. */
		ROW_EXCLUSIVE,

		/** Taken by {@code VACUUM}, {@code CREATE INDEX CONCURRENTLY}, some {@code ALTER TABLE}. */
		SHARE_UPDATE_EXCLUSIVE,

		/** Taken by {@code CREATE INDEX}. */
		SHARE,

		/** Taken by {@code CREATE TRIGGER}, some {@code ALTER TABLE}. */
		SHARE_ROW_EXCLUSIVE,

		/** Taken by {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}. */
		EXCLUSIVE,

		/** Taken by most {@code ALTER TABLE}, {@code DROP TABLE}, {@code TRUNCATE}: blocks even reads. */
		ACCESS_EXCLUSIVE;

		String sql() {
			return name().replace('_', ' ');
		}

	}

	private final Connection connection;

	private final String release;

	private final String description;

	private HeldLock(Connection connection, String release, String description) {
		this.connection = connection;
		this.release = release;
		this.description = description;
	}

	/**
	 * Takes a session-level advisory lock on a single 64-bit key, {@code pg_advisory_lock(key)}.
	 * @param dataSource where to open the holding session
	 * @param key the lock's key
	 * @return the held lock
	 * @throws IllegalStateException when another session holds the lock, or the database fails
	 */
	public static HeldLock advisory(DataSource dataSource, long key) {
		return advisory(dataSource, "pg_try_advisory_lock(" + key + ")", "pg_advisory_unlock(" + key + ")",
				"advisory lock " + key);
	}

	/**
	 * Takes a session-level advisory lock on a pair of 32-bit keys,
	 * {@code pg_advisory_lock(classId, objectId)}: a different lock from the 64-bit key of the
	 * same value, and the form migration tools use (a tool's id and a table's).
	 * @param dataSource where to open the holding session
	 * @param classId the first key
	 * @param objectId the second key
	 * @return the held lock
	 * @throws IllegalStateException when another session holds the lock, or the database fails
	 */
	public static HeldLock advisory(DataSource dataSource, int classId, int objectId) {
		String keys = classId + ", " + objectId;
		return advisory(dataSource, "pg_try_advisory_lock(" + keys + ")", "pg_advisory_unlock(" + keys + ")",
				"advisory lock (" + keys + ")");
	}

	private static HeldLock advisory(DataSource dataSource, String take, String release, String description) {
		Connection connection = open(dataSource, description);
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT " + take)) {
			result.next();
			if (!result.getBoolean(1)) {
				throw new IllegalStateException("Could not take the " + description + ": another session holds it");
			}
			return new HeldLock(connection, "SELECT " + release, description);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw failed(description, ex);
		}
	}

	/**
	 * Takes an {@code ACCESS EXCLUSIVE} lock on a table, the mode of most {@code ALTER TABLE}s,
	 * which blocks every other use of it.
	 * @param dataSource where to open the holding session
	 * @param table the table as SQL would name it, quoted where needed, such as {@code public.orders}
	 * @return the held lock
	 * @throws IllegalStateException when another session's lock conflicts, or the database fails
	 */
	public static HeldLock table(DataSource dataSource, String table) {
		return table(dataSource, table, Mode.ACCESS_EXCLUSIVE);
	}

	/**
	 * Takes a table lock, {@code LOCK TABLE table IN mode MODE}, in a transaction that stays open
	 * until {@link #close} rolls it back.
	 * @param dataSource where to open the holding session
	 * @param table the table as SQL would name it, quoted where needed, such as {@code public.orders}
	 * @param mode the lock mode
	 * @return the held lock
	 * @throws IllegalStateException when another session's lock conflicts, or the database fails
	 */
	public static HeldLock table(DataSource dataSource, String table, Mode mode) {
		String description = mode.sql().toLowerCase(Locale.ROOT) + " lock on " + table;
		Connection connection = open(dataSource, description);
		try (Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			// NOWAIT: a conflicting lock fails the test at once instead of hanging it.
			statement.execute("LOCK TABLE " + table + " IN " + mode.sql() + " MODE NOWAIT");
			return new HeldLock(connection, null, description);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw failed(description, ex);
		}
	}

	private static Connection open(DataSource dataSource, String description) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw failed(description, ex);
		}
	}

	private static RuntimeException failed(String description, Exception ex) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Could not take the " + description + ": " + ex.getMessage(), ex);
	}

	/**
	 * Runs statements in the holding session, such as {@code SET application_name = '...'} or a
	 * statement whose text should show as the holder's last one. For a table lock they run in
	 * its transaction, which {@link #close} rolls back.
	 * @param sql the statements, each sent on its own
	 * @return this lock
	 * @throws IllegalStateException when one fails
	 */
	public HeldLock execute(String... sql) {
		try (Statement statement = this.connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
			return this;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement in the session holding the " + this.description + " failed: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * The holding session's backend process id, as {@code pg_stat_activity} and {@code pg_locks}
	 * show it.
	 * @return the pid
	 */
	public int pid() {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the holder's pid: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The holding session itself, for what {@link #execute} cannot do. Leave the lock to
	 * {@link #close}.
	 * @return the connection, open until {@link #close}
	 */
	public Connection connection() {
		return this.connection;
	}

	/**
	 * Releases the lock and closes the session. A session that is already gone (killed by the
	 * test, say) has nothing left to release and is closed quietly.
	 */
	@Override
	public void close() {
		try {
			if (this.release != null) {
				try (PreparedStatement statement = this.connection.prepareStatement(this.release)) {
					statement.execute();
				}
			}
			else if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			// The server frees every lock of a session that ended; nothing else to give back.
		}
		closeQuietly(this.connection);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// already closed or broken: the lock went with the session
		}
	}

	@Override
	public String toString() {
		return "HeldLock[" + this.description + "]";
	}

}
