package dev.cairn.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

import dev.cairn.autoconfigure.CairnProperties.Mode;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Problem;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.TrackOutcome;
import dev.cairn.core.TrackSet;
import dev.cairn.core.TrackSetResult;

/**
 * What the runner and the initializer do on start-up: migrate every track in order
 * ({@code cairn.mode=migrate}), or wait until every track's schema is current without applying
 * anything ({@code cairn.mode=validate}).
 */
final class Migrations {

	private static final Log logger = LogFactory.getLog(Migrations.class);

	// Waiting is logged at INFO at most this often; every check is logged at DEBUG.
	private static final Duration LOG_EVERY = Duration.ofMinutes(1);

	private final TrackSet tracks;

	private final Mode mode;

	private final boolean failOnError;

	private final Duration validateInterval;

	private final @Nullable CairnRunTracker tracker;

	private final @Nullable TenantFleets fleets;

	private volatile boolean stopped;

	private volatile @Nullable CompletableFuture<Void> pause;

	Migrations(List<Cairn> cairns, Mode mode, boolean failOnError, Duration validateInterval,
			@Nullable CairnRunTracker tracker) {
		this(TrackSet.of(cairns.stream().map(Cairn::configuration).toList()), mode, failOnError, validateInterval,
				tracker);
	}

	Migrations(TrackSet tracks, Mode mode, boolean failOnError, Duration validateInterval,
			@Nullable CairnRunTracker tracker) {
		this(tracks, null, mode, failOnError, validateInterval, tracker);
	}

	Migrations(TrackSet tracks, @Nullable TenantFleets fleets, Mode mode, boolean failOnError, Duration validateInterval,
			@Nullable CairnRunTracker tracker) {
		this.fleets = fleets;
		this.tracks = tracks;
		this.mode = mode;
		this.failOnError = failOnError;
		this.validateInterval = validateInterval;
		this.tracker = tracker;
	}

	/**
	 * Migrates, or waits for the schema to be current, as the mode says.
	 * @return whether every track is current
	 */
	boolean run() {
		if (this.mode == Mode.VALIDATE) {
			return awaitCurrent();
		}
		boolean migrated = migrate(this.tracks, this.failOnError);
		TenantFleets fleets = this.fleets;
		if (fleets == null || fleets.isEmpty()) {
			return migrated;
		}
		if (!migrated) {
			// Tenants often read the tables the tracks create: a fleet waits for a successful run of them.
			logger.warn("Tenant fleets " + fleets.names() + " are not migrated because a track failed");
			return false;
		}
		try {
			return migrateFleets(fleets);
		}
		catch (CairnException ex) {
			// The fleet could not start (its tenant query failed, say): no tenant ran.
			if (this.failOnError) {
				throw ex;
			}
			logFailure(ex);
			return false;
		}
	}

	/**
	 * Migrates every fleet. A failed tenant does not stop the application: it serves the other
	 * tenants, health and {@code /actuator/migrations} show the failures, and the next run
	 * retries them.
	 */
	private static boolean migrateFleets(TenantFleets fleets) {
		boolean succeeded = true;
		for (FleetResult result : fleets.migrate()) {
			if (result.succeeded()) {
				logger.info("Fleet '" + result.track() + "': " + result.summary());
			}
			else {
				succeeded = false;
				logger.error("Fleet '" + result.track() + "': " + Secrets.mask(result.summary()));
			}
		}
		return succeeded;
	}

	/**
	 * Stops a wait in {@code cairn.mode=validate}, because the application is shutting down.
	 */
	void stop() {
		this.stopped = true;
		CompletableFuture<Void> pause = this.pause;
		if (pause != null) {
			pause.complete(null);
		}
	}

	/**
	 * Migrates the enabled tracks in order; the first failure stops the tracks after it.
	 * @param tracks the tracks
	 * @param failOnError whether a failure is thrown (the application does not start) or only
	 * logged (the application starts, not ready)
	 * @return whether every enabled track migrated
	 */
	static boolean migrate(TrackSet tracks, boolean failOnError) {
		TrackSetResult result = tracks.migrate();
		TrackOutcome failure = result.failure();
		if (failure == null) {
			return true;
		}
		CairnException error = Objects.requireNonNull(failure.error());
		if (failOnError) {
			throw error;
		}
		logFailure(error);
		return false;
	}

