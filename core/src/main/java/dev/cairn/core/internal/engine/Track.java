package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.StatusReport;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.Version;
import dev.cairn.core.internal.apply.MigrationExecutor;
import dev.cairn.core.internal.apply.WorkSession;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.history.HistorySummary;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.history.StartingRows;
import dev.cairn.core.internal.history.Takeover;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.core.internal.plan.PendingMigration;
import dev.cairn.core.internal.plan.Plan;
import dev.cairn.core.internal.plan.Planner;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.MigrationResolver;

/**
 * One track of an engine: its configuration, history table, planner, executor and listeners,
 * and every operation on it. {@link Cairn} is the public facade over it.
 *
 * <p>A {@link #migrate migrate} run, top to bottom:
 * <ol>
 * <li>Scan the locations, parse the names, read the files and compute checksums.</li>
 * <li>Validate the files alone (names, duplicates, orphan down files); bad files fail without
 * waiting for the lock, reported with history's problems (history read without the lock).</li>
 * <li>Take the track's advisory lock (see {@link AdvisoryLock}), waiting up to the lock
 * timeout and naming the holder while waiting.</li>
 * <li>Read the history table (a missing one reads as empty), under the lock, so two instances
 * never plan from the same history. Migrate reads it first as a summary (row counts and a sum
 * of line hashes, {@link dev.cairn.core.internal.history.HistorySummary}): when that is exactly
 * the files, every one applied, the run is over (the restart of an up-to-date service);
 * otherwise the rows are read. An empty history is planned with the rows a takeover or baseline would write, as
 * status, validate and the dry run plan it.</li>
 * <li>Plan: pending migrations in ascending version order, gaps, drift, renames, unknown and
 * future versions, interrupted non-transactional migrations, invalid pending scripts and their
 * down files. Apply the policies and report every problem at once; nothing is written, not
 * even the history table, if one is an error. Then create the table and write the takeover or
 * baseline rows, if any.</li>
 * <li>Apply the pending migrations one by one; a failure stops the run, earlier migrations stay
 * applied, a transactional one leaves no trace.</li>
 * <li>Release the lock, even on failure, and return what ran.</li>
 * </ol>
 * Every operation that changes history takes the lock the same way ({@link #locked}); status and
 * validate read without it.
 */
public final class Track {

	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private final CairnConfiguration configuration;

	private final Listeners listeners;

	private final HistoryTable historyTable;

	// Made on first use, after a run has started connecting: a fresh JVM loads their classes meanwhile.
	private @Nullable Planner planner;

	private @Nullable HistoryEdits edits;

	// Made on first use: a run with nothing pending never loads the appliers.
	private @Nullable MigrationExecutor executor;

	public Track(CairnConfiguration configuration) {
		this.configuration = configuration;
		this.listeners = new Listeners(configuration.listeners());
		this.historyTable = new HistoryTable(configuration.trackSettings());
	}

	public CairnConfiguration configuration() {
		return this.configuration;
	}

	private synchronized Planner planner() {
		if (this.planner == null) {
			this.planner = new Planner(this.configuration);
		}
		return this.planner;
	}

	private synchronized HistoryEdits edits() {
		if (this.edits == null) {
			this.edits = new HistoryEdits(this.configuration, this.historyTable, planner());
		}
		return this.edits;
	}

	private synchronized MigrationExecutor executor() {
		if (this.executor == null) {
			this.executor = new MigrationExecutor(this.configuration, this.historyTable, this.listeners);
		}
		return this.executor;
	}

	public String name() {
		return this.configuration.track();
	}

	public MigrateResult migrate(@Nullable Version target) {
		return run(Operation.MIGRATE, (start) -> doMigrate(start, target, Integer.MAX_VALUE));
	}

	/** Applies only the next {@code steps} pending migrations, in the order a full run applies them. */
	public MigrateResult migrateSteps(int steps) {
		return run(Operation.MIGRATE, (start) -> doMigrate(start, null, steps));
	}

	public StatusReport status() {
		return run(Operation.STATUS, (start) -> readOnlyPlan().toStatus());
	}

