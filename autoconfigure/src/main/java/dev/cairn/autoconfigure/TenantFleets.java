package dev.cairn.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.FleetResult;
import dev.cairn.core.FleetStatus;
import dev.cairn.core.TenantFleet;

/**
 * The tenant fleets of {@code cairn.tracks.<name>.tenants.*}, by name, and the last run of
 * each in this process. The start-up runner migrates them after the {@link dev.cairn.core.TrackSet}
 * (a fleet's tenants usually read shared tables the tracks create); {@code cairn.command=migrate}
 * migrates them after the tracks as well, with the configured shard.
 */
public final class TenantFleets {

	/** How long a fleet's status is reused by default (cairn.endpoint.fleet-status-max-age). */
	public static final Duration DEFAULT_STATUS_MAX_AGE = Duration.ofSeconds(10);

	private final List<TenantFleet> fleets;

	private final Map<String, Integer> healthFailureThresholds;

	private final Map<String, FleetResult> lastResults = new ConcurrentHashMap<>();

	private final Map<String, FleetRunProgress> running = new ConcurrentHashMap<>();

	private final Map<String, ReadStatus> statuses = new ConcurrentHashMap<>();

	private final Map<String, Object> statusReads = new ConcurrentHashMap<>();

	private final Duration statusMaxAge;

	private final Clock clock;

	TenantFleets(List<TenantFleet> fleets, Map<String, Integer> healthFailureThresholds, Duration statusMaxAge) {
		this(fleets, healthFailureThresholds, statusMaxAge, Clock.systemUTC());
	}

	TenantFleets(List<TenantFleet> fleets, Map<String, Integer> healthFailureThresholds, Duration statusMaxAge,
			Clock clock) {
		this.fleets = List.copyOf(fleets);
		this.healthFailureThresholds = Map.copyOf(healthFailureThresholds);
		this.statusMaxAge = statusMaxAge;
		this.clock = clock;
	}

	/** A fleet's status and when it was read. */
	public record ReadStatus(FleetStatus status, Instant readAt) {
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
			this.statuses.remove(fleet.name());
		}
	}

	/**
	 * Every tenant's state of the fleet, read at most once per {@code statusMaxAge}: a
	 * dashboard that polls {@code /actuator/migrations} would otherwise read every tenant's
	 * history on every poll. Callers at once share one read; a run of the fleet in this process
	 * makes the next call read again.
	 * @throws dev.cairn.core.CairnException if the tenants cannot be listed (not kept)
	 */
	public ReadStatus status(TenantFleet fleet) {
		ReadStatus cached = this.statuses.get(fleet.name());
		if (fresh(cached)) {
			return cached;
		}
		synchronized (this.statusReads.computeIfAbsent(fleet.name(), (name) -> new Object())) {
			cached = this.statuses.get(fleet.name());
			if (fresh(cached)) {
				return cached;
			}
			ReadStatus read = new ReadStatus(fleet.status(), this.clock.instant());
			if (!this.statusMaxAge.isZero()) {
				this.statuses.put(fleet.name(), read);
			}
			return read;
		}
	}

	private boolean fresh(@Nullable ReadStatus cached) {
		return cached != null && cached.readAt().plus(this.statusMaxAge).isAfter(this.clock.instant());
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
