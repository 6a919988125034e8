package dev.cairn.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Secrets;

/**
 * Turns a failed start-up run into Spring Boot's "APPLICATION FAILED TO START" report: the
 * engine's message (file, line, SQLSTATE, PostgreSQL's message, what to do) as the
 * description, and the next step as the action. The stack trace is only logged at debug level.
 */
class CairnFailureAnalyzer extends AbstractFailureAnalyzer<CairnException> {

	private static final String ESCAPE_HATCHES = "To start the application without migrating while you investigate,"
			+ " set cairn.enabled=false; to start it anyway, not ready and reporting the failure through health and"
			+ " /actuator/migrations, set cairn.fail-on-error=false.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CairnException cause) {
		return new FailureAnalysis(description(cause), action(cause), cause);
	}

	private static String description(CairnException cause) {
		String message = Secrets.mask(cause.getMessage());
		if (cause instanceof MigrationFailedException failed) {
			StringBuilder text = new StringBuilder("Cairn could not apply a migration.\n\n");
			text.append("    File:       ").append(failed.script()).append('\n');
			text.append("    Version:    ").append((failed.version() != null) ? failed.version() : "repeatable")
				.append(" (track '").append(failed.track()).append("')\n");
			if (failed.line() > 0) {
				text.append("    Line:       ").append(failed.line()).append('\n');
			}
			if (failed.sqlState() != null) {
				text.append("    SQLSTATE:   ").append(failed.sqlState()).append('\n');
			}
			if (failed.serverMessage() != null) {
				text.append("    PostgreSQL: ").append(Secrets.mask(failed.serverMessage())).append('\n');
			}
			return text.append('\n').append(message).toString();
		}
		if (cause instanceof CairnValidationException) {
			return "Cairn found problems before applying anything; the database was not changed.\n\n" + message;
		}
		if (cause instanceof LockTimeoutException) {
			return "Cairn could not take the migration lock; the database was not changed.\n\n" + message;
		}
		if (cause instanceof MigrationToolConflictException) {
			return message;
		}
		if (cause instanceof SchemaWaitStoppedException) {
			return "The application was shut down while Cairn waited for another instance to apply pending"
					+ " migrations; nothing was changed.\n\n" + message;
		}
		if (cause instanceof CairnConfigurationException) {
			return "Cairn is not configured correctly.\n\n" + message;
		}
		return "Cairn could not migrate the database.\n\n" + message;
	}

	private static String action(CairnException cause) {
		if (cause instanceof MigrationFailedException failed) {
			String where = failed.script() + ((failed.line() > 0) ? " at line " + failed.line() : "");
			if (failed.leftTrace()) {
				return "Finish or undo what " + failed.script() + " already changed, delete its 'failed' row from the"
						+ " history table as described above, fix " + where + ", and restart the application. "
						+ ESCAPE_HATCHES;
			}
			return "Fix " + where + ", or the data it trips over, and restart the application; migrations before it"
					+ " stay applied. " + ESCAPE_HATCHES;
		}
		if (cause instanceof CairnValidationException) {
			return "Fix the files listed above and restart the application, or, if a problem is acceptable, relax its"
					+ " policy with cairn.validate-gaps, cairn.validate-drift, cairn.validate-unknown or"
					+ " cairn.validate-future (fail, warn or ignore). " + ESCAPE_HATCHES;
		}
		if (cause instanceof LockTimeoutException) {
			return "Wait for the other instance to finish migrating and restart, end the session holding the lock if"
					+ " it is stuck, or raise cairn.lock-timeout if migrations routinely take longer.";
		}
		if (cause instanceof MigrationToolConflictException conflict) {
			return "Use one migration tool per database: remove the other tool's dependency, or switch it off with "
					+ String.join(" / ", conflict.disableProperties()) + ", or switch Cairn off with cairn.enabled=false."
					+ " Moving from Flyway to Cairn? Remove Flyway: on its first run Cairn takes over flyway_schema_history"
					+ " (cairn.takeover, on by default).";
		}
		if (cause instanceof SchemaWaitStoppedException) {
			return "Nothing to do if the shutdown was intended. If replicas never become ready, check that the"
					+ " migration Job (cairn.command=migrate) ran and succeeded against this database and schema.";
		}
		if (cause instanceof CairnConfigurationException) {
			return "Correct the cairn.* properties (or the CairnConfigurationCustomizer) named above and restart.";
		}
		return "Check that the database is reachable with the URL and user Cairn uses (cairn.url and cairn.user, or"
				+ " the application's DataSource, spring.datasource.*), then restart. " + ESCAPE_HATCHES;
	}

}
