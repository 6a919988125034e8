package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cairn.core.internal.history.HistoryTable;

/**
 * A session's state as the server sees it, read before the first migration: its backend pid,
 * session user, role and every setting set for the session ({@code pg_settings.source =
 * 'session'}), all in one query. {@link #restoreBlock()} is a PL/pgSQL block that compares the
 * session with it on the server and puts back whatever differs, however it was changed: a
 * {@code SET} in a {@code DO} block or through {@code EXECUTE}, {@code set_config} with a
 * computed name, {@code SET ROLE} in a function, {@code RESET ALL}, {@code DISCARD ALL}. The
 * statement text is never read. Settings set at connect time (source {@code client},
 * {@code user}, {@code database}) that a migration overrides are reset to that value.
 *
 * <p>Not seen: custom placeholder settings ({@code myapp.x}) that no loaded module defines,
 * which PostgreSQL leaves out of {@code pg_settings}.
 */
final class SessionState {

	private static final String CAPTURE = "SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session'"
			+ " UNION ALL SELECT '#pid', pg_catalog.pg_backend_pid()::text"
			+ " UNION ALL SELECT '#session_user', session_user::text"
			+ " UNION ALL SELECT '#role', pg_catalog.current_setting('role')";

	private final int pid;

	private final String sessionUser;

	private final String role;

	private final Map<String, String> settings;

	private SessionState(int pid, String sessionUser, String role, Map<String, String> settings) {
		this.pid = pid;
		this.sessionUser = sessionUser;
		this.role = role;
		this.settings = settings;
	}

	/** Reads the state, one round trip. */
	static SessionState capture(Connection connection) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		int pid = 0;
		String sessionUser = null;
		String role = "none";
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(CAPTURE)) {
			while (result.next()) {
				String name = result.getString(1);
				String value = result.getString(2);
				switch (name) {
					case "#pid" -> pid = Integer.parseInt(value);
					case "#session_user" -> sessionUser = value;
					case "#role" -> role = value;
					default -> settings.put(name, (value != null) ? value : "");
				}
			}
		}
		return new SessionState(pid, (sessionUser != null) ? sessionUser : "", role, settings);
	}

	int pid() {
		return this.pid;
	}

	/**
	 * PL/pgSQL statements (for the body of a {@code DO} block) that put the session back as
	 * captured: session user first, then role (other settings may be settable only by the
	 * original role), then every setting that differs. Functions and catalogs are qualified
	 * with {@code pg_catalog}, since the migration may have changed the search path.
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
		String captured = captured();
		// Set for the session now and not as captured: put back, or reset to the value it had at connect.
		sql.append("FOR s IN SELECT p.name, b.setting FROM pg_catalog.pg_settings p LEFT JOIN ").append(captured)
			.append(" ON b.name = p.name WHERE p.source = 'session' AND p.setting IS DISTINCT FROM b.setting LOOP ")
			.append("IF s.setting IS NULL THEN EXECUTE 'RESET ' || pg_catalog.quote_ident(s.name); ")
			.append("ELSE PERFORM pg_catalog.set_config(s.name, s.setting, false); END IF; END LOOP; ");
		// Captured and no longer set for the session (RESET, RESET ALL, DISCARD ALL): set again.
		if (!this.settings.isEmpty()) {
			sql.append("FOR s IN SELECT b.name, b.setting FROM ").append(captured)
				.append(" WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_settings p WHERE p.name = b.name")
				.append(" AND p.source = 'session') LOOP PERFORM pg_catalog.set_config(s.name, s.setting, false);")
				.append(" END LOOP; ");
		}
		return sql.toString();
	}

	private String captured() {
		if (this.settings.isEmpty()) {
			return "(SELECT NULL::text AS name, NULL::text AS setting WHERE false) b";
		}
		StringBuilder values = new StringBuilder("(VALUES ");
		this.settings.forEach((name, value) -> values.append('(').append(HistoryTable.literal(name)).append("::text, ")
			.append(HistoryTable.literal(value)).append("::text), "));
		values.setLength(values.length() - 2);
		return values.append(") b(name, setting)").toString();
	}

}
