package dev.cairn.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.MigrationListener.Operation;
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
		return run(Operation.MIGRATE, (start) -> doMigrate(start, null), (result) -> result);
	}

	/**
	 * Applies the pending migrations up to and including {@code target}, which must exist on
	 * disk; higher ones stay pending.
	 */
	public MigrateResult migrateTo(Version target) {
		return run(Operation.MIGRATE, (start) -> doMigrate(start, target), (result) -> result);
	}

	/**
	 * Compares the files with history without taking the lock or changing anything; a missing
	 * history table reads as empty.
	 */
	public StatusReport status() {
		return run(Operation.STATUS, (start) -> readOnlyPlan().toStatus(), (status) -> null);
	}

	/**
	 * Reports every problem a migrate run would stop on, and how many migrations are pending,
	 * without taking the lock or changing anything.
	 */
	public ValidationResult validate() {
		return run(Operation.VALIDATE, (start) -> {
			Plan plan = readOnlyPlan();
			return new ValidationResult(plan.problems(), plan.pending().size());
		}, (result) -> null);
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
		return run(Operation.ROLLBACK, (start) -> locked(start, (work) -> new Rollback(this, work).steps(steps)),
				(result) -> null);
	}

	/**
	 * Undoes every applied migration above {@code target}, most recently applied first;
	 * {@code target} itself stays applied.
	 */
	public RollbackResult rollbackTo(Version target) {
		return run(Operation.ROLLBACK, (start) -> locked(start, (work) -> new Rollback(this, work).to(target)),
				(result) -> null);
	}

	/**
	 * After an operator fixed a failure by hand: removes failed, in-progress and undoing rows
	 * so those versions count as not applied. With {@code acceptChanges}, also records the
	 * current checksum, name and description of drifted and renamed migrations.
	 */
	public ChangeReport repair(boolean acceptChanges) {
		return run(Operation.REPAIR, (start) -> locked(start, (work) -> this.operations.repair(work, acceptChanges)),
				(result) -> null);
	}

	/**
	 * Records {@code version} as applied (its file must exist) or removes its row, without
	 * running any SQL: golang-migrate's "fix and force version".
	 */
	public ChangeReport force(Version version, boolean applied) {
		return run(Operation.FORCE, (start) -> locked(start, (work) -> this.operations.force(work, version, applied)),
				(result) -> null);
	}

	/**
	 * For an existing database without Cairn history: records every on-disk migration up to
	 * {@code version} as applied without running it.
	 */
	public ChangeReport baseline(Version version) {
		return run(Operation.BASELINE, (start) -> locked(start, (work) -> this.operations.baseline(work, version)),
				(result) -> null);
	}

	/**
	 * Runs every pending migration inside one transaction that is always rolled back, and
	 * reports per migration whether it succeeded. Non-transactional migrations are reported as
	 * not provable and not run. Nothing is written, history included; the lock is held.
	 */
	public DryRunResult dryRun() {
		return run(Operation.DRY_RUN, (start) -> locked(start, (work) -> new DryRun(this, work).run()), (result) -> null);
	}

	private MigrateResult doMigrate(long start, @Nullable Version target) {
		// The connection opens on another thread while the files are scanned: on every restart
		// of every instance both cost about as much, and neither needs the other.
		CompletableFuture<Session> connecting = openAsync();
		// 1-2. The files alone: a bad name or a duplicate stops the run before any SQL is sent.
		MigrationCatalog catalog;
		try {
			catalog = scan();
			failOnErrors(catalog.problems());
			checkTarget(target, catalog);
		}
		catch (RuntimeException ex) {
			connecting.whenComplete((session, error) -> {
				if (session != null) {
					session.close();
				}
			});
			throw ex;
		}
		try (Session session = join(connecting)) {
			Connection connection = session.connection();
			// 3. One session-level lock spans reading history and applying.
			try (AdvisoryLock lock = AdvisoryLock.acquire(connection, this.configuration, this.listeners)) {
				// 4. History, taking over another tool's or baselining when it is empty.
				List<HistoryRow> history = this.historyTable.readOrCreate(connection);
				if (history.isEmpty() && this.operations.startHistory(connection, catalog)) {
					history = this.historyTable.read(connection);
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
						applied, plan.warnings(), lock.waited(), elapsedSince(start));
				logSummary(result, plan);
				return result;
			}
		}
	}

	/** A target version must exist on disk; checked before the database is touched. */
	private CompletableFuture<Session> openAsync() {
		return CompletableFuture.supplyAsync(() -> Session.open(this.configuration), (task) -> {
			Thread thread = new Thread(task, "cairn-connect-" + this.configuration.track());
			thread.setDaemon(true);
			thread.start();
		});
	}

	private static Session join(CompletableFuture<Session> connecting) {
		try {
			return connecting.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

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

	private <T> T run(Operation operation, Function<Long, T> body,
			Function<T, MigrateResult> resultOf) {
		long start = System.nanoTime();
		String track = this.configuration.track();
		this.listeners.runStarted(new MigrationListener.RunStarted(track, operation, Instant.now()));
		try {
			T result = body.apply(start);
			this.listeners.runFinished(new MigrationListener.RunFinished(track, operation, elapsedSince(start),
					resultOf.apply(result), null));
			return result;
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

	/**
	 * One connection for a run, in auto-commit mode so that the lock, history reads and
	 * non-transactional statements never sit inside an open transaction; the connection's
	 * own settings are restored when it goes back to the pool.
	 */
	private static final class Session implements AutoCloseable {

		private final Connection connection;

		private final boolean autoCommit;

		private Session(Connection connection) throws SQLException {
			this.connection = connection;
			this.autoCommit = connection.getAutoCommit();
			if (!this.autoCommit) {
				connection.setAutoCommit(true);
			}
		}

		static Session open(CairnConfiguration configuration) {
			return open(configuration, configuration.connectTimeout());
		}

		/** Opens a session, retrying an unreachable server for up to {@code connectTimeout}. */
		static Session open(CairnConfiguration configuration, Duration connectTimeout) {
			Connection connection = connect(configuration, connectTimeout);
			try {
				return new Session(connection);
			}
			catch (SQLException ex) {
				closeQuietly(connection);
				throw new CairnException("Track '" + configuration.track() + "': cannot prepare the connection: "
						+ ex.getMessage(), ex);
			}
		}

		/**
		 * Gets a connection, retrying with backoff while the server cannot be reached or is
		 * starting, until the connect timeout; other failures (credentials, missing database)
		 * fail at once.
		 */
		private static Connection connect(CairnConfiguration configuration, Duration connectTimeout) {
			long start = System.nanoTime();
			long deadline = start + connectTimeout.toNanos();
			long pause = 250;
			int attempts = 0;
			while (true) {
				attempts++;
				try {
					return configuration.dataSource().getConnection();
				}
				catch (SQLException ex) {
					boolean retryable = isUnreachable(ex);
					if (!retryable || System.nanoTime() + pause * 1_000_000 > deadline) {
						Duration waited = elapsedSince(start);
						throw new CairnException("Track '" + configuration.track() + "': cannot connect to the database"
								+ ((attempts > 1) ? " after " + attempts + " attempts over " + waited.toSeconds() + " s" : "")
								+ ": " + Secrets.mask(ex.getMessage())
								+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "")
								+ (retryable ? ". The server did not answer within the connect timeout ("
										+ connectTimeout + "): check that it is up and reachable, or raise"
										+ " the connect timeout."
										: ". Check the URL, user and password Cairn uses."), withoutSecrets(ex));
					}
					logger.info("Track '{}': database not reachable yet ({}); retrying in {} ms", configuration.track(),
							Secrets.mask(ex.getMessage()), pause);
					sleep(pause);
					pause = Math.min(pause * 2, 5000);
				}
			}
		}

		/**
		 * The driver's exception, or a masked copy of it when its message carries a password
		 * (DriverManager's "No suitable driver found for" quotes the whole URL): causes end up
		 * in logs with the exception.
		 */
		private static SQLException withoutSecrets(SQLException ex) {
			boolean secret = false;
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				secret |= Secrets.contains(cause.getMessage());
			}
			if (!secret) {
				return ex;
			}
			SQLException masked = new SQLException(ex.getClass().getName() + ": " + Secrets.mask(ex.getMessage()),
					ex.getSQLState(), ex.getErrorCode());
			masked.setStackTrace(ex.getStackTrace());
			return masked;
		}

		private static boolean isUnreachable(SQLException ex) {
			// DriverManager's answer to a URL no driver accepts (jdbc:postgres://...) is 08001 too; waiting never helps.
			if (String.valueOf(ex.getMessage()).startsWith("No suitable driver")) {
				return false;
			}
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof SQLException sql && sql.getSQLState() != null
						&& (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P03"))) {
					return true;
				}
				if (cause instanceof java.net.ConnectException) {
					return true;
				}
			}
			return false;
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CairnException("Interrupted while waiting for the database", ex);
			}
		}

		Connection connection() {
			return this.connection;
		}

		@Override
		public void close() {
			try {
				if (!this.autoCommit && !this.connection.isClosed()) {
					this.connection.setAutoCommit(false);
				}
			}
			catch (SQLException ex) {
				logger.debug("Could not restore auto-commit on the migration connection", ex);
			}
			finally {
				closeQuietly(this.connection);
			}
		}

		private static void closeQuietly(Connection connection) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the migration connection", ex);
			}
		}

	}

}
