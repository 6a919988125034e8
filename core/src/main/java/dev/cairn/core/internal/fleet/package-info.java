/**
 * Tenant fleets: one track applied to many schemas. {@link dev.cairn.core.internal.fleet.TenantDataSource}
 * points each tenant's sessions at its schema, {@link dev.cairn.core.internal.fleet.FleetRun} runs the
 * tenants on a bounded number of workers, {@link dev.cairn.core.internal.fleet.TenantNames} checks the
 * names before anything runs. Reached only through {@link dev.cairn.core.TenantFleet}.
 */
@NullMarked
package dev.cairn.core.internal.fleet;

import org.jspecify.annotations.NullMarked;
