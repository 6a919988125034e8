package dev.cairn.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a fleet run did: one {@link TenantOutcome} per tenant of the shard, in the order the
 * tenants were listed.
 *
 * @param track the track the fleet applies
 * @param shard the part of the fleet this run covered
 * @param workers how many tenants ran at once
 * @param tenants every tenant's outcome
 * @param duration the whole run, listing the tenants included
 */
public record FleetResult(String track, FleetShard shard, int workers, List<TenantOutcome> tenants,
		Duration duration) {

	/** How many failures {@link #summary()} names. */
	static final int NAMED_FAILURES = 10;

	public FleetResult {
		tenants = List.copyOf(tenants);
	}

	/** Whether every tenant of the shard is up to date now (none failed, none left). */
	public boolean succeeded() {
		return this.tenants.stream()
			.allMatch((tenant) -> tenant.state() == TenantOutcome.State.APPLIED
					|| tenant.state() == TenantOutcome.State.UP_TO_DATE);
	}

	/** How many tenants ended in the state. */
	public long count(TenantOutcome.State state) {
		return this.tenants.stream().filter((tenant) -> tenant.state() == state).count();
	}

	/** The failed tenants, in listing order. */
	public List<TenantOutcome> failed() {
		return this.tenants.stream().filter((tenant) -> tenant.state() == TenantOutcome.State.FAILED).toList();
	}

	/** One tenant's outcome, null if the run did not cover it. */
	public @Nullable TenantOutcome tenant(String name) {
		return this.tenants.stream().filter((tenant) -> tenant.tenant().equals(name)).findFirst().orElse(null);
	}

	/** How many migrations were applied over all tenants. */
	public long migrationsApplied() {
		return this.tenants.stream().mapToLong((tenant) -> tenant.applied().size()).sum();
	}

	/**
	 * Per version, how many tenants had migrations applied up to it in this run (their highest
	 * applied version), in version order; tenants that applied nothing are not counted here
	 * ({@link TenantFleet#status()} reads every tenant's version).
	 */
	public Map<Version, Long> appliedUpTo() {
		return this.tenants.stream()
			.filter((tenant) -> tenant.highestApplied() != null)
			.collect(Collectors.groupingBy(TenantOutcome::highestApplied, TreeMap::new, Collectors.counting()));
	}

	/**
	 * One line: the counts, then the first failures with the first line of each error, such as
	 * {@code 20 tenants: 17 applied, 2 up to date, 1 failed, 0 not run; failed: t07 (Track ...)}.
	 */
	public String summary() {
		StringBuilder line = new StringBuilder();
		line.append(this.tenants.size()).append(" tenants");
		if (this.shard.count() > 1) {
			line.append(" (shard ").append(this.shard).append(')');
		}
		line.append(": ").append(count(TenantOutcome.State.APPLIED)).append(" applied, ")
			.append(count(TenantOutcome.State.UP_TO_DATE)).append(" up to date, ")
			.append(count(TenantOutcome.State.FAILED)).append(" failed, ")
			.append(count(TenantOutcome.State.NOT_RUN)).append(" not run");
		List<TenantOutcome> failed = failed();
		if (!failed.isEmpty()) {
			line.append("; failed: ");
			line.append(failed.stream()
				.limit(NAMED_FAILURES)
				.map((tenant) -> tenant.tenant() + " (" + tenant.error() + ")")
				.collect(Collectors.joining("; ")));
			if (failed.size() > NAMED_FAILURES) {
				line.append("; and ").append(failed.size() - NAMED_FAILURES).append(" more");
			}
		}
		return line.toString();
	}

}