	public ValidationResult validate() {
		return run(Operation.VALIDATE, (start) -> {
			Plan plan = readOnlyPlan();
			return new ValidationResult(name(), plan.problems(), plan.pending().size());
		});
	}

	public RollbackResult rollback(int steps) {
		return run(Operation.ROLLBACK, (start) -> locked(start, NO_CHECK, (work) -> rollbackOf(work).steps(steps)));
	}

	public RollbackResult rollbackTo(Version target) {
		return run(Operation.ROLLBACK, (start) -> locked(start, NO_CHECK, (work) -> rollbackOf(work).to(target)));
	}

	public ChangeReport repair(boolean acceptChanges) {
		return run(Operation.REPAIR, (start) -> locked(start, NO_CHECK, (work) -> edits().repair(work, acceptChanges)));
	}

	public ChangeReport force(Version version, boolean applied) {
		return run(Operation.FORCE,
				(start) -> locked(start, NO_CHECK, (work) -> edits().force(work, version, applied)));
	}

	public ChangeReport baseline(Version version) {
		return run(Operation.BASELINE, (start) -> locked(start, NO_CHECK, (work) -> edits().baseline(work, version)));
	}

	public DryRunResult dryRun() {
		return run(Operation.DRY_RUN, (start) -> locked(start, NO_CHECK, (work) -> {
			// Planned exactly as migrate plans, takeover and baseline included; nothing is written.
			Plan plan = plan(work.connection(), work.catalog(), work.history(), false).plan();
			CairnValidationException.throwIfErrors(name(), plan.problems());
			plan.warnings().forEach((warning) -> logger.warn("Track '{}': {}", name(), warning.message()));
			List<Problem> lint = MigrationLint.lint(this.configuration, plan.pending(), work.connection());
			CairnValidationException.throwIfErrors(name(), lint);
			MigrationLint.log(name(), lint);
			return new DryRun(plan, work, this.configuration.lint().largeTableBytes(),
					this.configuration.qualifiedTable(), this.configuration.lockWait(),
					this.configuration.engine().javaMigrationScope()).run();
		}));
	}

	/** The offline linter over every migration of the locations, in version order. */
	public static dev.cairn.core.LintReport lintOffline(List<String> locations, dev.cairn.core.LintSettings settings,
			ClassLoader classLoader) {
		List<dev.cairn.core.Location> parsed = locations.stream().map(dev.cairn.core.Location::parse).toList();
		return MigrationLint.offline(new MigrationResolver(classLoader).resolve(parsed), settings);
	}

	private Rollback rollbackOf(LockedRun work) {
		Planner planner = planner().forUser(userOf(work.connection()));
		return new Rollback(planner.plan(work.catalog(), work.history()), executor(), work, planner);
	}

	/** The user the connection logged in as (for {@code ${cairn:user}}): known to the driver, no round trip. */
	private static @Nullable String userOf(Connection connection) {
		try {
			return connection.getMetaData().getUserName();
		}
		catch (java.sql.SQLException ex) {
			return null;
		}
	}