	private static void logFailure(CairnException ex) {
		// The engine's message says what, where and what to do; the stack trace adds nothing for the reader.
		logger.error("Migrations failed; the application keeps running but stays not ready"
				+ " (cairn.fail-on-error=false). Health and /actuator/migrations show the failure.\n"
				+ Secrets.mask(ex.getMessage()));
		logger.debug("Migration failure", ex);
	}

	private boolean awaitCurrent() {
		for (Cairn cairn : this.tracks.enabled()) {
			if (!awaitCurrent(cairn)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks the track until nothing is pending: a migration in progress (another instance
	 * applying a non-transactional one) also waits; any other error fails. A database that
	 * cannot be read is checked again for up to the connect timeout.
	 */
	private boolean awaitCurrent(Cairn cairn) {
		String track = cairn.configuration().track();
		Instant since = Instant.now();
		long unreadableSince = 0;
		Instant loggedAt = null;
		long pending = 0;
		while (!this.stopped) {
			StatusReport status;
			try {
				status = cairn.status();
			}
			catch (CairnException ex) {
				long now = System.nanoTime();
				unreadableSince = (unreadableSince != 0) ? unreadableSince : now;
				if (now - unreadableSince >= cairn.configuration().connectTimeout().toNanos()) {
					return fail(track, ex, since);
				}
				logger.info("Track '" + track + "': cannot read the schema's state yet (" + Secrets.mask(ex.getMessage())
						+ "); checking again in " + text(this.validateInterval));
				pause();
				continue;
			}
			unreadableSince = 0;
			List<Problem> errors = status.problems()
				.stream()
				.filter((problem) -> problem.isError() && problem.kind() != Problem.Kind.IN_PROGRESS)
				.toList();
			if (!errors.isEmpty()) {
				return fail(track, new CairnValidationException(track, status.problems()), since);
			}
			long inProgress = status.count(MigrationState.IN_PROGRESS);
			if (status.pendingCount() == 0 && inProgress == 0) {
				if (this.tracker != null) {
					this.tracker.validated(track, status, since);
				}
				logger.info("Track '" + track + "': schema is current (" + status.appliedCount()
						+ " applied, nothing pending); cairn.mode=validate lets the application become ready");
				return true;
			}
			pending = status.pendingCount();
			if (this.tracker != null) {
				this.tracker.waiting(track, status, since);
			}
			String message = "Track '" + track + "': " + status.pendingCount() + " migration"
					+ ((status.pendingCount() == 1) ? " is" : "s are") + " pending"
					+ ((inProgress > 0) ? " and " + inProgress + " in progress" : "")
					+ "; cairn.mode=validate applies nothing, so the application stays not ready until another"
					+ " instance (a migration Job) has applied them. Checking again every "
					+ text(this.validateInterval) + ".";
			Instant now = Instant.now();
			if (loggedAt == null || Duration.between(loggedAt, now).compareTo(LOG_EVERY) >= 0) {
				logger.info(message);
				loggedAt = now;
			}
			else {
				logger.debug(message);
			}
			pause();
		}
		throw new SchemaWaitStoppedException(track, pending);
	}

	private static String text(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? DurationStyle.SIMPLE.print(duration, ChronoUnit.SECONDS)
				: DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
	}

	private boolean fail(String track, CairnException ex, Instant since) {
		if (this.tracker != null) {
			this.tracker.validationFailed(track, ex, since);
		}
		if (this.failOnError) {
			throw ex;
		}
		logFailure(ex);
		return false;
	}

	/**
	 * Waits one interval. The wait is untimed (a future completed by a timer), so the waiting
	 * thread is in {@code WAITING} state: a context closed during refresh
	 * ({@code cairn.run-on=initialization}) interrupts exactly such a thread.
	 */
	private void pause() {
		CompletableFuture<Void> pause = new CompletableFuture<>();
		this.pause = pause;
		if (this.stopped) {
			return;
		}
		CompletableFuture.delayedExecutor(this.validateInterval.toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> pause.complete(null));
		try {
			pause.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopped = true;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
