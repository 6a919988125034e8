package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lockwait.LockWaitWatch;
import dev.cairn.core.internal.lock.AdvisoryLock;

/**
 * The session migrations run on: never the one holding the migration lock (see
 * {@link AdvisoryLock}), so nothing a migration runs can release the lock.
 *
 * <p>Around every migration it keeps three promises, all checked on the server and sent in
 * the batch that already carries the migration's history write, so they cost no round trip:
 * <ul>
 * <li>the session is put back as it was before the first migration ({@link SessionState}),
 * and advisory locks a migration left behind are released;</li>
 * <li>the lock session still holds the lock ({@link AdvisoryLock#heldCondition()}), else the
 * write fails with SQLSTATE {@value AdvisoryLock#LOST};</li>
 * <li>the migration did not touch the history table, else the write fails with SQLSTATE
 * {@value #HISTORY_CHANGED}: a migration that drops, truncates or deletes from it is caught at
 * once instead of making the next run re-apply everything as gaps (see {@link #check}).</li>
 * </ul>
 * The restore and the lock check cost about 0.3 to 0.7 ms on the server per migration,
 * whatever the size of history; the row count after a no-transaction file about 0.1 ms per
 * 1,000 history rows.
 *
 * <p>After a failure, {@link #clean()} rolls back a transaction the migration left open (asking
 * the driver, which tracks the server's transaction state, not the SQL text); a session that
 * cannot be cleaned or restored is marked {@link #broken()} and is aborted instead of going
 * back to a pool.
 */
public final class WorkSession {

	/** The SQLSTATE a history write fails with when a migration touched the history table. */
	public static final String HISTORY_CHANGED = "CRN02";

	private static final Logger logger = LoggerFactory.getLogger(WorkSession.class);

	private final Connection connection;

	private final SessionState before;

	private final AdvisoryLock lock;

	private final HistoryTable history;

	private final boolean lockSession;

	private long rows;

	private boolean broken;

	private @Nullable LockWaitWatch watch;

	/**
	 * Whether the last thing on the session was a successful check (which restores it): then
	 * giving it back needs no restore of its own. Whoever asks for the connection may run SQL.
	 */
	private boolean restored = true;

	private WorkSession(Connection connection, SessionState before, AdvisoryLock lock, HistoryTable history,
			boolean lockSession, long rows) {
		this.connection = connection;
		this.before = before;
		this.lock = lock;
		this.history = history;
		this.lockSession = lockSession;
		this.rows = rows;
	}

	/**
	 * Reads the session's state (one round trip) and starts counting history rows from
	 * {@code rows}, the number read under the lock.
	 */
	public static WorkSession start(Connection connection, AdvisoryLock lock, HistoryTable history, long rows)
			throws SQLException {
		// The guard tells a later run that this session may still be running a migration's statement.
		ScriptRunner.execute(connection, "SELECT " + lock.guardStatement());
		SessionState before = SessionState.capture(connection, history.qualifiedName());
		return new WorkSession(connection, before, lock, history, before.pid() == lock.pid(), rows);
	}

	public Connection connection() {
		this.restored = false;
		return this.connection;
	}

	/**
	 * Whether the data source gave the lock's own session again (a pool of one, or a data source
	 * that hands out one shared connection): then a migration's SQL can still release the lock,
	 * though the check in every history write still refuses to record anything after that.
	 */
	public boolean sharesLockSession() {
		return this.lockSession;
	}

	/** The backend pid of this session, the one migrations run on. */
	public int pid() {
		return this.before.pid();
	}

	/** Looks at what migrations on this session wait for while they run (not when it is the lock's session). */
	public void watchWith(LockWaitWatch watch) {
		this.watch = watch;
	}

	/** Watches one attempt of a migration; closing the handle ends it. Null when nothing watches. */
	LockWaitWatch.@Nullable Watching watching(Version version, String script, int attempt) {
		return (this.watch != null) ? this.watch.watching(version, script, attempt) : null;
	}

	/** The backend pid of the session holding the migration lock. */
	public int lockPid() {
		return this.lock.pid();
	}

	/** Whether the session could not be put back and must not be reused. */
	public boolean broken() {
		return this.broken;
	}

	void markBroken() {
		this.broken = true;
	}

