package dev.cairn.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A database address as {@code -database} takes it: a JDBC URL ({@code jdbc:postgresql://...})
 * as it is, or the URL golang-migrate, dbmate and libpq users write
 * ({@code postgres://user:pass@host:port/db?sslmode=disable}, also {@code postgresql://}),
 * turned into a JDBC URL. The user and password of such a URL are taken out (percent-decoded)
 * and handed to the driver separately, so they never appear in the URL Cairn prints or logs.
 *
 * @param jdbcUrl the JDBC URL, without the user and password of a {@code postgres://} URL
 * @param user the user from the URL's user info, if any
 * @param password the password from the URL's user info, if any
 * @param migrationsTable golang-migrate's {@code x-migrations-table} parameter, if given: the
 * table its history is in, which Cairn takes over
 */
record DatabaseUrl(String jdbcUrl, @Nullable String user, @Nullable String password, @Nullable String migrationsTable) {

	/**
	 * Reads a URL.
	 * @param url the URL as given
	 * @param source where it came from, for messages ({@code -database})
	 * @return the parsed URL
	 * @throws IllegalArgumentException saying what is wrong, without the password
	 */
	static DatabaseUrl parse(String url, String source) {
		String value = url.strip();
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:postgresql:")) {
			return new DatabaseUrl(value, null, null, null);
		}
		String rest;
		if (lower.startsWith("postgres://")) {
			rest = value.substring("postgres://".length());
		}
		else if (lower.startsWith("postgresql://")) {
			rest = value.substring("postgresql://".length());
		}
		else {
			String scheme = (value.indexOf(':') > 0) ? value.substring(0, value.indexOf(':') + 1) : value;
			throw new IllegalArgumentException(source + " '" + dev.cairn.core.Secrets.mask(scheme.length() > 40 ? scheme.substring(0, 40) + "..." : scheme)
					+ "' is not a PostgreSQL URL: use postgres://user@host:5432/database?sslmode=disable (a password after"
					+ " 'user:', percent-encoded)"
					+ " or jdbc:postgresql://host:5432/database");
		}
		// The user info ends at the last '@' before the query, so a password with an unencoded '/'
		// is still read as a password, never as the host or path that an error message would show.
		int queryStart = rest.indexOf('?');
		int at = rest.lastIndexOf('@', (queryStart >= 0) ? queryStart : rest.length());
		String afterUserInfo = rest.substring(at + 1);
		int end = firstOf(afterUserInfo, '/', '?');
		String authority = afterUserInfo.substring(0, end);
		String path = afterUserInfo.substring(end);
		String user = null;
		String password = null;
		if (at >= 0) {
			String userInfo = rest.substring(0, at);
			int colon = userInfo.indexOf(':');
			user = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo, source, "user");
			password = (colon >= 0) ? decode(userInfo.substring(colon + 1), source, "password") : null;
			if (user.isEmpty()) {
				user = null;
			}
		}
		if (authority.isEmpty()) {
			throw new IllegalArgumentException(source + " has no host: Cairn connects over TCP, as in"
					+ " postgres://user@localhost:5432/database (Unix sockets are not supported)");
		}
		String database = path;
		String query = "";
		int question = path.indexOf('?');
		if (question >= 0) {
			database = path.substring(0, question);
			query = path.substring(question + 1);
		}
		List<String> parameters = new ArrayList<>();
		String migrationsTable = null;
		for (String parameter : query.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
			String raw = parameter.contains("=") ? parameter.substring(parameter.indexOf('=') + 1) : "";
			switch (name) {
				case "x-migrations-table" -> migrationsTable = decode(raw, source, name);
				case "host" -> throw new IllegalArgumentException(source + " names its host as a parameter (host="
						+ "...): Cairn connects over TCP; put the host after '@' instead");
				case "password" -> password = decode(raw, source, "password");
				case "user" -> user = decode(raw, source, "user");
				default -> {
					if (name.startsWith("x-")) {
						throw new IllegalArgumentException(source + " has golang-migrate's parameter " + name
								+ ", which Cairn does not read: remove it (Cairn splits statements itself and takes"
								+ " lock and statement settings from its own options; see cairn --help)");
					}
					parameters.add(parameter);
				}
			}
		}
		String jdbc = "jdbc:postgresql://" + authority + (database.isEmpty() ? "/" : database)
				+ (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
		return new DatabaseUrl(jdbc, user, password, migrationsTable);
	}

	private static int firstOf(String text, char one, char other) {
		int a = text.indexOf(one);
		int b = text.indexOf(other);
		if (a < 0) {
			return (b < 0) ? text.length() : b;
		}
		return (b < 0) ? a : Math.min(a, b);
	}

	private static String decode(String text, String source, String part) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + ": the " + part + " has a bad percent escape; write special"
					+ " characters as %XX (for example @ as %40)");
		}
	}

	@Override
	public String toString() {
		return dev.cairn.core.Secrets.mask(this.jdbcUrl);
	}

}
