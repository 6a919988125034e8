package dev.cairn.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.FleetListener;
import dev.cairn.core.TenantOutcome;

/**
 * A fleet run in progress in this application, as the endpoint shows it: counts, never one
 * entry per tenant except the tenants running now (at most one per worker). Updated by the
 * fleet's worker threads, read by the endpoint's.
 */
public final class FleetRunProgress implements FleetListener {

	private final Clock clock;

	private final Instant startedAt;

	private volatile int total = -1;

	private volatile int workers;

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger applied = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final Map<String, Instant> running = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Slowest> slowestDone = new AtomicReference<>();

	FleetRunProgress(Clock clock) {
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@Override
	public void fleetStarted(String fleet, int tenants, int workers) {
		this.total = tenants;
		this.workers = workers;
	}

	@Override
	public void tenantStarted(String tenant) {
		this.running.put(tenant, this.clock.instant());
	}

	@Override
	public void tenantFinished(TenantOutcome outcome) {
		this.running.remove(outcome.tenant());
		this.done.incrementAndGet();
		switch (outcome.state()) {
			case APPLIED -> this.applied.incrementAndGet();
			case FAILED -> this.failed.incrementAndGet();
			default -> {
			}
		}
		Slowest candidate = new Slowest(outcome.tenant(), outcome.duration(), false);
		this.slowestDone.accumulateAndGet(candidate,
				(current, next) -> (current == null || next.took().compareTo(current.took()) > 0) ? next : current);
	}

	/** What the run has done so far. */
	public Snapshot snapshot() {
		Instant now = this.clock.instant();
		Duration elapsed = Duration.between(this.startedAt, now);
		int finished = this.done.get();
		Slowest slowest = this.slowestDone.get();
		// A tenant still running for longer than the slowest finished one is the one to look at.
		for (Map.Entry<String, Instant> entry : this.running.entrySet()) {
			Duration took = Duration.between(entry.getValue(), now);
			if (slowest == null || took.compareTo(slowest.took()) > 0) {
				slowest = new Slowest(entry.getKey(), took, true);
			}
		}
		double seconds = elapsed.toNanos() / 1e9;
		double rate = (seconds > 0) ? finished / seconds : 0;
		return new Snapshot(this.startedAt, elapsed, (this.total < 0) ? null : this.total, this.workers, finished,
				this.applied.get(), this.failed.get(), this.running.size(), rate, slowest);
	}

	/**
	 * The slowest tenant of the run so far.
	 *
	 * @param tenant the tenant
	 * @param took how long it took, or has taken until now if it is still running
	 * @param running whether it is still running
	 */
	public record Slowest(String tenant, Duration took, boolean running) {

	}

	/**
	 * A fleet run's progress at one moment.
	 *
	 * @param startedAt when the run started
	 * @param elapsed how long it has run
	 * @param total how many tenants it covers, null while they are being listed
	 * @param workers how many tenants run at once
	 * @param done how many tenants are finished, whatever their outcome
	 * @param applied how many of those had migrations applied
	 * @param failed how many of those failed
	 * @param running how many are being migrated now
	 * @param tenantsPerSecond finished tenants per second since the start
	 * @param slowest the slowest tenant so far, null before any started
	 */
	public record Snapshot(Instant startedAt, Duration elapsed, @Nullable Integer total, int workers, int done,
			int applied, int failed, int running, double tenantsPerSecond, @Nullable Slowest slowest) {

	}

}
