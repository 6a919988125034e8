package dev.cairn.core;

/**
 * Told how a fleet run goes, for a live view of it (the starter's endpoint shows done / total,
 * the rate and the slowest tenant). Called from the worker threads: implementations must be
 * thread-safe and quick, and must not throw.
 */
public interface FleetListener {

	/**
	 * The tenants are listed and the workers start.
	 * @param fleet the fleet's name
	 * @param tenants how many tenants this run covers
	 * @param workers how many run at once
	 */
	default void fleetStarted(String fleet, int tenants, int workers) {
	}

	/** A worker starts migrating the tenant. */
	default void tenantStarted(String tenant) {
	}

	/** A tenant's outcome is known, including tenants the run did not start (failure policy stop). */
	default void tenantFinished(TenantOutcome outcome) {
	}

}
