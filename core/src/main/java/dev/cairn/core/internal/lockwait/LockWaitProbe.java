package dev.cairn.core.internal.lockwait;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Secrets;
import dev.cairn.core.StatementWait;
import dev.cairn.core.internal.sql.Tokens;

/**
 * Reads what one backend is waiting for, from another session: its ungranted lock in
 * {@code pg_locks} and who {@code pg_blocking_pids()} says is ahead of it. One query; only while
 * the backend waits does it return anything.
 */
public final class LockWaitProbe {

	/** How many words of a blocker's statement are shown. */
	private static final int WORDS = 4;

	private static final String QUERY = "SELECT w.locktype,"
			+ " CASE WHEN w.relation IS NOT NULL THEN w.relation::pg_catalog.regclass::text END, w.mode,"
			+ " b.pid, b.application_name, b.usename, b.state, b.query_start, b.query"
			+ " FROM pg_catalog.pg_locks w"
			+ " LEFT JOIN LATERAL pg_catalog.unnest(pg_catalog.pg_blocking_pids(w.pid)) AS bp(pid) ON true"
			+ " LEFT JOIN pg_catalog.pg_stat_activity b ON b.pid = bp.pid"
			+ " WHERE w.pid = ? AND NOT w.granted LIMIT 5";

	private LockWaitProbe() {
	}

	/** What {@code pid} waits for, or null when it is not waiting for a lock. */
	public static @Nullable StatementWait probe(Connection connection, int pid) throws SQLException {
		String lock = null;
		String mode = null;
		List<StatementWait.Blocker> blockers = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(QUERY)) {
			query.setInt(1, pid);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					if (lock == null) {
						String relation = result.getString(2);
						lock = (relation != null) ? relation : describeType(result.getString(1));
						mode = result.getString(3);
					}
					int blocker = result.getInt(4);
					if (!result.wasNull()) {
						Timestamp start = result.getTimestamp(8);
						blockers.add(new StatementWait.Blocker(blocker, result.getString(5), result.getString(6),
								result.getString(7), (start != null) ? start.toInstant() : null,
								firstWords(result.getString(9))));
					}
				}
			}
		}
		return (lock != null) ? new StatementWait(lock, mode, blockers) : null;
	}

	/** The statement's first words, never a constant, masked: another session's SQL may carry a password. */
	static String firstWords(@Nullable String sql) {
		if (sql == null) {
			return "";
		}
		String words = Tokens.firstWords(sql, WORDS);
		String masked = Secrets.mask(words);
		return (masked != null) ? masked : "";
	}

	private static String describeType(@Nullable String locktype) {
		if (locktype == null) {
			return "a lock";
		}
		return switch (locktype) {
			case "transactionid", "virtualxid" -> "another transaction (to end)";
			case "tuple" -> "a row";
			case "advisory" -> "an advisory lock";
			default -> "a " + locktype + " lock";
		};
	}

}
