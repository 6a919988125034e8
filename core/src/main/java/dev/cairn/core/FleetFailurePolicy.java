package dev.cairn.core;

/** What a tenant fleet does when a tenant fails. */
public enum FleetFailurePolicy {

	/** Go on with the other tenants; the result lists every failure. The default. */
	CONTINUE,

	/**
	 * Start no further tenant after the first failure; tenants already running finish. The
	 * tenants not reached are reported as not run and a re-run picks them up.
	 */
	STOP

}
