package dev.cairn.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Secrets;

/**
 * Why a run failed, safe to show in health details and over HTTP: passwords are masked by
 * {@link Secrets} and the statement another session was running is left out.
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

	/**
	 * Describes an engine exception, its texts masked.
	 * @param ex why the run failed
	 * @return what health and the endpoint may show of it
	 */
	public static RunError of(CairnException ex) {
		String message = Secrets.mask(ex.getMessage());
		if (ex instanceof LockTimeoutException timeout) {
			return new RunError("lock-timeout", name(ex), message, null, null, null,
					null, null);
		}
		if (ex instanceof MigrationFailedException failed) {
			return new RunError("migration", name(ex), message, (failed.version() != null) ? failed.version().toString() : null, failed.script(),
					(failed.line() > 0) ? failed.line() : null, failed.sqlState(), Secrets.mask(failed.serverMessage()));
		}
		if (ex instanceof CairnValidationException) {
			return new RunError("validation", name(ex), message, null, null, null, null, null);
		}
		if (ex instanceof dev.cairn.core.CairnConfigurationException) {
			return new RunError("configuration", name(ex), message, null, null, null, null, null);
		}
		return new RunError("other", name(ex), message, null, null, null, null, null);
	}

	// The holder's last statement is another session's SQL, which may carry anything (ALTER ROLE ... PASSWORD).
	private static String name(Throwable ex) {
		return ex.getClass().getSimpleName();
	}

}
