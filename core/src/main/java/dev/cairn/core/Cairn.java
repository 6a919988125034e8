package dev.cairn.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.apply.MigrationExecutor;
import dev.cairn.core.history.HistoryRow;
import dev.cairn.core.history.HistoryTable;
import dev.cairn.core.lock.AdvisoryLock;
import dev.cairn.core.plan.PendingMigration;
import dev.cairn.core.plan.Plan;
import dev.cairn.core.plan.Planner;
import dev.cairn.core.scan.MigrationCatalog;
import dev.cairn.core.scan.MigrationScanner;

/**
 * The migration engine for one track. Thread-safe; every operation takes its own connection
 * from the configured DataSource and gives it back.
 *
 * <p>A {@link #migrate()} run, top to bottom:
 * <ol>
 * <li>Scan the locations, parse the names, read the files and compute checksums.</li>
 * <li>Validate the files alone (names, duplicates, orphan down files); fail before touching
 * the database.</li>
 * <li>Take the track's advisory lock (see {@link AdvisoryLock}), waiting up to the lock
 * timeout and naming the holder while waiting.</li>
 * <li>Read the history table, creating it if missing; only now, under the lock, so two
 * instances never plan from the same history.</li>
 * <li>Plan: pending migrations in ascending version order, gaps, drift, renames, unknown and
 * future versions, interrupted non-transactional migrations, invalid pending scripts. Apply
 * the policies and report every problem at once; nothing is applied if one is an error.</li>
 * <li>Apply the pending migrations one by one; a failure stops the run, earlier migrations stay
 * applied, a transactional one leaves no trace.</li>
 * <li>Release the lock, even on failure, and return what ran.</li>
 * </ol>
 */
public final class Cairn {

	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private final CairnConfiguration configuration;

	private final Listeners listeners;

	private final HistoryTable historyTable;

	private final Planner planner;

	private final MigrationExecutor executor;

	private final Operations operations;

	public Cairn(CairnConfiguration configuration) {
		this.configuration = configuration;
		this.listeners = new Listeners(configuration.listeners());
		this.historyTable = new HistoryTable(configuration.schema(), configuration.table(), configuration.createSchema());
		this.planner = new Planner(configuration);
		this.executor = new MigrationExecutor(configuration, this.historyTable, this.listeners);
		this.operations = new Operations(configuration, this.historyTable, this.planner);
	}

	HistoryTable historyTable() {
		return this.historyTable;
	}

	Planner planner() {
		return this.planner;
	}

	MigrationExecutor executor() {
		return this.executor;
	}

	public CairnConfiguration configuration() {
		return this.configuration;
	}

	/**
	 * Applies every pending migration.
	 * @return what ran
	 * @throws CairnValidationException if files or history have problems; nothing was applied
	 * @throws LockTimeoutException if another session held the lock too long; nothing was applied
	 * @throws MigrationFailedException if a migration failed; earlier ones stay applied
	 * @throws CairnException if the database cannot be reached or the history table is unusable
	 */
	public MigrateResult migrate() {
		return run(Operation.MIGRATE, (start) -> doMigrate(start, null));
	}

	/**
	 * Applies the pending migrations up to and including {@code target}, which must exist on
	 * disk; higher ones stay pending.
	 */
	public MigrateResult migrateTo(Version target) {
		return run(Operation.MIGRATE, (start) -> doMigrate(start, target));
	}

	/**
	 * Compares the files with history without taking the lock or changing anything; a missing
	 * history table reads as empty.
	 */
	public StatusReport status() {
		return run(Operation.STATUS, (start) -> readOnlyPlan().toStatus());
	}

	/**
	 * Reports every problem a migrate run would stop on, and how many migrations are pending,
	 * without taking the lock or changing anything.
	 */
	public ValidationResult validate() {
		return run(Operation.VALIDATE, (start) -> {
			Plan plan = readOnlyPlan();
			return new ValidationResult(this.configuration.track(), plan.problems(), plan.pending().size());
		});
	}

