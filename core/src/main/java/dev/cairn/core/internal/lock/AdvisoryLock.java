package dev.cairn.core.internal.lock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.LockHolder;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationListener;

/**
 * The migration lock of one track: a PostgreSQL session-level advisory lock, held on a session
 * of its own that no migration's SQL ever runs on.
 *
 * <p>The algorithm:
 * <ol>
 * <li>The key is two 32-bit numbers: a constant that marks Cairn's locks in {@code pg_locks}
 * ({@code classid} = 0x43414952, "CAIR") and a hash of the history table's qualified name
 * ({@code objid}), so every track has its own lock and every instance of a track computes the
 * same key.</li>
 * <li>{@code pg_try_advisory_lock} is polled, never {@code pg_advisory_lock}: a waiting
 * instance never sits in a blocked statement or an open transaction, which is what lets the
 * holder's {@code CREATE INDEX CONCURRENTLY} finish instead of deadlocking on the waiters.
 * Polls start at 50 ms and back off to 1 s. The poll that succeeds also returns the holding
 * session's backend pid, at no extra cost. A migrate run sends its first poll in the round trip
 * of its first history read ({@link #pollStatement}), the read in a statement of its own after
 * it, so that read's snapshot is taken with the lock held; it is used only when the poll took
 * the lock with the guard free (step 7).</li>
 * <li>While waiting, the holder is looked up in {@code pg_locks} joined with
 * {@code pg_stat_activity} and logged (pid, application, client, since when), at the start
 * and every 10 seconds; after the lock timeout the run fails naming it.</li>
 * <li>The lock belongs to the session, not to a transaction, so it spans every migration of
 * the run, including non-transactional ones; if the process or its connection dies,
 * PostgreSQL releases it, so a crash never strands it.</li>
 * <li>The session that holds it runs only Cairn's own statements (the history read, table
 * creation, history edits). Migrations run on a second session (the work session), so
 * nothing a migration can contain releases the lock: {@code pg_advisory_unlock_all()},
 * {@code pg_advisory_unlock(...)} with Cairn's key and {@code DISCARD ALL} act on the
 * migration's own session, which holds no lock. Only ending the lock session itself
 * ({@code pg_terminate_backend}, a dropped connection) loses it.</li>
 * <li>That loss is caught before anything else is written: every history write on the work
 * session travels in one transaction with {@link #heldCondition()}, a check against
 * {@code pg_locks} that the lock session's backend still holds the lock, which fails the
 * transaction (SQLSTATE {@value #LOST}) when it does not. It rides in the batch that already
 * carries the write: no extra round trip per migration. A transactional migration whose lock
 * was lost is therefore rolled back with its history row; a non-transactional one stops
 * before its history row is touched again.</li>
 * <li>The work session holds a second lock, the guard ({@code classid} 0x43414957, "CAIW",
 * same {@code objid}), in shared mode, taken when it opens and again after every restore that
 * releases a migration's advisory locks. A process killed while the server still runs its
 * migration statement (a {@code CREATE INDEX CONCURRENTLY}, or a batch that ends in its own
 * history write and COMMIT) loses its lock session at once, but that statement's backend runs
 * on until it next talks to the dead client. So the poll that takes the lock also tries, in the
 * same statement and only once the lock is taken, to take the guard exclusively for an instant;
 * when that fails, a session holds the guard, {@code pg_locks} names it, and the new holder waits
 * (within the lock timeout, naming it) until that backend has ended before it reads history.
 * Only a migration that itself releases every advisory lock and is then killed mid-statement
 * gets past this, for that one statement.</li>
 * <li>It is released with {@code pg_advisory_unlock} in {@code close()}; a failure to release
 * is logged and never hides the error that ended the run (a broken connection has lost the
 * lock anyway).</li>
 * </ol>
 */
public final class AdvisoryLock implements AutoCloseable {

	/** "CAIR": marks Cairn's advisory locks in {@code pg_locks.classid}. */
	static final int CLASS_ID = 0x43414952;

