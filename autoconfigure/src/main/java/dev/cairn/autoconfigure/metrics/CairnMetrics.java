package dev.cairn.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.CairnRunTracker.TrackState;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;

/**
 * Records Cairn's meters from the engine's events (migrate runs only):
 * <ul>
 * <li>{@code cairn.migrations.applied} counter: {@code track}, {@code type};</li>
 * <li>{@code cairn.lock.wait} timer: {@code track}, {@code outcome} ({@code acquired} or
 * {@code timeout});</li>
 * <li>{@code cairn.migrations.pending} gauge: {@code track};</li>
 * <li>{@code cairn.statement.lock.timeouts} counter: {@code track}, {@code outcome} ({@code retried} or
 * {@code failed}): migration statements that gave up waiting for a table lock;</li>
 * <li>{@code cairn.statement.lock.wait} timer: {@code track}: time migration statements spent waiting
 * for table locks before a lock timeout, and the pauses before retrying;</li>
 * <li>{@code cairn.run} and {@code cairn.migration} timers: {@code track}, {@code outcome}
 * ({@code success} or {@code failure}), {@code error}; plus {@code type} on
 * {@code cairn.migration}. These two are made here only when {@code recordTimers} is on:
 * when Cairn's observations are active, each observation already gives a timer of the same
 * name, and recording both would count every run twice.</li>
 * </ul>
 */
public class CairnMetrics implements MigrationListener {

	/** Applied migrations. */
	public static final String APPLIED = "cairn.migrations.applied";

	/** Pending migrations, as the last run planned them. */
	public static final String PENDING = "cairn.migrations.pending";

	/** Time waited for the migration lock. */
	public static final String LOCK_WAIT = "cairn.lock.wait";

	/** Migration statements that timed out on a table lock, by whether the migration was retried. */
	public static final String STATEMENT_LOCK_TIMEOUTS = "cairn.statement.lock.timeouts";

	/** Time migration statements waited for table locks that timed out, and the pauses before retries. */
	public static final String STATEMENT_LOCK_WAIT = "cairn.statement.lock.wait";

	/** Whole migrate runs. */
	public static final String RUN = "cairn.run";

	/** Single migrations. */
	public static final String MIGRATION = "cairn.migration";

	/** The kinds of migration a run applies (the others are recorded without running). */
	private static final List<MigrationType> APPLIED_TYPES = List.of(MigrationType.SQL, MigrationType.SQL_NO_TRANSACTION);

	private final MeterRegistry registry;

	private final CairnRunTracker tracker;

	private final boolean recordTimers;

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	// The failure event does not carry the type; the start event of the same migration does.
	private final Map<String, MigrationType> migrating = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters go
	 * @param tracker the live run state the pending gauge reads
	 * @param recordTimers whether to record the {@code cairn.run} and {@code cairn.migration}
	 * timers here (off when observations record them)
	 */
	public CairnMetrics(MeterRegistry registry, CairnRunTracker tracker, boolean recordTimers) {
		this.registry = registry;
		this.tracker = tracker;
		this.recordTimers = recordTimers;
	}

	/**
	 * Registers the pending gauge of a track now rather than at its first run.
	 * @param track the track's name
	 */
	public void registerTrack(String track) {
		if (this.gauged.add(track)) {
			Gauge.builder(PENDING, this.tracker, (tracker) -> pending(tracker, track))
				.description("Migrations pending, as the last migrate run of this application planned them")
				.tag("track", track)
				.strongReference(true)
				.register(this.registry);
			// At zero from the start, so /actuator/metrics/cairn.migrations.applied answers after a no-op start.
			for (MigrationType type : APPLIED_TYPES) {
				applied(track, type);
			}
		}
	}

	private Counter applied(String track, MigrationType type) {
		return Counter.builder(APPLIED)
			.description("Migrations applied")
			.tags("track", track, "type", type(type))
			.register(this.registry);
	}

	private static double pending(CairnRunTracker tracker, String track) {
		TrackState state = tracker.track(track);
		return (state != null && state.pending() != null) ? state.pending() : Double.NaN;
	}

	@Override
	public void runStarted(RunStarted event) {
		if (event.operation() == Operation.MIGRATE) {
			registerTrack(event.track());
		}
	}

	@Override
	public void lockAcquired(LockAcquired event) {
		lockWait(event.track(), "acquired", event.waited());
	}

	@Override
	public void lockTimedOut(LockTimedOut event) {
		Counter.builder(STATEMENT_LOCK_TIMEOUTS)
			.description("Migration statements that gave up waiting for a table lock")
			.tags("track", event.track(), "outcome", event.willRetry() ? "retried" : "failed")
			.register(this.registry)
			.increment();
		java.time.Duration waited = event.lockTimeout();
		if (event.retryIn() != null) {
			waited = waited.plus(event.retryIn());
		}
		Timer.builder(STATEMENT_LOCK_WAIT)
			.description("Time migration statements waited for table locks that timed out, and the pauses before"
					+ " retrying")
			.tags("track", event.track())
			.register(this.registry)
			.record(waited);
	}

	@Override
	public void migrationStarted(MigrationStarted event) {
		this.migrating.put(event.track(), event.type());
	}

	@Override
	public void migrationApplied(MigrationApplied event) {
		this.migrating.remove(event.track());
		applied(event.track(), event.migration().type()).increment();
		if (this.recordTimers) {
			timer(MIGRATION, Tags.of("track", event.track(), "type", type(event.migration().type()), "outcome",
					"success", "error", "none"), event.migration().duration());
		}
	}

	@Override
	public void migrationFailed(MigrationFailed event) {
		MigrationType type = this.migrating.remove(event.track());
		if (this.recordTimers) {
			timer(MIGRATION, Tags.of("track", event.track(), "type", (type != null) ? type(type) : "unknown", "outcome",
					"failure", "error", errorTag(event.error())), event.duration());
		}
	}

	@Override
	public void runFinished(RunFinished event) {
		if (event.operation() != Operation.MIGRATE) {
			return;
		}
		if (event.error() instanceof LockTimeoutException timeout) {
			lockWait(event.track(), "timeout", timeout.waited());
		}
		if (this.recordTimers) {
			timer(RUN, Tags.of("track", event.track(), "outcome", event.succeeded() ? "success" : "failure", "error",
					errorTag(event.error())), event.duration());
		}
	}

	private void lockWait(String track, String outcome, Duration waited) {
		Timer.builder(LOCK_WAIT)
			.description("Time waited for the migration lock")
			.tags("track", track, "outcome", outcome)
			.register(this.registry)
			.record(waited);
	}

	private void timer(String name, Tags tags, Duration duration) {
		Timer.builder(name).tags(tags).register(this.registry).record(duration);
	}

	static String type(MigrationType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

	static String errorTag(@Nullable Throwable error) {
		return (error != null) ? error.getClass().getSimpleName() : "none";
	}

}