	/**
	 * Undoes the {@code steps} most recently applied migrations with their down files, most
	 * recent first (applied order, not version order: a gap applied after higher versions is
	 * undone before them; {@link StatusReport#rollbackOrder()} shows the order). Every down file
	 * in the range is checked before anything runs.
	 */
	public RollbackResult rollback(int steps) {
		if (steps < 1) {
			throw new CairnConfigurationException("rollback steps must be at least 1, not " + steps);
		}
		return run(Operation.ROLLBACK, (start) -> locked(start, (work) -> new Rollback(this, work).steps(steps)));
	}

	/**
	 * Undoes every applied migration above {@code target}, most recently applied first;
	 * {@code target} itself stays applied.
	 */
	public RollbackResult rollbackTo(Version target) {
		return run(Operation.ROLLBACK, (start) -> locked(start, (work) -> new Rollback(this, work).to(target)));
	}

	/**
	 * After an operator fixed a failure by hand: removes failed, in-progress and undoing rows
	 * so those versions count as not applied. With {@code acceptChanges}, also records the
	 * current checksum, name and description of drifted and renamed migrations.
	 */
	public ChangeReport repair(boolean acceptChanges) {
		return run(Operation.REPAIR, (start) -> locked(start, (work) -> this.operations.repair(work, acceptChanges)));
	}

	/**
	 * Records {@code version} as applied (its file must exist) or removes its row, without
	 * running any SQL: golang-migrate's "fix and force version".
	 */
	public ChangeReport force(Version version, boolean applied) {
		return run(Operation.FORCE, (start) -> locked(start, (work) -> this.operations.force(work, version, applied)));
	}

	/**
	 * For an existing database without Cairn history: records every on-disk migration up to
	 * {@code version} as applied without running it.
	 */
	public ChangeReport baseline(Version version) {
		return run(Operation.BASELINE, (start) -> locked(start, (work) -> this.operations.baseline(work, version)));
	}

	/**
	 * Runs every pending migration inside one transaction that is always rolled back, and
	 * reports per migration whether it succeeded. Non-transactional migrations are reported as
	 * not provable and not run. Nothing is written, history included; the lock is held.
	 */
	public DryRunResult dryRun() {
		return run(Operation.DRY_RUN, (start) -> locked(start, (work) -> new DryRun(this, work).run()));
	}

	private MigrateResult doMigrate(long start, @Nullable Version target) {
		// Steps 1-2 and 3-4 overlap: a helper thread connects, takes the track's lock and reads
		// history (see LockedSession) while this one scans; nothing is written before step 2 passes.
		LockedSession.Opening opening = LockedSession.open(this.configuration, this.listeners, this.historyTable);
		// 1-2. The files alone: a bad name or a duplicate stops the run at once, without waiting for the lock.
		MigrationCatalog catalog;
		try {
			catalog = scan();
			failOnErrors(catalog.problems());
			checkTarget(target, catalog);
		}
		catch (RuntimeException ex) {
			opening.cancel();
			throw ex;
		}
		try (LockedSession locked = opening.join()) {
			Connection connection = locked.connection();
			// 3-4. Locked; history created when missing, another tool's taken over or a baseline when empty.
			List<HistoryRow> history = locked.history();
			if (history.isEmpty()) {
				history = this.historyTable.readOrCreate(connection);
				if (history.isEmpty() && this.operations.startHistory(connection, catalog)) {
					history = this.historyTable.read(connection);
				}
			}
			// 5. Plan.
			Plan plan = this.planner.plan(catalog, history, this.operations.invalidIndexes(connection, catalog, history));
			failOnErrors(plan.problems());
			plan.warnings().forEach((warning) -> logger.warn("Track '{}': {}", this.configuration.track(),
					warning.message()));
			List<PendingMigration> pending = upTo(plan.pending(), target);
			this.listeners.planned(new MigrationListener.Planned(this.configuration.track(), pending.size(),
					history.size()));
			// 6. Apply in ascending version order.
			List<AppliedMigration> applied = new ArrayList<>();
			for (PendingMigration each : pending) {
				applied.add(this.executor.apply(connection, each, applied.size() + 1, pending.size()));
			}
			MigrateResult result = new MigrateResult(this.configuration.track(), this.configuration.qualifiedTable(),
					applied, plan.warnings(), locked.lock().waited(), elapsedSince(start));
			logSummary(result, plan);
			return result;
		}
	}

