package dev.cairn.autoconfigure.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.CairnRunTracker.CurrentMigration;
import dev.cairn.autoconfigure.CairnRunTracker.CurrentRun;
import dev.cairn.autoconfigure.CairnRunTracker.Progress;
import dev.cairn.autoconfigure.CairnRunTracker.LastOperation;
import dev.cairn.autoconfigure.CairnRunTracker.LastRun;
import dev.cairn.autoconfigure.CairnRunTracker.LockWait;
import dev.cairn.autoconfigure.CairnRunTracker.SchemaWait;
import dev.cairn.autoconfigure.CairnRunTracker.TrackState;
import dev.cairn.autoconfigure.FleetRunProgress;
import dev.cairn.autoconfigure.RunError;
import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.AppliedMigration;
import dev.cairn.core.BlockingSession;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.FleetStatus;
import dev.cairn.core.LockHolder;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationListener.MigrationProgress;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Problem;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;
import dev.cairn.core.Version;

/**
 * {@code /actuator/migrations}: per track, every migration on disk or in history compared
 * live with the database (without taking the migration lock), the order a rollback would undo
 * them in, the run in progress, the last run and the last other operation of this application.
 * Read-only; write operations are a separate, opt-in web extension
 * ({@link MigrationsEndpointWebExtension}). Passwords never appear: the output names no JDBC
 * URL, masks passwords in error messages and leaves out the SQL other sessions run.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final List<Cairn> cairns;

	private final CairnRunTracker tracker;

	private final @Nullable TenantFleets fleets;

	public MigrationsEndpoint(List<Cairn> cairns, CairnRunTracker tracker) {
		this(cairns, tracker, null);
	}

	/**
	 * @param cairns the tracks
	 * @param tracker the live run state
	 * @param fleets the tenant fleets, described under {@code fleets}
	 */
	public MigrationsEndpoint(List<Cairn> cairns, CairnRunTracker tracker, @Nullable TenantFleets fleets) {
		this.cairns = List.copyOf(cairns);
		this.tracker = tracker;
		this.fleets = fleets;
	}

	/**
	 * Every track.
	 * @return the tracks, by name, in the order they are applied
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		Map<String, TrackDescriptor> tracks = new LinkedHashMap<>();
		for (Cairn cairn : this.cairns) {
			String track = cairn.configuration().track();
			tracks.put(track, describe(cairn, track));
		}
		Map<String, FleetDescriptor> fleets = new LinkedHashMap<>();
		TenantFleets all = this.fleets;
		if (all != null) {
			for (TenantFleet fleet : all.fleets()) {
				fleets.put(fleet.name(), FleetDescriptor.of(() -> all.status(fleet), all.currentRun(fleet.name()),
						all.lastResult(fleet.name())));
			}
		}
		return new MigrationsDescriptor(tracks, fleets);
	}

	/**
	 * One migration, looked up by version in every track.
	 * @param version the version, in any spelling ({@code 42}, {@code 000042}, {@code 1.2})
	 * @return the migration, or {@code null} (404) if no track has that version
	 */
	@ReadOperation
	public @Nullable MigrationDescriptor migration(@Selector String version) {
		Version wanted;
		try {
			wanted = Version.parse(version);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		CairnException unreadable = null;
		for (Cairn cairn : this.cairns) {
			String track = cairn.configuration().track();
			try {
				MigrationInfo info = cairn.status().find(wanted).orElse(null);
				if (info != null) {
					return MigrationDescriptor.of(track, info);
				}
			}
			catch (CairnException ex) {
				unreadable = ex;
			}
		}
		if (unreadable != null) {
			// Not found because a track could not be read is not "unknown version": say so (500), not 404.
			throw new IllegalStateException("Could not read the status: " + Secrets.mask(unreadable.getMessage()));
		}
		return null;
	}

	/**
	 * One tenant of a fleet, in full: every migration compared live with its history, as a
	 * track is shown ({@code /actuator/migrations/{fleet}/{tenant}}).
	 * @param fleet the fleet's name
	 * @param tenant the tenant, as the fleet lists it
	 * @return the tenant's state, or {@code null} (404) if there is no such fleet or the fleet
	 * does not list the tenant
	 */
	@ReadOperation
	public @Nullable TrackDescriptor tenant(@Selector String fleet, @Selector String tenant) {
		TenantFleet found = (this.fleets != null) ? this.fleets.fleet(fleet) : null;
		if (found == null) {
			return null;
		}
		try {
			if (!found.tenants().contains(tenant)) {
				return null;
			}
		}
		catch (CairnException ex) {
			throw new IllegalStateException("Could not list the tenants: " + Secrets.mask(ex.getMessage()));
		}
		Cairn cairn = found.tenant(tenant);
		return describe(cairn, null, null, null, null);
	}

	private TrackDescriptor describe(Cairn cairn, String track) {
		TrackState state = this.tracker.track(track);
		RunDescriptor currentRun = (state != null && state.currentRun() != null)
				? RunDescriptor.of(state.currentRun(), this.tracker, this.tracker.progress(track)) : null;
		WaitDescriptor waiting = (state != null && state.waiting() != null)
				? WaitDescriptor.of(state.waiting(), this.tracker) : null;
		LastRunDescriptor lastRun = (state != null && state.lastRun() != null) ? LastRunDescriptor.of(state.lastRun())
				: null;
		LastOperationDescriptor lastOperation = (state != null && state.lastOperation() != null)
				? LastOperationDescriptor.of(state.lastOperation()) : null;
		return describe(cairn, currentRun, waiting, lastRun, lastOperation);
	}

	private static TrackDescriptor describe(Cairn cairn, @Nullable RunDescriptor currentRun,
			@Nullable WaitDescriptor waiting, @Nullable LastRunDescriptor lastRun,
			@Nullable LastOperationDescriptor lastOperation) {
		try {
			StatusReport status = cairn.status();
			return new TrackDescriptor(status.historyTable(), status.isUpToDate(), Counts.of(status),
					status.migrations().stream().map((info) -> MigrationDescriptor.of(null, info)).toList(),
					status.rollbackOrder().stream().map((info) -> text(info.version())).toList(),
					status.problems().stream().map(ProblemDescriptor::of).toList(), currentRun, waiting, lastRun,
					lastOperation, null, enabled(cairn));
		}
		catch (CairnException ex) {
			return new TrackDescriptor(cairn.configuration().qualifiedTable(), false, null, null, null, null, currentRun,
					waiting, lastRun, lastOperation, "Could not read the status: " + Secrets.mask(ex.getMessage()),
					enabled(cairn));
		}
	}

	private static boolean enabled(Cairn cairn) {
		return cairn.configuration().trackSettings().enabled();
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

	private static @Nullable String text(@Nullable Version version) {
		return (version != null) ? version.toString() : null;
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param tracks every track by name, in the order they are applied
	 * @param fleets every tenant fleet by name; empty when the service has none
	 */
	public record MigrationsDescriptor(Map<String, TrackDescriptor> tracks, Map<String, FleetDescriptor> fleets)
			implements OperationResponseBody {

		public MigrationsDescriptor(Map<String, TrackDescriptor> tracks) {
			this(tracks, Map.of());
		}

	}

	/**
	 * One tenant fleet: counts, never one entry per tenant except the bounded lists.
	 *
	 * @param tenants how many tenants the fleet lists now
	 * @param versions per version, how many tenants are at it (their highest applied version)
	 * @param withoutVersion how many tenants have nothing applied yet
	 * @param upToDate how many tenants are up to date
	 * @param pending how many tenants have migrations pending
	 * @param problems the first {@value #LISTED} tenants with a problem that stops a run, read live
	 * @param problemCount how many tenants have such a problem
	 * @param statusReadAt when the counts above were read (they are reused for
	 * {@code cairn.endpoint.fleet-status-max-age})
	 * @param currentRun this application's run of the fleet in progress, if any
	 * @param lastRun this application's last run of the fleet, if any
	 * @param error why the tenants' status could not be read
	 */
	public record FleetDescriptor(long tenants, Map<String, Long> versions, long withoutVersion, long upToDate,
			long pending, List<TenantDescriptor> problems, long problemCount, @Nullable Instant statusReadAt,
			@Nullable FleetProgressDescriptor currentRun, @Nullable FleetRunDescriptor lastRun, @Nullable String error) {

		/** How many tenants a list of the endpoint names at most. */
		public static final int LISTED = 20;

		static FleetDescriptor of(Supplier<TenantFleets.ReadStatus> read, FleetRunProgress.@Nullable Snapshot current,
				@Nullable FleetResult last) {
			FleetProgressDescriptor currentRun = (current != null) ? FleetProgressDescriptor.of(current) : null;
			FleetRunDescriptor lastRun = (last != null) ? FleetRunDescriptor.of(last) : null;
			try {
				TenantFleets.ReadStatus readStatus = read.get();
				FleetStatus status = readStatus.status();
				Map<String, Long> versions = new LinkedHashMap<>();
				status.versions().forEach((version, count) -> versions.put(version.toString(), count));
				List<FleetStatus.Tenant> problems = status.problems();
				return new FleetDescriptor(status.tenants().size(), versions, status.withoutVersion(), status.upToDate(),
						status.pending(),
						problems.stream()
							.limit(LISTED)
							.map((tenant) -> new TenantDescriptor(tenant.tenant(),
									(tenant.error() != null) ? Secrets.mask(tenant.error())
											: tenant.failed() + " failed migrations in history"))
							.toList(),
						problems.size(), readStatus.readAt(), currentRun, lastRun, null);
			}
			catch (CairnException ex) {
				return new FleetDescriptor(0, Map.of(), 0, 0, 0, List.of(), 0, null, currentRun, lastRun,
						"Could not read the tenants: " + Secrets.mask(ex.getMessage()));
			}
		}

	}

	/**
	 * A tenant named in a bounded list.
	 *
	 * @param tenant its schema
	 * @param error the first line of its error
	 */
	public record TenantDescriptor(String tenant, String error) {

	}

	/**
	 * A fleet run of this application in progress.
	 *
	 * @param startedAt when it started
	 * @param total how many tenants it covers, null while they are being listed
	 * @param done how many tenants are finished, whatever their outcome
	 * @param applied how many of those had migrations applied
	 * @param failed how many of those failed
	 * @param running how many are being migrated now
	 * @param workers how many tenants run at once
	 * @param elapsedMs how long it has run
	 * @param tenantsPerSecond finished tenants per second since the start
	 * @param slowest the slowest tenant so far (finished, or still running and slower than any
	 * finished one), null before any started
	 */
	public record FleetProgressDescriptor(Instant startedAt, @Nullable Integer total, int done, int applied, int failed,
			int running, int workers, long elapsedMs, double tenantsPerSecond, @Nullable SlowestTenantDescriptor slowest) {

		static FleetProgressDescriptor of(FleetRunProgress.Snapshot progress) {
			FleetRunProgress.Slowest slowest = progress.slowest();
			return new FleetProgressDescriptor(progress.startedAt(), progress.total(), progress.done(), progress.applied(),
					progress.failed(), progress.running(), progress.workers(), progress.elapsed().toMillis(),
					Math.round(progress.tenantsPerSecond() * 10) / 10.0,
					(slowest != null)
							? new SlowestTenantDescriptor(slowest.tenant(), slowest.took().toMillis(), slowest.running())
							: null);
		}

	}

	/**
	 * The slowest tenant of a fleet run so far.
	 *
	 * @param tenant the tenant
	 * @param durationMs how long it took, or has taken until now if it is still running
	 * @param running whether it is still running
	 */
	public record SlowestTenantDescriptor(String tenant, long durationMs, boolean running) {

	}

	/**
	 * A fleet run of this application.
	 *
	 * @param shard the part of the fleet it covered, such as {@code 1 of 1}
	 * @param workers how many tenants ran at once
	 * @param tenants how many tenants it covered
	 * @param applied how many had migrations applied
	 * @param upToDate how many had nothing pending
	 * @param failedCount how many failed
	 * @param notRun how many it did not reach (failure policy stop)
	 * @param failed the first {@value FleetDescriptor#LISTED} failed tenants, with the first line
	 * of each error
	 * @param durationMs how long it took
	 * @param summary the one-line summary the log shows
	 */
	public record FleetRunDescriptor(String shard, int workers, long tenants, long applied, long upToDate,
			long failedCount, long notRun, List<TenantDescriptor> failed, long durationMs, String summary) {

		static FleetRunDescriptor of(FleetResult result) {
			return new FleetRunDescriptor(result.shard().toString(), result.workers(), result.tenants().size(),
					result.count(TenantOutcome.State.APPLIED), result.count(TenantOutcome.State.UP_TO_DATE),
					result.count(TenantOutcome.State.FAILED), result.count(TenantOutcome.State.NOT_RUN),
					result.failed()
						.stream()
						.limit(FleetDescriptor.LISTED)
						.map((tenant) -> new TenantDescriptor(tenant.tenant(), Secrets.mask(String.valueOf(tenant.error()))))
						.toList(),
					result.duration().toMillis(), Secrets.mask(result.summary()));
		}

	}

	/**
	 * One track.
	 *
	 * @param historyTable the qualified history table
	 * @param upToDate whether nothing is pending and nothing stops a run
	 * @param counts how many migrations are in each state
	 * @param migrations every migration, in ascending version order (repeatables last)
	 * @param rollbackOrder the applied versions in the order a rollback undoes them: most
	 * recently applied first
	 * @param problems every problem the comparison of files and history finds
	 * @param currentRun the run in progress in this application, if any
	 * @param waiting the wait for another instance to apply pending migrations
	 * ({@code cairn.mode=validate}), if any
	 * @param lastRun the last finished run in this application, if any
	 * @param lastOperation the last rollback, repair, force, baseline or dry run in this
	 * application, if any
	 * @param error why the status could not be read (database unreachable, ...)
	 * @param enabled whether the track runs; a disabled one is listed with its state, never run
	 */
	public record TrackDescriptor(String historyTable, boolean upToDate, @Nullable Counts counts,
			@Nullable List<MigrationDescriptor> migrations, @Nullable List<String> rollbackOrder,
			@Nullable List<ProblemDescriptor> problems, @Nullable RunDescriptor currentRun,
			@Nullable WaitDescriptor waiting, @Nullable LastRunDescriptor lastRun,
			@Nullable LastOperationDescriptor lastOperation, @Nullable String error, boolean enabled)
			implements OperationResponseBody {

	}

	/**
	 * How many migrations are in each state.
	 *
	 * @param total every migration on disk or in history
	 * @param applied recorded as applied (drifted, renamed and missing ones included)
	 * @param pending on disk and not applied
	 * @param failed failed or interrupted non-transactional migrations
	 * @param drifted applied, and the file changed since
	 * @param missing applied, and the file is gone
	 */
	public record Counts(long total, long applied, long pending, long failed, long drifted, long missing) {

		static Counts of(StatusReport status) {
			return new Counts(status.migrations().size(), status.appliedCount(), status.pendingCount(),
					status.failedCount(), status.count(MigrationState.DRIFTED), status.count(MigrationState.MISSING));
		}

	}

	/**
	 * One migration.
	 *
	 * @param track its track, when asked for by version
	 * @param version its version (none for a repeatable file)
	 * @param description its description
	 * @param script its file
	 * @param type how it is (or was) applied: {@code SQL}, {@code SQL_NO_TRANSACTION}, {@code JAVA},
	 * {@code JAVA_NO_TRANSACTION};
	 * {@code BASELINE}, {@code IMPORTED} or {@code FORCED} when it was recorded without running
	 * (baseline, takeover of golang-migrate or Flyway history, force); {@code REPEATABLE_SQL};
	 * {@code UNKNOWN}
	 * @param state {@code applied}, {@code pending}, {@code failed}, {@code in progress},
	 * {@code drifted}, {@code renamed}, {@code missing} or {@code not supported}
	 * @param checksum SHA-256 of the file (or as recorded, when the file is gone)
	 * @param appliedAt when it was applied
	 * @param appliedBy who applied it
	 * @param durationMs how long applying it took, in milliseconds
	 * @param gap whether it is pending below the highest applied version
	 * @param undoable whether a down file exists for it
	 * @param appliedOrder the order history rows were written in; rollback undoes the highest
	 * first
	 * @param error the recorded error of a failed non-transactional migration
	 */
	public record MigrationDescriptor(@Nullable String track, @Nullable String version, String description,
			String script, String type, String state, @Nullable String checksum, @Nullable Instant appliedAt,
			@Nullable String appliedBy, @Nullable Long durationMs, boolean gap, boolean undoable,
			@Nullable Long appliedOrder, @Nullable String error) implements OperationResponseBody {

		static MigrationDescriptor of(@Nullable String track, MigrationInfo info) {
			return new MigrationDescriptor(track, text(info.version()), info.description(), info.script(),
					info.type().name(), info.state().displayName(), info.checksum(), info.appliedAt(), info.appliedBy(),
					millis(info.executionTime()), info.gap(), info.undoable(), info.appliedOrder(),
					(info.error() != null) ? Secrets.mask(info.error()) : null);
		}

	}

	/**
	 * A problem found comparing files and history.
	 *
	 * @param kind what kind ({@code DRIFT}, {@code GAP}, ...)
	 * @param severity {@code ERROR} stops a run, {@code WARNING} does not
	 * @param version the version concerned
	 * @param files the files involved
	 * @param message what is wrong, where and what to do
	 */
	public record ProblemDescriptor(String kind, String severity, @Nullable String version, List<String> files,
			String message) {

		static ProblemDescriptor of(Problem problem) {
			return new ProblemDescriptor(problem.kind().name(), problem.severity().name(), text(problem.version()),
					problem.files(), Secrets.mask(problem.message()));
		}

	}

	/**
	 * The run in progress.
	 *
	 * @param startedAt when it started
	 * @param elapsedMs how long it has run, in milliseconds
	 * @param lockWait the wait for another session's lock, while waiting
	 * @param planned how many migrations it applies, once planned
	 * @param applied how many it has applied so far
	 * @param migration the migration being applied now
	 */
	public record RunDescriptor(Instant startedAt, long elapsedMs, @Nullable LockWaitDescriptor lockWait,
			@Nullable Integer planned, int applied, @Nullable CurrentMigrationDescriptor migration) {

		static RunDescriptor of(CurrentRun run, CairnRunTracker tracker, @Nullable MigrationProgress progress) {
			CurrentMigration migration = run.migration();
			return new RunDescriptor(run.startedAt(), tracker.elapsedSince(run.startedAt()).toMillis(),
					(run.lockWait() != null) ? LockWaitDescriptor.of(run.lockWait()) : null, run.planned(),
					run.applied().size(),
					(migration != null) ? CurrentMigrationDescriptor.of(migration, tracker, progress) : null);
		}

	}

	/**
	 * The migration being applied.
	 *
	 * @param version its version
	 * @param description its description
	 * @param script its file
	 * @param type how it is applied
	 * @param index its 1-based position in the run
	 * @param total how many migrations the run applies
	 * @param startedAt when it started
	 * @param elapsedMs how long it has run, in milliseconds
	 * @param progressAt when its session was last looked at (every {@code cairn.progress-interval}),
	 * {@code null} before the first look
	 * @param waitEvent what its session waited for then ({@code Lock: relation}, {@code IO: DataFileRead}),
	 * {@code null} when it was running
	 * @param blockedBy the sessions holding the locks it waited for then
	 * @param progress how far it says it is (a Java migration reporting progress), if it said
	 */
	public record CurrentMigrationDescriptor(@Nullable String version, String description, String script, String type, int index,
			int total, Instant startedAt, long elapsedMs, @Nullable Instant progressAt, @Nullable String waitEvent,
			List<BlockingSessionDescriptor> blockedBy, @Nullable ProgressDescriptor progress) {

		static CurrentMigrationDescriptor of(CurrentMigration migration, CairnRunTracker tracker,
				@Nullable MigrationProgress reported) {
			Progress progress = migration.progress();
			return new CurrentMigrationDescriptor((migration.version() != null) ? migration.version().toString() : null, migration.description(),
					migration.script(), migration.type().name(), migration.index(), migration.total(),
					migration.startedAt(), tracker.elapsedSince(migration.startedAt()).toMillis(),
					(progress != null) ? progress.reportedAt() : null, (progress != null) ? progress.waitEvent() : null,
					(progress != null) ? progress.blockedBy().stream().map(BlockingSessionDescriptor::of).toList()
							: List.of(),
					(reported != null) ? ProgressDescriptor.of(reported, tracker) : null);
		}

	}

	/**
	 * A session holding a lock the running migration waits for.
	 *
	 * @param session who it is
	 * @param transactionSince when its open transaction began, if one is open
	 * @param statement the first words of its statement, masked; never the whole text
	 */
	public record BlockingSessionDescriptor(LockHolderDescriptor session, @Nullable Instant transactionSince,
			@Nullable String statement) {

		static BlockingSessionDescriptor of(BlockingSession blocker) {
			return new BlockingSessionDescriptor(LockHolderDescriptor.of(blocker.session()), blocker.transactionSince(),
					blocker.statement());
		}

	}

	/**
	 * What a running Java migration last reported about its progress.
	 *
	 * @param done how much is done (rows, batches: the migration's own unit)
	 * @param total how much there is in all, {@code -1} when unknown
	 * @param percent {@code done} of {@code total} in percent, one decimal, {@code null} when the
	 * total is unknown
	 * @param reportedAt when it reported
	 * @param ageMs how long ago that was, in milliseconds
	 */
	public record ProgressDescriptor(long done, long total, @Nullable Double percent, Instant reportedAt, long ageMs) {

		static ProgressDescriptor of(MigrationProgress progress, CairnRunTracker tracker) {
			double fraction = progress.fraction();
			return new ProgressDescriptor(progress.done(), progress.total(),
					(fraction >= 0) ? Math.round(fraction * 1000) / 10.0 : null, progress.at(),
					tracker.elapsedSince(progress.at()).toMillis());
		}

	}

	/**
	 * Waiting for the migration lock.
	 *
	 * @param waitedMs how long the run has waited, in milliseconds
	 * @param timeoutMs how long it waits at most, in milliseconds
	 * @param holder the session holding the lock, when it can be seen
	 */
	public record LockWaitDescriptor(long waitedMs, long timeoutMs, @Nullable LockHolderDescriptor holder) {

		static LockWaitDescriptor of(LockWait wait) {
			LockHolder holder = wait.holder();
			return new LockWaitDescriptor(wait.waited().toMillis(), wait.timeout().toMillis(),
					(holder != null) ? LockHolderDescriptor.of(holder) : null);
		}

	}

	/**
	 * The session holding the lock. Its SQL is left out: another session's statement may carry
	 * secrets.
	 *
	 * @param pid the backend's process id
	 * @param applicationName its application_name
	 * @param user its database user
	 * @param clientAddress where it connects from
	 * @param connectedSince when it connected
	 * @param state its state
	 * @param stateSince since when it is in that state
	 */
	public record LockHolderDescriptor(int pid, @Nullable String applicationName, @Nullable String user,
			@Nullable String clientAddress, @Nullable Instant connectedSince, @Nullable String state,
			@Nullable Instant stateSince) {

		static LockHolderDescriptor of(LockHolder holder) {
			return new LockHolderDescriptor(holder.pid(), holder.applicationName(), holder.user(),
					holder.clientAddress(), holder.connectedSince(), holder.state(), holder.stateSince());
		}

	}

	/**
	 * Waiting for another instance to apply pending migrations ({@code cairn.mode=validate}).
	 *
	 * @param since when the wait started
	 * @param waitedMs how long it has waited, in milliseconds
	 * @param checks how many checks found migrations pending
	 * @param pending how many migrations the last check found pending
	 * @param lastCheckAt when the last check ran
	 */
	public record WaitDescriptor(Instant since, long waitedMs, int checks, int pending, Instant lastCheckAt) {

		static WaitDescriptor of(SchemaWait wait, CairnRunTracker tracker) {
			return new WaitDescriptor(wait.since(), tracker.elapsedSince(wait.since()).toMillis(), wait.checks(),
					wait.pending(), wait.lastCheckAt());
		}

	}

	/**
	 * The last rollback, repair, force, baseline or dry run in this application.
	 *
	 * @param operation {@code rollback}, {@code repair}, {@code force}, {@code baseline} or
	 * {@code dry-run}
	 * @param outcome {@code success} or {@code failure}
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param durationMs how long it took, in milliseconds
	 * @param changes what it changed (or found, for a dry run), one sentence each
	 * @param error why it failed
	 */
	public record LastOperationDescriptor(String operation, String outcome, Instant startedAt, Instant finishedAt,
			long durationMs, List<String> changes, @Nullable RunError error) {

		static LastOperationDescriptor of(LastOperation operation) {
			return new LastOperationDescriptor(operation.operation().externalName(),
					operation.outcome().name().toLowerCase(Locale.ROOT), operation.startedAt(), operation.finishedAt(),
					operation.duration().toMillis(), operation.changes().stream().map(Secrets::mask).toList(),
					operation.error());
		}

	}

	/**
	 * The last finished run in this application.
	 *
	 * @param operation {@code migrate}, or {@code validate} for the start-up check of
	 * {@code cairn.mode=validate}
	 * @param outcome {@code success} or {@code failure}
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param durationMs how long it took, in milliseconds
	 * @param lockWaitMs how long it waited for the lock, in milliseconds
	 * @param applied the versions it applied (on failure, those before the failing one)
	 * @param warnings the problems the policies tolerated
	 * @param error why it failed
	 */
	public record LastRunDescriptor(String operation, String outcome, Instant startedAt, Instant finishedAt,
			long durationMs, long lockWaitMs, List<String> applied, List<String> warnings, @Nullable RunError error) {

		static LastRunDescriptor of(LastRun run) {
			return new LastRunDescriptor(run.operation().externalName(), run.outcome().name().toLowerCase(Locale.ROOT),
					run.startedAt(), run.finishedAt(), run.duration().toMillis(), run.lockWait().toMillis(),
					// A repeatable has no version: named by its script.
					run.applied().stream().map((applied) -> (applied.version() != null) ? applied.version().toString()
							: applied.script()).toList(),
					run.warnings().stream().map((warning) -> Secrets.mask(warning.message())).toList(), run.error());
		}

	}

}
