package dev.cairn.core.command;

import java.util.Locale;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.TenantOutcome;

/**
 * The exit codes of {@code cairn.command}, also reported by the endpoint's write operations.
 * They never change meaning between releases: scripts and Kubernetes Jobs depend on them.
 */
public enum ExitCode {

	/** The operation succeeded. */
	SUCCESS(0),

	/**
	 * A usage or configuration error: a missing or invalid argument, a bad {@code cairn.*}
	 * value, a version that no file has, or the application failed to start.
	 */
	USAGE(1),

	/**
	 * Validation problems: drift, unknown or failed migrations, bad files; {@code validate}
	 * found errors, {@code dry-run} had a failing migration, or the operation refused to run
	 * on such a history. Nothing was changed.
	 */
	VALIDATION(2),

	/** A migration (or a down file) failed; those before it stay applied. */
	MIGRATION_FAILED(3),

	/** Another session held the migration lock longer than {@code cairn.lock-timeout}. Nothing was changed. */
	LOCK_TIMEOUT(4),

	/** The database could not be reached, or another error. */
	OTHER_ERROR(5);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	/**
	 * The process exit code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * The exit code's name for people: lower case with spaces ({@code migration failed}).
	 * @return the name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/**
	 * The exit code of a tenant fleet run: success only when every tenant of the shard is up
	 * to date; else the code of the first failed tenant's error in listing order (a run where
	 * every tenant failed for want of its schema exits as one that failed a migration would
	 * not), or {@link #OTHER_ERROR} when tenants were left not run without a failure (an
	 * interrupted run).
	 * @param result the fleet's result
	 * @return its exit code
	 */
	public static ExitCode of(FleetResult result) {
		if (result.succeeded()) {
			return SUCCESS;
		}
		return result.failed()
			.stream()
			.map(TenantOutcome::exception)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.map(ExitCode::of)
			.orElse(OTHER_ERROR);
	}

	/**
	 * The exit code of a failure.
	 * @param ex what the engine threw
	 * @return its exit code
	 */
	public static ExitCode of(CairnException ex) {
		if (ex instanceof MigrationFailedException) {
			return MIGRATION_FAILED;
		}
		if (ex instanceof CairnValidationException) {
			return VALIDATION;
		}
		if (ex instanceof LockTimeoutException) {
			return LOCK_TIMEOUT;
		}
		if (ex instanceof CairnConfigurationException) {
			return USAGE;
		}
		return OTHER_ERROR;
	}

}