	private MigrateResult doMigrate(long start, @Nullable Version target, int steps) {
		return locked(start, LockedSession.openForMigrate(this.configuration, this.listeners, this.historyTable),
				(catalog) -> {
					checkTarget(target, catalog);
					HistorySummary.prepare(catalog); // while the helper still connects
				}, (work) -> {
			// 4a. History is exactly the files, every one applied: nothing to plan (the restart of a service).
			if (work.session().upToDate(work.catalog())) {
				return upToDate(work);
			}
			Connection connection = work.connection();
			// 4-5. Plan with history as it is, or as a takeover or baseline would start it; nothing is
			// written until the plan has no errors, so a refused run leaves no table behind.
			Planned planned = plan(connection, work.catalog(), work.history(), false);
			Plan plan = planned.plan();
			CairnValidationException.throwIfErrors(name(), plan.problems());
			List<PendingMigration> pending = first(upTo(plan.pending(), target), steps);
			// 5b. Lint what is pending, with the live catalog; a failing finding stops the run before anything is
			// written. Nothing pending, nothing to read.
			List<Problem> lint = MigrationLint.lint(this.configuration, pending, connection);
			CairnValidationException.throwIfErrors(name(), lint);
			MigrationLint.log(name(), lint);
			if (!pending.isEmpty()) {
				// The session migrations run on, opened before anything is written: a pooler in transaction mode is
				// refused here.
				work.session().openWork();
			}
			if (work.history().isEmpty()) {
				edits().startHistory(connection, planned.start());
			}
			plan.warnings().forEach((warning) -> logger.warn("Track '{}': {}", name(), warning.message()));
			if (!pending.isEmpty()) {
				// Read with the history in one round trip; a table missing then (created since) reads as writable.
				work.requireWritableHistory(name(), this.configuration.qualifiedTable(), "apply "
						+ pending.get(0).migration().displayName() + ((pending.size() > 1)
								? " and " + (pending.size() - 1) + " more pending migration"
										+ ((pending.size() > 2) ? "s" : "") : ""));
			}
			this.listeners.planned(new MigrationListener.Planned(name(), pending.size(), planned.history().size()));
			// 6. Apply in ascending version order, on a session of their own.
			List<AppliedMigration> applied = new ArrayList<>();
			WorkSession session = pending.isEmpty() ? null : work.work(planned.history().size());
			for (PendingMigration each : pending) {
				applied.add(executor().apply(session, each, applied.size() + 1, pending.size()));
			}
			MigrateResult result = new MigrateResult(name(), this.configuration.qualifiedTable(), applied,
					plan.warnings(), work.lock().waited(), elapsedSince(start));
			logSummary(result, plan);
			return result;
		});
	}

	/** The result of a run that found history exactly as the files are: as the plan of it would say. */
	private MigrateResult upToDate(LockedRun work) {
		List<dev.cairn.core.internal.migration.Migration> migrations = work.catalog().migrations();
		this.listeners.planned(new MigrationListener.Planned(name(), 0, (int) work.session().historySize()));
		MigrateResult result = new MigrateResult(name(), this.configuration.qualifiedTable(), List.of(), List.of(),
				work.lock().waited(), elapsedSince(work.start()));
		logUpToDate(migrations.get(migrations.size() - 1).version().toString(), migrations.size(), result);
		return result;
	}

	/**
	 * The one way every operation that plans a run (migrate, dry run, status, validate) plans it:
	 * an empty history is planned with the rows a takeover or baseline would write
	 * ({@link HistoryEdits#plannedStart}), read but not written. Costs nothing extra when history
	 * has rows (the no-op path); an empty one costs the takeover's and baseline's look-ups, as
	 * migrate always paid.
	 */
	private Planned plan(Connection connection, MigrationCatalog catalog, List<HistoryRow> history,
			boolean everyDownFile) {
		StartingRows start = null;
		Problem refused = null;
		if (history.isEmpty()) {
			try {
				start = edits().plannedStart(connection, catalog);
			}
			catch (Takeover.Refused ex) {
				refused = Problem.error(Problem.Kind.INVALID_HISTORY_ROW, versionOrNull(ex.version()),
						List.of(this.historyTable.qualifiedName()), ex.reason());
			}
		}
		List<HistoryRow> rows = (start != null) ? start.rows() : history;
		Planner planner = planner().forUser(userOf(connection));
		Plan plan = planner.plan(catalog, rows, edits().invalidIndexes(connection, catalog, rows), everyDownFile);
		if (history.isEmpty() && start == null && refused == null && catalog.snapshot() != null) {
			// A first run with a snapshot on disk; with history (or a takeover, a baseline) it is ignored.
			plan = InitialSchema.plan(plan, catalog.snapshot(), planner, connection, this.configuration);
		}
		if (refused != null) {
			List<Problem> problems = new ArrayList<>(plan.problems());
			problems.add(0, refused);
			plan = new Plan(plan.track(), plan.historyTable(), plan.migrations(), plan.pending(), problems);
		}
		return new Planned(plan, rows, start);
	}