	/**
	 * The block that goes before every history write, in its transaction: restores the session,
	 * then fails the transaction if the lock was lost or the history table was touched.
	 *
	 * <p>In a migration's own transaction ({@code inMigrationTransaction}) it costs nothing per
	 * history row: a write to the history table holds {@code ROW EXCLUSIVE} (INSERT, UPDATE,
	 * DELETE) or {@code ACCESS EXCLUSIVE} (TRUNCATE, most ALTER TABLE) on it until the
	 * transaction ends, so one look at this backend's own entries in {@code pg_locks} sees it
	 * (Cairn's own write comes after the check). Reading it, ANALYZE and COMMENT take weaker
	 * modes and pass. After a no-transaction migration those locks are gone with the
	 * statements' own transactions, so the rows are counted against what Cairn expects.
	 * Either way a dropped or replaced table shows as a different oid.
	 */
	String check(boolean inMigrationTransaction) {
		String table = this.history.qualifiedName();
		String oid = "pg_catalog.to_regclass(" + HistoryTable.literal(table) + ")";
		StringBuilder sql = new StringBuilder("DO $cairn_check$ DECLARE n bigint; m text; BEGIN ");
		sql.append("IF NOT ").append(this.lock.heldCondition())
			.append(" THEN RAISE EXCEPTION USING ERRCODE = '").append(AdvisoryLock.LOST)
			.append("', MESSAGE = 'the migration lock is no longer held by its session (pid ").append(this.lock.pid())
			.append(")'; END IF; ");
		sql.append(this.before.restoreBlock());
		if (!this.lockSession) {
			// Cairn holds no advisory lock on this session but the guard: any other is one a migration took
			// and left. The guard is taken again at once.
			sql.append("PERFORM pg_catalog.pg_advisory_unlock_all(); PERFORM ").append(this.lock.guardStatement())
				.append("; ");
		}
		String expected = (this.before.historyOid() != null) ? "'" + this.before.historyOid() + "'::pg_catalog.oid"
				: "NULL";
		sql.append("IF ").append(oid).append(" IS NULL OR ").append(oid).append(" IS DISTINCT FROM ").append(expected)
			.append(" THEN RAISE EXCEPTION USING ERRCODE = '").append(HISTORY_CHANGED).append("', MESSAGE = ")
			.append(HistoryTable.literal("history table " + table + " was dropped, renamed or replaced"))
			.append("; END IF; ");
		if (inMigrationTransaction) {
			sql.append("SELECT pg_catalog.string_agg(DISTINCT l.mode, ', ') INTO m FROM pg_catalog.pg_locks l")
				.append(" WHERE l.locktype = 'relation' AND l.pid = pg_catalog.pg_backend_pid() AND l.relation = ")
				.append(oid).append(" AND l.mode IN ('RowExclusiveLock', 'AccessExclusiveLock'); ")
				.append("IF m IS NOT NULL THEN RAISE EXCEPTION USING ERRCODE = '").append(HISTORY_CHANGED)
				.append("', MESSAGE = pg_catalog.format(")
				.append(HistoryTable.literal("history table %s was written to, truncated or altered (the migration"
						+ " holds %s on it)"))
				.append(", ").append(HistoryTable.literal(table)).append(", m); END IF; ");
		}
		else {
			sql.append("EXECUTE ").append(HistoryTable.literal("SELECT pg_catalog.count(*) FROM " + table))
				.append(" INTO n; ")
				.append("IF n <> ").append(this.rows).append(" THEN RAISE EXCEPTION USING ERRCODE = '")
				.append(HISTORY_CHANGED).append("', MESSAGE = pg_catalog.format(")
				.append(HistoryTable.literal("history table %s has %s rows where Cairn expects %s"))
				.append(", ").append(HistoryTable.literal(table)).append(", n, ").append(this.rows).append("); END IF; ");
		}
		return sql.append("END $cairn_check$").toString();
	}

	/**
	 * What a migration's own transaction runs before its history writes: the
	 * {@linkplain #check(boolean) check}, after lifting a {@code statement_timeout} the migration
	 * set (at 1 ms it cancelled the check under load, failing a migration that had succeeded);
	 * the check's {@code RESET ALL} then puts the session's own timeout back for the writes.
	 */
	List<String> checkInMigrationTransaction() {
		return List.of("SET LOCAL statement_timeout = 0", check(true));
	}