	/** "CAIW": the guard a work session holds while migrations run on it (see the class javadoc). */
	static final int GUARD_CLASS_ID = 0x43414957;

	/** The SQLSTATE a history write fails with when the lock session no longer holds the lock. */
	public static final String LOST = "CRN01";

	private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

	private static final Duration FIRST_POLL = Duration.ofMillis(50);

	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

	private static final String HOLDER_QUERY = "SELECT a.pid, a.application_name, a.usename, host(a.client_addr),"
			+ " a.backend_start, a.state, a.state_change FROM pg_locks l"
			+ " JOIN pg_stat_activity a ON a.pid = l.pid"
			+ " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid"
			+ " AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
			+ " LIMIT 1";

	private final Connection connection;

	private final int objectId;

	private final Duration waited;

	private final int pid;

	private final String track;

	private AdvisoryLock(Connection connection, int objectId, Duration waited, int pid, String track) {
		this.track = track;
		this.connection = connection;
		this.objectId = objectId;
		this.waited = waited;
		this.pid = pid;
	}

	/**
	 * Takes the lock of the configured track on the given connection, waiting up to the
	 * configured lock timeout.
	 * @throws LockTimeoutException naming the holder when the timeout passes
	 */
	public static AdvisoryLock acquire(Connection connection, CairnConfiguration configuration,
			MigrationListener listener) {
		return acquire(connection, configuration, listener, () -> false);
	}

	/**
	 * Takes the lock as {@link #acquire(Connection, CairnConfiguration, MigrationListener)}
	 * does, but stops waiting at the next poll once {@code cancelled} says so: the run that
	 * wanted it has already failed.
	 * @throws CairnException when cancelled while waiting
	 */
	public static AdvisoryLock acquire(Connection connection, CairnConfiguration configuration,
			MigrationListener listener, BooleanSupplier cancelled) {
		return acquire(connection, configuration, listener, cancelled, null);
	}

