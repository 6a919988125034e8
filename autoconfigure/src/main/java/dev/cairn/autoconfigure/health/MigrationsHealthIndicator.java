package dev.cairn.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.CairnRunTracker.CurrentMigration;
import dev.cairn.autoconfigure.CairnRunTracker.CurrentRun;
import dev.cairn.autoconfigure.CairnRunTracker.LastOperation;
import dev.cairn.autoconfigure.CairnRunTracker.LastRun;
import dev.cairn.autoconfigure.CairnRunTracker.SchemaWait;
import dev.cairn.autoconfigure.CairnRunTracker.TrackState;
import dev.cairn.autoconfigure.RunError;
import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.FleetResult;
import dev.cairn.core.Secrets;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;

/**
 * Health component {@code migrations}: {@code UP} when every track's last run succeeded,
 * {@code OUT_OF_SERVICE} while a track migrates or, in {@code cairn.mode=validate}, waits for
 * another instance to apply pending migrations, {@code DOWN} after a failed run (a failed
 * migration, drift or another validation problem the policies do not tolerate, a lock
 * timeout), {@code UNKNOWN} before the first run. It reports what this application's runs
 * found and never queries the database itself, so probes stay cheap; the details carry the
 * counts, the last error and the last other operation (rollback, repair, ...) of each track.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	// Worst first: the component takes the worst status of its tracks.
	private static final List<Status> SEVERITY = List.of(Status.DOWN, Status.OUT_OF_SERVICE, Status.UNKNOWN, Status.UP);

	private final List<String> tracks;

	private final List<String> disabled;

	private final CairnRunTracker tracker;

	private final @Nullable TenantFleets fleets;

	/**
	 * @param tracks the configured tracks, in order
	 * @param tracker the live run state
	 */
	public MigrationsHealthIndicator(List<String> tracks, CairnRunTracker tracker) {
		this(tracks, List.of(), tracker);
	}

	/**
	 * @param tracks the enabled tracks, in order
	 * @param disabled the disabled tracks, shown as such and never counted
	 * @param tracker the live run state
	 */
	public MigrationsHealthIndicator(List<String> tracks, List<String> disabled, CairnRunTracker tracker) {
		this(tracks, disabled, tracker, null);
	}

	/**
	 * @param tracks the enabled tracks, in order
	 * @param disabled the disabled tracks, shown as such and never counted
	 * @param tracker the live run state
	 * @param fleets the tenant fleets: each is {@code DOWN} when its last run failed more
	 * tenants than its {@code health-failure-threshold}, {@code UNKNOWN} before its first run
	 */
	public MigrationsHealthIndicator(List<String> tracks, List<String> disabled, CairnRunTracker tracker,
			@Nullable TenantFleets fleets) {
		super("Migrations health check failed");
		this.tracks = List.copyOf(tracks);
		this.disabled = List.copyOf(disabled);
		this.tracker = tracker;
		this.fleets = fleets;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Status worst = Status.UP;
		Map<String, Object> details = new LinkedHashMap<>();
		for (String track : trackNames()) {
			TrackState state = this.tracker.track(track);
			Status status = status(state);
			if (SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) {
				worst = status;
			}
			details.put(track, details(state));
		}
		this.disabled.forEach((track) -> details.put(track, Map.of("state", "disabled")));
		if (this.fleets != null && !this.fleets.isEmpty()) {
			Map<String, Object> fleets = new LinkedHashMap<>();
			for (TenantFleet fleet : this.fleets.fleets()) {
				FleetResult last = this.fleets.lastResult(fleet.name());
				int threshold = this.fleets.healthFailureThreshold(fleet.name());
				Status status = (last == null) ? Status.UNKNOWN
						: (last.count(TenantOutcome.State.FAILED) > threshold) ? Status.DOWN : Status.UP;
				if (SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) {
					worst = status;
				}
				fleets.put(fleet.name(), fleetDetails(status, last, threshold));
			}
			details.put("fleets", fleets);
		}
		builder.status(worst).withDetails(details);
	}

	// Counts only: the failed tenants' names and errors are on /actuator/migrations, bounded there.
	private static Map<String, Object> fleetDetails(Status status, @Nullable FleetResult last, int threshold) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", status.getCode());
		details.put("healthFailureThreshold", threshold);
		if (last != null) {
			details.put("tenants", last.tenants().size());
			details.put("applied", last.count(TenantOutcome.State.APPLIED));
			details.put("upToDate", last.count(TenantOutcome.State.UP_TO_DATE));
			details.put("failed", last.count(TenantOutcome.State.FAILED));
			details.put("notRun", last.count(TenantOutcome.State.NOT_RUN));
		}
		return details;
	}

	private List<String> trackNames() {
		List<String> names = new java.util.ArrayList<>(this.tracks);
		this.tracker.tracks()
			.stream()
			.map(TrackState::track)
			.filter((name) -> !names.contains(name) && !this.disabled.contains(name))
			.forEach(names::add);
		return names;
	}

	private static Status status(@Nullable TrackState state) {
		if (state == null) {
			return Status.UNKNOWN;
		}
		return switch (state.status()) {
			case NOT_RUN -> Status.UNKNOWN;
			case MIGRATING, WAITING -> Status.OUT_OF_SERVICE;
			case UP_TO_DATE -> Status.UP;
			case FAILED -> Status.DOWN;
		};
	}

	private Map<String, Object> details(@Nullable TrackState state) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (state == null) {
			details.put("state", "not run yet");
			return details;
		}
		details.put("state", switch (state.status()) {
			case NOT_RUN -> "not run yet";
			case MIGRATING -> "migrating";
			case WAITING -> "waiting for migrations";
			case UP_TO_DATE -> "up to date";
			case FAILED -> failedState(state.lastRun());
		});
		putIfKnown(details, "historyTable", state.historyTable());
		putIfKnown(details, "applied", state.applied());
		putIfKnown(details, "pending", state.pending());
		LastRun last = state.lastRun();
		if (last != null) {
			details.put("failed", last.failed());
		}
		CurrentRun run = state.currentRun();
		if (run != null) {
			details.put("runElapsedMs", this.tracker.elapsedSince(run.startedAt()).toMillis());
			CurrentMigration migration = run.migration();
			if (migration != null) {
				details.put("migrating", migration.script() + " (" + migration.index() + " of " + migration.total() + ")");
				details.put("migrationElapsedMs", this.tracker.elapsedSince(migration.startedAt()).toMillis());
				CairnRunTracker.Progress progress = migration.progress();
				if (progress != null && !progress.blockedBy().isEmpty()) {
					details.put("waitingOnLockHeldBy", progress.blockedBy().get(0).describe());
				}
				else if (progress != null && progress.waitEvent() != null) {
					details.put("waitingOn", progress.waitEvent());
				}
			}
			if (run.lockWait() != null) {
				details.put("waitingForLockMs", run.lockWait().waited().toMillis());
			}
		}
		SchemaWait wait = state.waiting();
		if (wait != null) {
			details.put("waitingMs", this.tracker.elapsedSince(wait.since()).toMillis());
			details.put("checks", wait.checks());
		}
		if (last != null) {
			details.put("lastRun", last.outcome().name().toLowerCase(Locale.ROOT));
			details.put("lastRunOperation", last.operation().externalName());
			details.put("lastRunAt", last.finishedAt().toString());
			details.put("lastRunDurationMs", last.duration().toMillis());
			details.put("lastRunApplied", last.applied().size());
			if (!last.warnings().isEmpty()) {
				details.put("warnings", last.warnings().stream().map((warning) -> Secrets.mask(warning.message())).toList());
			}
			RunError error = last.error();
			if (error != null) {
				details.put("error", error.message());
				putIfKnown(details, "errorScript", error.script());
				putIfKnown(details, "errorLine", error.line());
				putIfKnown(details, "errorSqlState", error.sqlState());
			}
		}
		LastOperation operation = state.lastOperation();
		if (operation != null) {
			details.put("lastOperation", operation.operation().externalName());
			details.put("lastOperationOutcome", operation.outcome().name().toLowerCase(Locale.ROOT));
			details.put("lastOperationAt", operation.finishedAt().toString());
		}
		return details;
	}

	/**
	 * Says what failed, so that a validation failure (drift, a gap, an unknown row) does not read
	 * as a failed migration next to {@code "failed": 0}.
	 */
	private static String failedState(@Nullable LastRun last) {
		RunError error = (last != null) ? last.error() : null;
		if (error == null) {
			return "failed";
		}
		return switch (error.kind()) {
			case "migration" -> "migration failed";
			case "validation" -> "validation failed";
			case "lock-timeout" -> "lock timeout";
			case "configuration" -> "configuration error";
			default -> "failed";
		};
	}

	private static void putIfKnown(Map<String, Object> details, String key, @Nullable Object value) {
		if (value != null) {
			details.put(key, value);
		}
	}

}