	/** Counts the rows a history write added (or, negative, removed). */
	void wrote(int delta) {
		this.rows += delta;
		this.restored = true;
	}

	/**
	 * Brings the session back to a known state after a failure: rolls back a transaction that
	 * is open or aborted, as the driver saw the server report it.
	 * @return whether a transaction was rolled back
	 */
	boolean clean() {
		try {
			if (this.connection.isClosed()) {
				this.broken = true;
				return false;
			}
			if (transactionState() == TransactionState.IDLE) {
				return false;
			}
			ScriptRunner.execute(this.connection, "ROLLBACK");
			return true;
		}
		catch (SQLException ex) {
			logger.warn("Track '{}': could not roll back the migration session ({}); it will be closed", this.lock.track(),
					ex.getMessage());
			this.broken = true;
			return false;
		}
	}

	/**
	 * Writes history in a transaction of its own, with {@link #check(boolean) the check} before
	 * the writes. The session is restored first, in a round trip of its own: a migration's
	 * {@code SET default_transaction_read_only = on} (or another isolation level) would otherwise
	 * decide how Cairn's transaction starts, and a restore sent in the same batch is too late,
	 * since the protocol runs a batch in one implicit transaction that starts with its first
	 * statement. Only history writes outside a migration's transaction pay it (no-transaction
	 * files, failure records, recovery).
	 */
	void writeHistory(String... writes) throws SQLException {
		runRestore();
		List<String> statements = new ArrayList<>(writes.length + 1);
		statements.add(check(false));
		statements.addAll(List.of(writes));
		HistoryTable.writeAll(this.connection, statements);
	}

	/**
	 * Restores the session in a round trip of its own. A {@code statement_timeout} the migration
	 * set is lifted first, or the restore would run under it; the restore then puts the session's
	 * own value back.
	 */
	private void runRestore() throws SQLException {
		ScriptRunner.execute(this.connection, "SET statement_timeout = 0", restoreStatement());
	}

	private String restoreStatement() {
		return "DO $cairn_restore$ BEGIN " + this.before.restoreBlock()
				+ (this.lockSession ? ""
						: "PERFORM pg_catalog.pg_advisory_unlock_all(); PERFORM " + this.lock.guardStatement() + "; ")
				+ "END $cairn_restore$";
	}

	/**
	 * Restores the session outside any history write: after a failure (a rolled-back
	 * transaction undoes its settings, not the session-level advisory locks it took) and when
	 * the session is given back. A session that cannot be restored is marked broken.
	 */
	void restore() {
		if (this.broken) {
			return;
		}
		try {
			runRestore();
		}
		catch (SQLException ex) {
			logger.warn("Track '{}': could not put the migration session back as it was ({}); it will be closed",
					this.lock.track(), ex.getMessage());
			this.broken = true;
		}
	}

	/**
	 * Ends the session's use: a transaction left open is rolled back and, unless the last thing
	 * on it was a successful history write (whose check restored it), the session is restored
	 * once more, so whatever ran on it last (a dry run, a failed migration) leaves nothing behind. Returns whether the
	 * connection may be given back; if not, the caller aborts it.
	 */
	public boolean release() {
		if (clean() || !this.restored) {
			restore();
		}
		if (!this.broken) {
			// The session goes back to its pool: it must not hold the guard there (see AdvisoryLock).
			try {
				ScriptRunner.execute(this.connection, "SELECT " + (this.lockSession ? this.lock.guardRelease()
						: "pg_catalog.pg_advisory_unlock_all()"));
			}
			catch (SQLException ex) {
				logger.warn("Track '{}': could not release the migration guard on the migration session ({}); it will"
						+ " be closed", this.lock.track(), ex.getMessage());
				this.broken = true;
			}
		}
		return !this.broken;
	}

	private TransactionState transactionState() throws SQLException {
		if (this.connection.isWrapperFor(BaseConnection.class)) {
			return this.connection.unwrap(BaseConnection.class).getTransactionState();
		}
		// Not pgjdbc underneath: assume the worst; ROLLBACK outside a transaction only warns.
		return TransactionState.OPEN;
	}

}
