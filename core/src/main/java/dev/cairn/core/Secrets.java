package dev.cairn.core;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks passwords in text Cairn puts into messages, logs and events: {@code password=...} in
 * JDBC URLs and connection strings, {@code user:password@host}, and SQL's
 * {@code PASSWORD '...'} (as in {@code CREATE ROLE} or a user mapping). Over-masking is
 * preferred to leaking: an odd string after {@code PASSWORD} is masked to the end.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "***";

	private static final Pattern KEY_VALUE = Pattern
		.compile("(?i)\\b((?:ssl)?password|passwd|pwd)(\\s*=\\s*)([^&;\\s'\"]+)");

	private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*:)([^@/\\s]+)@");

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