	private static @Nullable Version versionOrNull(@Nullable String text) {
		try {
			return (text != null) ? Version.parse(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A plan, the history it was made from and the rows an empty history would start with. */
	private record Planned(Plan plan, List<HistoryRow> history, @Nullable StartingRows start) {
	}

	private static final Consumer<MigrationCatalog> NO_CHECK = (catalog) -> {
	};

	/**
	 * Runs an operation under the track's lock, the one way every operation that writes takes
	 * it. Steps 1-2 and 3 overlap: a helper thread connects, takes the lock and reads history
	 * (see {@link LockedSession}) while this one scans; a bad file or a failed {@code check}
	 * cancels the opening, so nothing is written and nothing waits behind another instance.
	 */
	private <T> T locked(long start, Consumer<MigrationCatalog> check, Function<LockedRun, T> work) {
		return locked(start, LockedSession.open(this.configuration, this.listeners, this.historyTable), check, work);
	}

	private <T> T locked(long start, LockedSession.Opening opening, Consumer<MigrationCatalog> check,
			Function<LockedRun, T> work) {
		MigrationCatalog catalog;
		try {
			// 1-2. The files alone.
			catalog = scan();
			if (hasErrors(catalog.problems())) {
				throw refusedFiles(opening, catalog);
			}
			check.accept(catalog);
		}
		catch (RuntimeException ex) {
			opening.cancel();
			throw ex;
		}
		// 3. Locked, with history as it is.
		try (LockedSession locked = opening.join()) {
			return work.apply(new LockedRun(locked.connection(), catalog, locked.lock(), start, locked));
		}
	}

	/**
	 * Bad files refuse the run, reported with history's problems as validate reports them: the
	 * run stops waiting for the lock (it never waits behind another instance's migration) but
	 * waits for its connection and reads history without the lock. If that fails, the files'
	 * problems are reported alone, saying why history's are missing.
	 */
	private CairnValidationException refusedFiles(LockedSession.Opening opening, MigrationCatalog catalog) {
		try (LockedSession session = opening.reportOnly()) {
			List<Problem> problems = plan(session.connection(), catalog, session.history(), false).plan().problems();
			return new CairnValidationException(name(), problems);
		}
		catch (CairnException ex) {
			logger.debug("History could not be read for the report of the bad files", ex);
			List<Problem> problems = new ArrayList<>(catalog.problems());
			problems.add(Problem.warning(Problem.Kind.INVALID_HISTORY_ROW, null, List.of(this.historyTable.qualifiedName()),
					"history was not compared with the files (" + ex.getMessage() + "); fix the files, and the next run"
							+ " reports any history problems"));
			return new CairnValidationException(name(), problems);
		}
	}

	private static boolean hasErrors(List<Problem> problems) {
		for (Problem problem : problems) {
			if (problem.isError()) {
				return true;
			}
		}
		return false;
	}

	/** A target version must exist on disk; checked before anything is written. */
	private void checkTarget(@Nullable Version target, MigrationCatalog catalog) {
		if (target != null && catalog.migrations().stream().noneMatch((migration) -> migration.version().equals(target))) {
			throw new CairnConfigurationException("Track '" + name() + "': cannot migrate to version " + target
					+ ": no migration file has that version");
		}
	}

	private static List<PendingMigration> upTo(List<PendingMigration> pending, @Nullable Version target) {
		if (target == null) {
			return pending;
		}
		// Repeatables run only when the run reaches the end: a view may need a column a later version adds.
		boolean stopsShort = pending.stream()
			.anyMatch((each) -> !each.repeatable() && each.migration().version().compareTo(target) > 0);
		return pending.stream()
			.filter((each) -> each.repeatable() ? !stopsShort : each.migration().version().compareTo(target) <= 0)
			.toList();
	}

	/** The next {@code steps} of the pending migrations; all of them when fewer are pending. */
	private List<PendingMigration> first(List<PendingMigration> pending, int steps) {
		if (pending.size() <= steps) {
			if (steps != Integer.MAX_VALUE && pending.size() < steps) {
				logger.info("Track '{}': {} step{} asked for, {} pending", name(), steps, (steps == 1) ? "" : "s",
						pending.size());
			}
			return pending;
		}
		return pending.subList(0, steps);
	}

	private Plan readOnlyPlan() {
		MigrationCatalog catalog = scan();
		// Status is asked by health checks and endpoints: answer now rather than wait for the server or a lock.
		try (Session session = Session.open(this.configuration, false)) {
			Connection connection = session.connection();
			Plan plan = plan(connection, catalog, this.historyTable.readWithoutWaiting(connection), true).plan();
			// Status and validate show what the linter says of the pending migrations, accepted findings included.
			List<Problem> lint = MigrationLint.lint(this.configuration, plan.pending(), connection);
			if (lint.isEmpty()) {
				return plan;
			}
			List<Problem> problems = new ArrayList<>(plan.problems());
			problems.addAll(lint);
			return new Plan(plan.track(), plan.historyTable(), plan.migrations(), plan.pending(), problems);
		}
	}

	private MigrationCatalog scan() {
		return new MigrationResolver(this.configuration.classLoader()).resolve(this.configuration.locations(),
				this.configuration.trackSettings()::layoutOf, this.configuration.javaMigrations());
	}

	/** Tells the listeners that an operation started and how it ended; wraps what the engine did not expect. */
	private <T extends OperationReport> T run(Operation operation, Function<Long, T> body) {
		long start = System.nanoTime();
		String track = name();
		this.listeners.runStarted(new MigrationListener.RunStarted(track, operation, Instant.now()));
		try {
			T report = body.apply(start);
			this.listeners.runFinished(new MigrationListener.RunFinished(track, operation, elapsedSince(start), report,
					null));
			return report;
		}
		catch (CairnException ex) {
			this.listeners.runFinished(new MigrationListener.RunFinished(track, operation, elapsedSince(start), null, ex));
			throw ex;
		}
		catch (RuntimeException ex) {
			CairnException wrapped = new CairnException("Track '" + track + "': "
					+ operation.name().toLowerCase(Locale.ROOT) + " failed unexpectedly: " + ex, ex);
			this.listeners.runFinished(
					new MigrationListener.RunFinished(track, operation, elapsedSince(start), null, wrapped));
			throw wrapped;
		}
	}

	private void logSummary(MigrateResult result, Plan plan) {
		String version = plan.currentVersion(result.applied()).map(Version::toString).orElse("none");
		if (result.isNoOp()) {
			logUpToDate(version, plan.appliedCount(), result);
		}
		else {
			logger.info("Track '{}': applied {} migration{} in {} ms; schema is now at version {}", name(),
					result.applied().size(), (result.applied().size() == 1) ? "" : "s", result.duration().toMillis(),
					version);
		}
	}

	/** The one line a run with nothing to apply logs, whichever way it found that out. */
	private void logUpToDate(String version, long applied, MigrateResult result) {
		logger.info("Track '{}': schema is up to date at version {} ({} applied, nothing pending; checked in {} ms)",
				name(), version, applied, result.duration().toMillis());
	}

	static Duration elapsedSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * What an operation under the lock works with: {@code connection} is the lock's own session,
	 * for Cairn's own statements only; migrations run on {@link #work}.
	 */
	record LockedRun(Connection connection, MigrationCatalog catalog, AdvisoryLock lock, long start,
			LockedSession session) {

		/** History as read under the lock (on first use, when the run read only its summary). */
		List<HistoryRow> history() {
			return this.session.history();
		}

		/** The session migrations run on, counting history from {@code rows}. */
		WorkSession work(int rows) {
			return this.session.work(rows);
		}

		/** Stops before anything runs when the user may not write the history table. */
		void requireWritableHistory(String track, String table, String what) {
			List<String> missing = this.session.missingPrivileges();
			if (!missing.isEmpty()) {
				throw new CairnException("Track '" + track + "': cannot " + what + ": the migration user may not "
						+ String.join(", ", missing) + " on history table " + table + ", so Cairn could not record"
						+ " what it does. Nothing was run. Grant it INSERT, UPDATE and DELETE on " + table + ", or"
						+ " run Cairn as a user that may write it.");
			}
		}

	}

}
