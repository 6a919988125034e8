package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.sql.SqlStatement;

/**
 * Keeps a migration's session settings from leaking into the next migration and into the
 * pooled connection the application gets back. A {@code SET search_path} (or
 * {@code set_config(..., false)}, as pg_dump writes) outlives the transaction that ran it, so
 * the values a migration changes are read before it runs and put back after its statements,
 * in the same transaction. Migrations without such statements pay nothing.
 */
final class SessionSettings {

	/** Stands for "every setting", for {@code RESET ALL} and {@code set_config} with a computed name. */
	static final String ALL = "*";

	private static final Pattern SET_CONFIG = Pattern.compile("set_config\\s*\\(\\s*'([^']+)'",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WORDS = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");

	private SessionSettings() {
	}

	/** The settings the statements change for the rest of the session; {@link #ALL} if unknowable. */
	static Set<String> changedBy(List<SqlStatement> statements) {
		Set<String> names = new LinkedHashSet<>();
		for (SqlStatement statement : statements) {
			String keyword = statement.keyword();
			if (keyword.equals("SET") || keyword.equals("RESET")) {
				String name = settingName(statement.sql(), keyword.equals("RESET"));
				if (name != null) {
					names.add(name);
				}
			}
			else if (statement.sql().toLowerCase(Locale.ROOT).contains("set_config")) {
				Matcher matcher = SET_CONFIG.matcher(statement.sql());
				boolean found = false;
				while (matcher.find()) {
					names.add(matcher.group(1).toLowerCase(Locale.ROOT));
					found = true;
				}
				if (!found) {
					names.add(ALL);
				}
			}
		}
		return names;
	}

	private static @Nullable String settingName(String sql, boolean reset) {
		Matcher words = WORDS.matcher(sql);
		words.find(); // SET or RESET
		String first = next(words);
		if (first == null) {
			return null;
		}
		switch (first) {
			case "local", "transaction", "constraints":
				return null; // ends with the transaction
			case "all":
				return reset ? ALL : null;
			case "role":
				return "role";
			case "schema":
				return "search_path";
			case "names":
				return "client_encoding";
			case "time":
				return "timezone";
			case "xml":
				return "xmloption";
			case "session":
				String second = next(words);
				if ("authorization".equals(second)) {
					return "session_authorization";
				}
				if ("characteristics".equals(second)) {
					return ALL;
				}
				return (second != null) ? second : null;
			default:
				return first;
		}
	}

	private static @Nullable String next(Matcher words) {
		return words.find() ? words.group().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Reads the current values of the named settings (for {@link #ALL}, every setting this
	 * session changed) and returns the statement that puts them back.
	 */
	static String captureRestore(Connection connection, Set<String> names) throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement()) {
			if (names.contains(ALL)) {
				try (ResultSet result = statement.executeQuery(
						"SELECT name, setting FROM pg_settings WHERE source = 'session' UNION ALL"
								+ " SELECT 'role', current_setting('role')")) {
					while (result.next()) {
						values.put(result.getString(1), result.getString(2));
					}
				}
			}
			for (String name : names) {
				if (name.equals(ALL) || values.containsKey(name)) {
					continue;
				}
				try (ResultSet result = statement
					.executeQuery("SELECT current_setting(" + HistoryTable.literal(name) + ", true)")) {
					result.next();
					String value = result.getString(1);
					if (value != null) {
						values.put(name, value);
					}
				}
			}
		}
		StringBuilder restore = new StringBuilder("DO $cairn_restore$ BEGIN ");
		if (names.contains(ALL)) {
			restore.append("RESET ALL; ");
		}
		// Role first: other settings may only be settable by the original role.
		if (values.containsKey("role")) {
			restore.append("PERFORM pg_catalog.set_config('role', ").append(HistoryTable.literal(values.get("role"))).append(", false); ");
		}
		values.forEach((name, value) -> {
			if (!name.equals("role")) {
				restore.append("PERFORM pg_catalog.set_config(")
					.append(HistoryTable.literal(name))
					.append(", ")
					.append(HistoryTable.literal(value))
					.append(", false); ");
			}
		});
		return restore.append("END $cairn_restore$").toString();
	}

}