	/**
	 * Takes the lock as {@link #acquire(Connection, CairnConfiguration, MigrationListener, BooleanSupplier)}
	 * does, its first poll already made: {@link #pollStatement} sent with other statements, its
	 * answer read with {@link Poll#read}. Waiting is counted from that poll.
	 */
	public static AdvisoryLock acquire(Connection connection, CairnConfiguration configuration,
			MigrationListener listener, BooleanSupplier cancelled, @Nullable Poll first) {
		int objectId = objectId(configuration.qualifiedTable());
		String track = configuration.track();
		Duration timeout = configuration.lockTimeout();
		long start = (first != null) ? first.sent() : System.nanoTime();
		Duration poll = FIRST_POLL;
		long nextReport = 0;
		PreparedStatement attempt = null;
		try {
			while (true) {
				Poll tried = first;
				first = null;
				if (tried == null) {
					if (attempt == null) {
						attempt = prepareAttempt(connection, objectId);
					}
					tried = tryOnce(attempt);
				}
				int pid = tried.pid();
				if (pid != 0) {
					if (tried.guardHeld()) {
						awaitOrphan(connection, configuration, objectId, start, pid);
					}
					Duration waited = Duration.ofNanos(System.nanoTime() - start);
					if (!waited.isZero() && nextReport > 0) {
						logger.info("Track '{}': migration lock acquired after waiting {} ms", track, waited.toMillis());
					}
					listener.lockAcquired(new MigrationListener.LockAcquired(track, waited));
					return new AdvisoryLock(connection, objectId, waited, pid, track);
				}
				if (cancelled.getAsBoolean()) {
					throw new CairnException("Track '" + track + "': stopped waiting for the migration lock: the run"
							+ " was cancelled");
				}
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				LockHolder holder = null;
				if (waited.compareTo(timeout) >= 0) {
					holder = findHolder(connection, objectId);
					throw new LockTimeoutException("Track '" + track + "': could not take the migration lock of "
							+ configuration.qualifiedTable() + " within " + timeout + ": "
							+ ((holder != null) ? "it is held by " + holder.describe()
									: "its holder released it just now or cannot be seen by this user")
							+ ". Another instance is probably migrating: wait for it and start again, or raise the"
							+ " lock timeout. If that session is stuck, end it with SELECT pg_terminate_backend("
							+ ((holder != null) ? holder.pid() : "<pid>") + "); a migration interrupted that way is"
							+ " rolled back (or reported as interrupted if it ran without a transaction).", holder, waited);
				}
				long now = System.nanoTime() - start;
				if (now >= nextReport) {
					holder = findHolder(connection, objectId);
					logger.info("Track '{}': waiting for the migration lock of {} held by {} (waited {} ms of {})", track,
							configuration.qualifiedTable(), (holder != null) ? holder.describe() : "another session",
							waited.toMillis(), timeout);
					listener.lockWaiting(new MigrationListener.LockWaiting(track, holder, waited, timeout));
					nextReport = now + REPORT_EVERY.toNanos();
				}
				poll = pause(poll, timeout.minus(waited));
			}
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + track + "': cannot take the migration lock: " + ex.getMessage()
					+ " (SQLSTATE " + ex.getSQLState() + ")", ex);
		}
		finally {
			closeQuietly(attempt);
		}
	}

	private static PreparedStatement prepareAttempt(Connection connection, int objectId) throws SQLException {
		PreparedStatement attempt = connection.prepareStatement(attemptSql("?", "?", "?"));
		attempt.setInt(1, objectId); // the guard's, tried and released
		attempt.setInt(2, objectId);
		attempt.setInt(3, CLASS_ID); // the lock's
		attempt.setInt(4, objectId);
		return attempt;
	}

	private static void closeQuietly(@Nullable PreparedStatement statement) {
		if (statement == null) {
			return;
		}
		try {
			statement.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the lock poll", ex);
		}
	}

	/**
	 * One poll for the lock of the configured track as a statement of one row, to send with other
	 * statements in one round trip (a migrate run sends it with its first history read); read its
	 * row with {@link Poll#read} and pass that to {@link #acquire(Connection, CairnConfiguration,
	 * MigrationListener, BooleanSupplier, Poll)}. If the answer is lost (a later statement of the
	 * round trip failed), {@link #releaseIfTaken} gives back what it may have taken.
	 */
	public static String pollStatement(CairnConfiguration configuration) {
		String objectId = Integer.toString(objectId(configuration.qualifiedTable()));
		return attemptSql(objectId, Integer.toString(CLASS_ID), objectId);
	}

	/**
	 * Releases the lock once on this session, for a {@link #pollStatement} whose answer was lost:
	 * if that poll took it, it is given back; if not, PostgreSQL answers false (with a warning)
	 * and nothing changes.
	 */
	public static void releaseIfTaken(Connection connection, CairnConfiguration configuration) {
		try {
			unlock(connection, objectId(configuration.qualifiedTable()));
		}
		catch (SQLException ex) {
			// A broken connection has lost the lock anyway.
			logger.debug("Could not give back the migration lock after a failed first read", ex);
		}
	}

	/** Releases the lock once on this session: whether it held it. */
	private static boolean unlock(Connection connection, int objectId) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?, ?)")) {
			unlock.setInt(1, CLASS_ID);
			unlock.setInt(2, objectId);
			try (ResultSet result = unlock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}


	/**
	 * One poll: takes the lock if it is free and, only then, asks whether any session holds the
	 * guard by trying to take it exclusively for the moment of the statement ({@code CASE}
	 * guarantees the order: tried only with the lock held, released at once when taken). With the
	 * lock held, no live run's work session takes the guard, so the moment costs nobody a wait;
	 * and it spares every start a scan of {@code pg_locks}, which in a new backend costs more than
	 * the rest of the poll. Only when the guard is held is {@code pg_locks} asked who holds it.
	 */
	private static String attemptSql(String guardId, String classId, String lockId) {
		return "SELECT got, pg_catalog.pg_backend_pid(), CASE WHEN got THEN"
				+ " CASE WHEN pg_catalog.pg_try_advisory_lock(" + GUARD_CLASS_ID + ", " + guardId + ")"
				+ " THEN NOT pg_catalog.pg_advisory_unlock(" + GUARD_CLASS_ID + ", " + guardId + ") ELSE true END END"
				+ " FROM (SELECT pg_catalog.pg_try_advisory_lock(" + classId + ", " + lockId + ") AS got) AS attempt";
	}

	/**
	 * One poll's answer.
	 * @param pid the backend pid of this session if it took the lock, else 0
	 * @param guardHeld whether, the lock taken, a session holds the guard: an earlier run's migration session
	 * @param sent when the poll was sent, as {@link System#nanoTime()}
	 */
	public record Poll(int pid, boolean guardHeld, long sent) {

		/** Whether the lock was taken and no earlier run's migration session still runs: history may be read. */
		public boolean clear() {
			return this.pid != 0 && !this.guardHeld;
		}

		/** Reads the row of a {@link AdvisoryLock#pollStatement} sent at {@code sent}. */
		public static Poll read(ResultSet row, long sent) throws SQLException {
			row.next();
			return new Poll(row.getBoolean(1) ? row.getInt(2) : 0, row.getBoolean(3), sent);
		}

	}

	private static Poll tryOnce(PreparedStatement attempt) throws SQLException {
		long sent = System.nanoTime();
		try (ResultSet result = attempt.executeQuery()) {
			return Poll.read(result, sent);
		}
	}

	/** The pid of a session holding the guard in this database, NULL if none. */
	private static final String GUARD_HOLDER = "SELECT min(pid) FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
			+ " AND granted AND classid = '" + Integer.toUnsignedString(GUARD_CLASS_ID) + "'::pg_catalog.oid"
			+ " AND objid = ?::bigint::pg_catalog.oid AND objsubid = 2"
			+ " AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())";

	/**
	 * Holding the lock, waits (within what is left of the lock timeout) until no earlier run's
	 * migration session holds the guard: its process ended while the server still ran its
	 * statement. On timeout the lock is given back and the run fails naming that session.
	 */
	private static void awaitOrphan(Connection connection, CairnConfiguration configuration, int objectId, long start,
			int pid) throws SQLException {
		String track = configuration.track();
		Duration poll = FIRST_POLL;
		boolean logged = false;
		try (PreparedStatement query = connection.prepareStatement(GUARD_HOLDER)) {
			query.setInt(1, objectId);
			while (true) {
				int orphan;
				try (ResultSet result = query.executeQuery()) {
					result.next();
					orphan = result.getInt(1);
					if (result.wasNull()) {
						return;
					}
				}
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				if (!logged) {
					logger.info("Track '{}': the migration session of an earlier run (pid {}) is still running a statement"
							+ " although its run ended; waiting for it to end before reading history", track, orphan);
					logged = true;
				}
				if (waited.compareTo(configuration.lockTimeout()) >= 0) {
					new AdvisoryLock(connection, objectId, waited, pid, track).close();
					throw new LockTimeoutException("Track '" + track + "': the migration session of an earlier run (pid "
							+ orphan + ") was still running a statement on the server after " + configuration.lockTimeout()
							+ ", although the run that owned it has ended (its process was killed or lost its"
							+ " connection): nothing was changed. Wait for that statement to finish, or end it with SELECT"
							+ " pg_cancel_backend(" + orphan + "), then start again.", null, waited);
				}
				poll = pause(poll, configuration.lockTimeout().minus(waited));
			}
		}
	}

	/**
	 * A SQL expression that takes the guard in shared mode on the session it runs on. It does not
	 * wait: the guard is taken exclusively only for an instant, and only by a session that holds
	 * the lock, while this session's run holds it.
	 */
	public String guardStatement() {
		return "pg_catalog.pg_advisory_lock_shared(" + GUARD_CLASS_ID + ", " + this.objectId + ")";
	}

	/** A SQL expression that releases the migration lock, on the session that holds it. */
	public String releaseStatement() {
		return "pg_catalog.pg_advisory_unlock(" + CLASS_ID + ", " + this.objectId + ")";
	}

	/** A SQL expression that gives the guard back, on the session that took it once. */
	public String guardRelease() {
		return "pg_catalog.pg_advisory_unlock_shared(" + GUARD_CLASS_ID + ", " + this.objectId + ")";
	}

	/** The session holding the lock, or {@code null} if it cannot be seen. */
	static @Nullable LockHolder findHolder(Connection connection, int objectId) {
		try (PreparedStatement query = connection.prepareStatement(HOLDER_QUERY)) {
			query.setLong(1, CLASS_ID);
			query.setLong(2, objectId);
			try (ResultSet result = query.executeQuery()) {
				if (!result.next()) {
					return null;
				}
				return new LockHolder(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
						instant(result.getTimestamp(5)), result.getString(6), instant(result.getTimestamp(7)));
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not look up the migration lock holder", ex);
			return null;
		}
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A stable non-negative 31-bit hash of the history table's qualified name. */
	public static int objectId(String qualifiedTable) {
		Key known = lastKey;
		if (known != null && known.qualifiedTable().equals(qualifiedTable)) {
			return known.objectId();
		}
		// The first four bytes of its SHA-256: every version of Cairn must compute the same key.
		byte[] hash = Sha256.digest(qualifiedTable.getBytes(StandardCharsets.UTF_8));
		int value = ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
		lastKey = new Key(qualifiedTable, value & 0x7fffffff);
		return value & 0x7fffffff;
	}

	// The last table's key: a run asks for it more than once (its first read, the lock, the history writes).
	private static volatile @Nullable Key lastKey;

	private record Key(String qualifiedTable, int objectId) {
	}

	/** Sleeps for the poll interval (no longer than what is {@code left}) and returns the next, doubled up to a second. */
	private static Duration pause(Duration poll, Duration left) {
		sleep((poll.compareTo(left) < 0) ? poll : left);
		return (poll.multipliedBy(2).compareTo(MAX_POLL) < 0) ? poll.multipliedBy(2) : MAX_POLL;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(1, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CairnException("Interrupted while waiting for the migration lock", ex);
		}
	}

	/** The backend pid of the session holding the lock. */
	public int pid() {
		return this.pid;
	}

	/**
	 * A SQL condition, true while the lock session's backend still holds this lock; read from
	 * {@code pg_locks}, which every role may read, so it can run on any session.
	 */
	public String heldCondition() {
		return "EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND pid = " + this.pid
				+ " AND classid = '" + Integer.toUnsignedString(CLASS_ID) + "'::pg_catalog.oid AND objid = '"
				+ Integer.toUnsignedString(this.objectId) + "'::pg_catalog.oid AND objsubid = 2)";
	}

	/** The track whose lock this is, for messages. */
	public String track() {
		return this.track;
	}

	/** How long acquiring took. */
	public Duration waited() {
		return this.waited;
	}

	@Override
	public void close() {
		try {
			if (!unlock(this.connection, this.objectId)) {
				// Its session ended, or a pooler in transaction mode moved this connection to another server
				// session, leaving the lock on the one that took it.
				logger.warn("Track '{}': the migration lock was no longer held by this session when releasing it (pid {}): its"
						+ " session was ended, or the connection goes through a pooler in transaction mode (PgBouncer"
						+ " pool_mode=transaction), which leaves the lock on another server session; for migrations,"
						+ " set cairn.url to a direct connection or a session-mode pooler", this.track, this.pid);
			}
		}
		catch (SQLException ex) {
			// Never hide the error that ended the run; a dead connection released the lock anyway.
			logger.warn("Track '{}': could not release the migration lock ({}); PostgreSQL releases it when the"
					+ " connection closes", this.track, ex.getMessage());
		}
	}

}
