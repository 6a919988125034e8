package dev.cairn.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a fleet run did to one tenant.
 *
 * @param tenant the tenant's schema
 * @param state what happened
 * @param applied the migrations applied to it in this run, in order; empty for a failed tenant
 * (what it applied before the failure stays applied and is in its history)
 * @param error for a failed tenant, the first line of its error; else null
 * @param exception for a failed tenant, the engine's exception; else null
 * @param duration how long the tenant took (zero when it did not run)
 */
public record TenantOutcome(String tenant, State state, List<AppliedMigration> applied, @Nullable String error,
		@Nullable CairnException exception, Duration duration) {

	/** What a fleet run did to a tenant. */
	public enum State {

		/** Pending migrations were applied. */
		APPLIED,

		/** Nothing was pending. */
		UP_TO_DATE,

		/** The tenant failed or refused to run (failed migration, drift, lock timeout, missing schema). */
		FAILED,

		/** The run stopped ({@link FleetFailurePolicy#STOP}) before reaching the tenant. */
		NOT_RUN

	}

	public TenantOutcome {
		applied = List.copyOf(applied);
	}

	static TenantOutcome of(String tenant, MigrateResult result, Duration duration) {
		return new TenantOutcome(tenant, result.isNoOp() ? State.UP_TO_DATE : State.APPLIED, result.applied(), null, null,
				duration);
	}

	static TenantOutcome failed(String tenant, CairnException exception, Duration duration) {
		return new TenantOutcome(tenant, State.FAILED, List.of(), firstLine(exception.getMessage()), exception, duration);
	}

	static TenantOutcome notRun(String tenant) {
		return new TenantOutcome(tenant, State.NOT_RUN, List.of(), null, null, Duration.ZERO);
	}

	/** The highest version applied in this run, null if none was. */
	public @Nullable Version highestApplied() {
		return this.applied.stream().map(AppliedMigration::version).max(Version::compareTo).orElse(null);
	}

	static String firstLine(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return "(no message)";
		}
		List<String> lines = message.strip().lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		String first = lines.get(0);
		// "Invalid Cairn configuration:" says nothing on its own: the first item under it does.
		if (first.endsWith(":") && lines.size() > 1) {
			return first + " " + lines.get(1).replaceFirst("^- ", "");
		}
		return first;
	}

}
