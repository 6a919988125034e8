package dev.cairn.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.FleetResult;
import dev.cairn.core.TenantFleet;

/**
 * The tenant fleets of {@code cairn.tracks.<name>.tenants.*}, by name, and the last run of
 * each in this process. The start-up runner migrates them after the {@link dev.cairn.core.TrackSet}
 * (a fleet's tenants usually read shared tables the tracks create); {@code cairn.command=migrate}
 * migrates them after the tracks as well, with the configured shard.
 */
public final class TenantFleets {

	private final List<TenantFleet> fleets;

	private final Map<String, Integer> healthFailureThresholds;

	private final Map<String, FleetResult> lastResults = new ConcurrentHashMap<>();

	private final Map<String, FleetRunProgress> running = new ConcurrentHashMap<>();

	private final Clock clock;

	TenantFleets(List<TenantFleet> fleets, Map<String, Integer> healthFailureThresholds) {
		this(fleets, healthFailureThresholds, Clock.systemUTC());
	}

	TenantFleets(List<TenantFleet> fleets, Map<String, Integer> healthFailureThresholds, Clock clock) {
		this.fleets = List.copyOf(fleets);
		this.healthFailureThresholds = Map.copyOf(healthFailureThresholds);
		this.clock = clock;
	}

	/** The fleets, by name. */
	public List<TenantFleet> fleets() {
		return this.fleets;
	}

	/** The fleets' names. */
	public List<String> names() {
		return this.fleets.stream().map(TenantFleet::name).toList();
	}

	/** Whether no track has tenants. */
	public boolean isEmpty() {
		return this.fleets.isEmpty();
	}

	/** The fleet of the track, null if the track is no fleet. */
	public @Nullable TenantFleet fleet(String name) {
		return this.fleets.stream().filter((fleet) -> fleet.name().equals(name)).findFirst().orElse(null);
	}

	/** How many failed tenants the fleet's health tolerates before it is DOWN (0: none). */
	public int healthFailureThreshold(String name) {
		return this.healthFailureThresholds.getOrDefault(name, 0);
	}

	/**
	 * Migrates every fleet in turn, each to its end whatever the one before did (a tenant's
	 * failure belongs to its fleet), and remembers the results.
	 * @return one result per fleet, in order
	 */
	public List<FleetResult> migrate() {
		List<FleetResult> results = new ArrayList<>();
		for (TenantFleet fleet : this.fleets) {
			results.add(migrate(fleet));
		}
		return results;
	}

	/**
	 * Migrates one fleet and remembers the result.
	 * @param fleet one of {@link #fleets()}
	 * @return its result
	 */
	public FleetResult migrate(TenantFleet fleet) {
		FleetRunProgress progress = new FleetRunProgress(this.clock);
		this.running.put(fleet.name(), progress);
		try {
			FleetResult result = fleet.migrate(progress);
			this.lastResults.put(fleet.name(), result);
			return result;
		}
		finally {
			this.running.remove(fleet.name(), progress);
		}
	}

	/** The fleet's run in progress in this process, null when none is. */
	public FleetRunProgress.@Nullable Snapshot currentRun(String name) {
		FleetRunProgress progress = this.running.get(name);
		return (progress != null) ? progress.snapshot() : null;
	}

	/** The fleet's last run in this process, null before its first. */
	public @Nullable FleetResult lastResult(String name) {
		return this.lastResults.get(name);
	}

}
