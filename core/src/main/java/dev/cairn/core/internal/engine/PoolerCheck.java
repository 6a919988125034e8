package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import dev.cairn.core.CairnException;
import dev.cairn.core.internal.lock.AdvisoryLock;

/**
 * Refuses a connection pooler in transaction mode (PgBouncer's {@code pool_mode = transaction},
 * and the like) before a run writes anything. Such a pooler gives a client a server session per
 * transaction only, so a session-level advisory lock stays on a server session that other clients
 * use next: two instances could both "hold" the migration lock and apply the same migration twice,
 * and the lock could outlive the run.
 *
 * <p>Seen from the server, never guessed from the URL: two client connections of one run are two
 * sessions on a direct connection or a session-mode pooler, so (1) the work connection must not
 * run on the lock's backend, and (2) while the work connection holds a transaction open (which
 * pins its server session), the lock connection must still be on the backend that took the lock.
 * A transaction-mode pooler fails one of the two: it hands the backend the lock connection just
 * released to the work connection (PgBouncer reuses the most recently used one), or moves the lock
 * connection to another. Costs three round trips, and only on a run that will apply something.
 */
final class PoolerCheck {

	private PoolerCheck() {
	}

	static void refuseTransactionPooling(String track, Connection lockConnection, Connection workConnection,
			AdvisoryLock lock) {
		if (samePhysicalConnection(lockConnection, workConnection)) {
			return; // a pool of one: one session, reported where migrations start
		}
		int lockPid = lock.pid();
		try (Statement work = workConnection.createStatement(); Statement locked = lockConnection.createStatement()) {
			int workPid = pid(work);
			boolean pooled = workPid == lockPid;
			if (!pooled) {
				work.execute("BEGIN");
				try {
					pooled = pid(locked) != lockPid;
				}
				finally {
					work.execute("ROLLBACK");
				}
			}
			if (!pooled) {
				return;
			}
			// Give the lock back where it is, if one of the two connections sits on its backend now.
			String release = "SELECT CASE WHEN pg_catalog.pg_backend_pid() = " + lockPid + " THEN "
					+ lock.releaseStatement() + " END";
			work.execute(release);
			locked.execute(release);
		}
		catch (SQLException ex) {
			// Fail closed: on a direct connection these three statements do not fail, while a transaction-mode
			// pooler makes them fail in its own ways (a prepared statement another client left on the server
			// session, SQLSTATE 42P05).
			throw new CairnException("Track '" + track + "': could not check whether the connection goes through a"
					+ " connection pooler in transaction mode (" + ex.getMessage() + "; SQLSTATE " + ex.getSQLState()
					+ "). Nothing was changed. If it does, set cairn.url (and cairn.user, cairn.password) to a direct"
					+ " connection to PostgreSQL or a pooler in session mode for migrations; otherwise start again.", ex);
		}
		throw new CairnException("Track '" + track + "': the database connection goes through a connection pooler in"
				+ " transaction mode (PgBouncer pool_mode=transaction or similar): two connections of one run share a"
				+ " server session, so the migration lock, a session-level advisory lock, would not keep other instances"
				+ " out and could outlive the run. Nothing was changed. Set cairn.url (and cairn.user, cairn.password)"
				+ " to a direct connection to PostgreSQL, or to a pooler in session mode, for migrations; the application"
				+ " can keep using the pooler.");
	}

	private static int pid(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static boolean samePhysicalConnection(Connection a, Connection b) {
		try {
			return a == b || (a.isWrapperFor(PGConnection.class) && b.isWrapperFor(PGConnection.class)
					&& a.unwrap(PGConnection.class) == b.unwrap(PGConnection.class));
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
