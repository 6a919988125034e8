package dev.cairn.autoconfigure.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.FleetResult;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;

/**
 * Gauge {@code cairn.fleet.tenants}: per fleet and outcome (applied, up_to_date, failed,
 * not_run), how many tenants the last run of this application left in it; NaN before the first
 * run. Tags are {@code fleet} and {@code outcome} only, never a tenant: a fleet of 10,000
 * tenants is 4 time series. The run and migration meters of {@link CairnMetrics} count every
 * tenant's run under {@code track=<fleet>}.
 */
public class CairnFleetMetrics implements MeterBinder {

	/** The gauge's name. */
	public static final String TENANTS = "cairn.fleet.tenants";

	private final TenantFleets fleets;

	public CairnFleetMetrics(TenantFleets fleets) {
		this.fleets = fleets;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TenantFleet fleet : this.fleets.fleets()) {
			for (TenantOutcome.State state : TenantOutcome.State.values()) {
				Gauge.builder(TENANTS, this.fleets, (fleets) -> count(fleets.lastResult(fleet.name()), state))
					.description("Tenants of the fleet per outcome of this application's last fleet run")
					.tags("fleet", fleet.name(), "outcome", state.name().toLowerCase(Locale.ROOT))
					.strongReference(true)
					.register(registry);
			}
		}
	}

	private static double count(@Nullable FleetResult result, TenantOutcome.State state) {
		return (result != null) ? result.count(state) : Double.NaN;
	}

}
