package dev.cairn.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Where every tenant of a fleet's shard stands, read without taking any lock
 * ({@link TenantFleet#status()}): the view an operator needs of thousands of tenants is
 * {@link #versions()} and {@link #problems()}, not one row each.
 *
 * @param track the track the fleet applies
 * @param shard the part of the fleet read
 * @param tenants every tenant's state, in listing order
 */
public record FleetStatus(String track, FleetShard shard, List<Tenant> tenants) {

	public FleetStatus {
		tenants = List.copyOf(tenants);
	}

	/**
	 * One tenant's state.
	 *
	 * @param tenant its schema
	 * @param version the highest version applied, null when none is (or its status could not be read)
	 * @param pending how many migrations are pending
	 * @param failed how many failed or interrupted non-transactional migrations history holds
	 * @param error why the tenant cannot be migrated as it is (the first line of its first
	 * problem, or of the error reading it), null when nothing stops it
	 */
	public record Tenant(String tenant, @Nullable Version version, long pending, long failed, @Nullable String error) {

		/** Whether nothing is pending and nothing stops a run. */
		public boolean upToDate() {
			return this.pending == 0 && this.failed == 0 && this.error == null;
		}

		static Tenant of(String tenant, StatusReport report) {
			Version version = report.migrations()
				.stream()
				.filter((migration) -> migration.state().isApplied() && migration.version() != null)
				.map(MigrationInfo::version)
				.max(Version::compareTo)
				.orElse(null);
			String error = report.problems()
				.stream()
				.filter(Problem::isError)
				.findFirst()
				.map((problem) -> TenantOutcome.firstLine(problem.toString()))
				.orElse(null);
			return new Tenant(tenant, version, report.pendingCount(), report.failedCount(), error);
		}

	}

	/** Per version, how many tenants are at it (their highest applied version), in version order. */
	public Map<Version, Long> versions() {
		return this.tenants.stream()
			.filter((tenant) -> tenant.version() != null)
			.collect(Collectors.groupingBy(Tenant::version, TreeMap::new, Collectors.counting()));
	}

	/** How many tenants have nothing applied yet (new tenants, or their status could not be read). */
	public long withoutVersion() {
		return this.tenants.stream().filter((tenant) -> tenant.version() == null).count();
	}

	/** How many tenants are up to date. */
	public long upToDate() {
		return this.tenants.stream().filter(Tenant::upToDate).count();
	}

	/** How many tenants have migrations pending. */
	public long pending() {
		return this.tenants.stream().filter((tenant) -> tenant.pending() > 0).count();
	}

	/** The tenants with failed migrations or a problem that stops a run, in listing order. */
	public List<Tenant> problems() {
		return this.tenants.stream().filter((tenant) -> tenant.failed() > 0 || tenant.error() != null).toList();
	}

	/** One tenant's state, null if the shard has no such tenant. */
	public @Nullable Tenant tenant(String name) {
		return this.tenants.stream().filter((tenant) -> tenant.tenant().equals(name)).findFirst().orElse(null);
	}

}
