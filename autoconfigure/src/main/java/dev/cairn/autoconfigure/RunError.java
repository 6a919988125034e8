package dev.cairn.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;

/**
 * Why a run failed, safe to show in health details and over HTTP: passwords in JDBC URLs are
 * masked and the statement another session was running is left out.
 *
 * @param kind what failed: {@code migration}, {@code validation}, {@code lock-timeout},
 * {@code configuration} or {@code other}
 * @param exception the engine exception's simple class name
 * @param message the engine's message: what, where and what to do
 * @param version the failed migration's version, for a failed migration
 * @param script the failed migration's file, for a failed migration
 * @param line the failing line, when known
 * @param sqlState PostgreSQL's SQLSTATE, when the server reported the failure
 * @param serverMessage PostgreSQL's message, when the server reported the failure
 */
public record RunError(String kind, String exception, String message, @Nullable String version,
		@Nullable String script, @Nullable Integer line, @Nullable String sqlState, @Nullable String serverMessage) {

	// password=secret in a query string or a semicolon-separated property list.
	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s\"']*");

	// jdbc:postgresql://user:secret@host
	private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");

	public static RunError of(CairnException ex) {
		String message = safe(ex.getMessage());
		if (ex instanceof LockTimeoutException timeout) {
			return new RunError("lock-timeout", name(ex), message, null, null, null,
					null, null);
		}
		if (ex instanceof MigrationFailedException failed) {
			return new RunError("migration", name(ex), message, failed.version().toString(), failed.script(),
					(failed.line() > 0) ? failed.line() : null, failed.sqlState(), safeOrNull(failed.serverMessage()));
		}
		if (ex instanceof CairnValidationException) {
			return new RunError("validation", name(ex), message, null, null, null, null, null);
		}
		if (ex instanceof dev.cairn.core.CairnConfigurationException) {
			return new RunError("configuration", name(ex), message, null, null, null, null, null);
		}
		return new RunError("other", name(ex), message, null, null, null, null, null);
	}

	/**
	 * Masks passwords in JDBC URLs and connection property lists.
	 * @param text any text
	 * @return the text with every password replaced by {@code ******}
	 */
	public static String safe(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1******");
		return PASSWORD_IN_AUTHORITY.matcher(masked).replaceAll("$1******@");
	}

	private static @Nullable String safeOrNull(@Nullable String text) {
		return (text != null) ? safe(text) : null;
	}

	// The holder's last statement is another session's SQL, which may carry anything (ALTER ROLE ... PASSWORD).
	private static String name(Throwable ex) {
		return ex.getClass().getSimpleName();
	}

}
