package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.internal.history.HistoryTable;

/**
 * A session's state as the server sees it, read before the first migration in one query: its
 * backend pid, session user, role, every setting set for the session ({@code pg_settings.source
 * = 'session'}), and the history table's oid. {@link #restoreBlock()} puts the session back on
 * the server, however a migration changed it (a {@code SET} in a {@code DO} block or through
 * {@code EXECUTE}, {@code set_config} with a computed name, {@code SET ROLE} in a function,
 * {@code RESET ALL}, {@code DISCARD ALL}): session user and role set back when they differ,
 * then {@code RESET ALL} (every setting back to its connect-time value: server default,
 * database, role or client) and the captured session settings set again. The statement text
 * is never read. Resetting costs about 0.2 ms on the server; comparing against
 * {@code pg_settings} after every migration would cost over 1 ms, as that view formats all
 * ~350 settings.
 *
 * <p>Not restored: custom placeholder settings ({@code myapp.x}) that no loaded module defines,
 * which PostgreSQL leaves out of {@code pg_settings}, so they cannot be captured.
 */
final class SessionState {

	private static final String CAPTURE = "SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session'"
			+ " UNION ALL SELECT '#pid', pg_catalog.pg_backend_pid()::text"
			+ " UNION ALL SELECT '#session_user', session_user::text"
			+ " UNION ALL SELECT '#role', pg_catalog.current_setting('role')"
			+ " UNION ALL SELECT '#history', pg_catalog.to_regclass(";

	private final int pid;

	private final String sessionUser;

	private final String role;

	private final Map<String, String> settings;

	private final @Nullable String historyOid;

	private SessionState(int pid, String sessionUser, String role, Map<String, String> settings,
			@Nullable String historyOid) {
		this.pid = pid;
		this.sessionUser = sessionUser;
		this.role = role;
		this.settings = settings;
		this.historyOid = historyOid;
	}

	/** Reads the state, one round trip. */
	static SessionState capture(Connection connection, String historyTable) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		int pid = 0;
		String sessionUser = null;
		String role = "none";
		String historyOid = null;
		String query = CAPTURE + HistoryTable.literal(historyTable) + ")::pg_catalog.oid::text";
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
			while (result.next()) {
				String name = result.getString(1);
				String value = result.getString(2);
				switch (name) {
					case "#pid" -> pid = Integer.parseInt(value);
					case "#session_user" -> sessionUser = value;
					case "#role" -> role = value;
					case "#history" -> historyOid = value;
					default -> settings.put(name, (value != null) ? value : "");
				}
			}
		}
		return new SessionState(pid, (sessionUser != null) ? sessionUser : "", role, settings, historyOid);
	}

	int pid() {
		return this.pid;
	}

	/** The history table's oid when the session started, null if it did not exist. */
	@Nullable String historyOid() {
		return this.historyOid;
	}

	/**
	 * PL/pgSQL statements (for the body of a {@code DO} block) that put the session back as
	 * captured: session user first, then role (other settings may be settable only by the
	 * original role; {@code RESET ALL} leaves both alone), then every setting. Functions are
	 * qualified with {@code pg_catalog}, since the migration may have changed the search path.
	 */
	String restoreBlock() {
		StringBuilder sql = new StringBuilder();
		String user = HistoryTable.literal(this.sessionUser);
		sql.append("IF session_user::text <> ").append(user)
			.append(" THEN PERFORM pg_catalog.set_config('session_authorization', ").append(user)
			.append(", false); END IF; ");
		String role = HistoryTable.literal(this.role);
		sql.append("IF pg_catalog.current_setting('role') <> ").append(role)
			.append(" THEN PERFORM pg_catalog.set_config('role', ").append(role).append(", false); END IF; ");
		sql.append("RESET ALL; ");
		this.settings.forEach((name, value) -> sql.append("PERFORM pg_catalog.set_config(")
			.append(HistoryTable.literal(name)).append(", ").append(HistoryTable.literal(value)).append(", false); "));
		return sql.toString();
	}

}
