package dev.cairn.core.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.LockHolder;
import dev.cairn.core.LockTimeoutException;

/**
 * Who kept one of Cairn's own statements from the history table past its {@code lock_timeout}.
 *
 * <p>{@code pg_blocking_pids()} only answers while the blocked statement still waits, and it
 * waited on this very connection; so once PostgreSQL gave up, the sessions that hold (or queue
 * ahead for) a lock on the table in a mode that conflicts with the one Cairn needed are read
 * from {@code pg_locks}, with who they are from {@code pg_stat_activity}. Never their query
 * text: it may carry a password.
 */
final class Blockers {

	private static final Logger logger = LoggerFactory.getLogger(Blockers.class);

	/** The modes that conflict with a read's ACCESS SHARE. */
	static final String BLOCKS_READS = "AccessExclusiveLock";

	private static final String QUERY = "SELECT a.pid, a.application_name, a.usename, host(a.client_addr),"
			+ " a.backend_start, a.state, a.state_change, l.mode, l.granted FROM pg_catalog.pg_locks l"
			+ " JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
			+ " WHERE l.locktype = 'relation' AND l.relation = to_regclass(?)"
			+ " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
			+ " AND l.pid <> pg_backend_pid() AND l.mode = ANY (string_to_array(?, ','))"
			+ " ORDER BY l.granted DESC, a.backend_start LIMIT 3";

	private Blockers() {
	}

	/**
	 * The failure of a read that waited {@code waited} for a lock on {@code table}, naming the
	 * sessions in the way.
	 * @param modes the lock modes, comma-separated as {@code pg_locks} names them, that block it
	 * @param limit what bounded the wait, for the message
	 */
	static LockTimeoutException timedOut(Connection connection, String table, String modes, Duration waited,
			String limit, String reason) {
		List<Blocker> blockers = find(connection, table, modes);
		LockHolder first = blockers.isEmpty() ? null : blockers.get(0).holder();
		StringBuilder message = new StringBuilder("Could not read history table ").append(table)
			.append(" within ")
			.append(limit)
			.append(" (")
			.append(reason)
			.append("): ");
		if (blockers.isEmpty()) {
			message.append("the session that locked it released it just now or cannot be seen by this user");
		}
		else {
			for (int i = 0; i < blockers.size(); i++) {
				Blocker blocker = blockers.get(i);
				message.append((i == 0) ? "" : "; ")
					.append(blocker.holder().describe())
					.append(blocker.granted() ? " holds " : " waits for ")
					.append(blocker.mode())
					.append(" on it");
			}
		}
		message.append(". Cairn changed nothing. Another session keeps the table locked, usually an open transaction"
				+ " (LOCK TABLE, TRUNCATE, ALTER TABLE): end that transaction");
		if (first != null) {
			message.append(", or SELECT pg_terminate_backend(").append(first.pid()).append(") if it is stuck");
		}
		message.append(", and start again; or raise the lock timeout.");
		return new LockTimeoutException(message.toString(), first, waited);
	}

	private static List<Blocker> find(Connection connection, String table, String modes) {
		List<Blocker> blockers = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(QUERY)) {
			query.setString(1, table);
			query.setString(2, modes);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					LockHolder holder = new LockHolder(result.getInt(1), result.getString(2), result.getString(3),
							result.getString(4), instant(result.getTimestamp(5)), result.getString(6),
							instant(result.getTimestamp(7)));
					blockers.add(new Blocker(holder, result.getString(8), result.getBoolean(9)));
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not look up the sessions locking the history table", ex);
		}
		return blockers;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Blocker(LockHolder holder, String mode, boolean granted) {
	}

}