	/** A target version must exist on disk; checked before anything is written. */
	private void checkTarget(@Nullable Version target, MigrationCatalog catalog) {
		if (target != null && catalog.migrations().stream().noneMatch((migration) -> migration.version().equals(target))) {
			throw new CairnConfigurationException("Track '" + this.configuration.track() + "': cannot migrate to version "
					+ target + ": no migration file has that version");
		}
	}

	private List<PendingMigration> upTo(List<PendingMigration> pending, @Nullable Version target) {
		if (target == null) {
			return pending;
		}
		return pending.stream().filter((each) -> each.migration().version().compareTo(target) <= 0).toList();
	}

	/**
	 * Runs an operation that changes history: files validated first, then one connection with
	 * the lock held while history is read and changed.
	 */
	<T> T locked(long start, Function<LockedRun, T> work) {
		MigrationCatalog catalog = scan();
		failOnErrors(catalog.problems());
		try (Session session = Session.open(this.configuration)) {
			try (AdvisoryLock lock = AdvisoryLock.acquire(session.connection(), this.configuration, this.listeners)) {
				List<HistoryRow> history = this.historyTable.read(session.connection());
				return work.apply(new LockedRun(session.connection(), catalog, history, lock, start));
			}
		}
	}

	private Plan readOnlyPlan() {
		MigrationCatalog catalog = scan();
		// Status is asked by health checks and endpoints: answer now rather than wait for the server.
		try (Session session = Session.open(this.configuration, Duration.ZERO)) {
			return this.planner.plan(catalog, this.historyTable.read(session.connection()));
		}
	}

	private MigrationCatalog scan() {
		MigrationScanner.Result scan = new MigrationScanner(this.configuration.classLoader())
			.scan(this.configuration.locations());
		return MigrationCatalog.of(scan.files(), scan.problems());
	}

	void failOnErrors(List<Problem> problems) {
		if (problems.stream().anyMatch(Problem::isError)) {
			throw new CairnValidationException(this.configuration.track(), problems);
		}
	}

	private <T extends OperationReport> T run(Operation operation, Function<Long, T> body) {
		long start = System.nanoTime();
		String track = this.configuration.track();
		this.listeners.runStarted(new MigrationListener.RunStarted(track, operation, Instant.now()));
		try {
			T report = body.apply(start);
			this.listeners.runFinished(new MigrationListener.RunFinished(track, operation, elapsedSince(start),
					report, null));
			return report;
		}
		catch (CairnException ex) {
			this.listeners.runFinished(new MigrationListener.RunFinished(track, operation, elapsedSince(start), null, ex));
			throw ex;
		}
		catch (RuntimeException ex) {
			CairnException wrapped = new CairnException("Track '" + track + "': " + operation.name().toLowerCase(java.util.Locale.ROOT)
					+ " failed unexpectedly: " + ex, ex);
			this.listeners.runFinished(
					new MigrationListener.RunFinished(track, operation, elapsedSince(start), null, wrapped));
			throw wrapped;
		}
	}

	private void logSummary(MigrateResult result, Plan plan) {
		String track = this.configuration.track();
		String version = plan.currentVersion(result.applied()).map(Version::toString).orElse("none");
		if (result.isNoOp()) {
			logger.info("Track '{}': schema is up to date at version {} ({} applied, nothing pending; checked in {} ms)",
					track, version, plan.appliedCount(), result.duration().toMillis());
		}
		else {
			logger.info("Track '{}': applied {} migration{} in {} ms; schema is now at version {}", track,
					result.applied().size(), (result.applied().size() == 1) ? "" : "s", result.duration().toMillis(),
					version);
		}
	}

	static Duration elapsedSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * What an operation under the lock works with.
	 */
	record LockedRun(Connection connection, MigrationCatalog catalog, List<HistoryRow> history, AdvisoryLock lock,
			long start) {
	}

}
