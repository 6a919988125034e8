package dev.cairn.core;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks passwords in text Cairn puts into messages, logs, events, health details and HTTP
 * responses: {@code password=...} in JDBC URLs, connection strings and semicolon-separated
 * property lists (also {@code sslpassword}, {@code PGPASSWORD}, {@code db_password},
 * {@code passwd}, {@code pwd}), {@code user:password@host} after {@code //}, and SQL's
 * {@code PASSWORD '...'} (as in {@code CREATE ROLE} or a user mapping). Over-masking is
 * preferred to leaking: an odd string after {@code PASSWORD} is masked to the end. The one
 * masker of the engine and the Spring Boot starter.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "***";

	// Any key ending in "password" (sslpassword, PGPASSWORD, db_password), or the word passwd or pwd.
	// An empty value is left alone: there is nothing to hide.
	private static final Pattern KEY_VALUE = Pattern
		.compile("(?i)(password|\\b(?:passwd|pwd))(\\s*=\\s*)([^&;\\s'\"]+)");

	// user:secret@host after "//", with or without a scheme before it; the user may be empty.
	private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]+)@");

	private static final Pattern SQL_PASSWORD = Pattern
		.compile("(?i)\\b(password\\s+)(E?'(?:[^'\\\\]|''|\\\\.)*'|E?'.*\\z|\\$([A-Za-z_0-9]*)\\$.*?(?:\\$\\3\\$|\\z))",
				Pattern.DOTALL);

	private Secrets() {
	}

	/** The text with every password it carries replaced by {@value #MASK}; {@code null} stays {@code null}. */
	public static @Nullable String mask(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = SQL_PASSWORD.matcher(text).replaceAll("$1'" + MASK + "'");
		masked = KEY_VALUE.matcher(masked).replaceAll("$1$2" + MASK);
		return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
	}

	/** Whether {@link #mask} would change the text. */
	public static boolean contains(@Nullable String text) {
		return text != null && !mask(text).equals(text);
	}

}
