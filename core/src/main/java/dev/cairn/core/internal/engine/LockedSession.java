package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.internal.apply.WorkSession;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.history.HistorySummary;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.core.internal.lockwait.LockWaitWatch;
import dev.cairn.core.internal.migration.MigrationCatalog;

/**
 * What a migrate run needs from the database before it can plan: a session, the track's lock
 * and the history rows as they are (a missing table reads as empty and is not created here).
 *
 * <p>It is opened on a helper thread while the files are scanned: on every restart of every
 * instance the two cost about as much and neither needs the other, so a no-op run pays the
 * larger rather than the sum. Nothing is written until the files are validated. A run whose
 * files are wrong cancels the opening and fails at once: the helper stops waiting for the lock
 * at its next poll and gives back whatever it took, so a bad file never waits behind another
 * instance's migration.
 *
 * <p>Migrations never run on this session: {@link #work} opens a second one for them on first
 * use, so no migration's SQL can release the lock held here (see {@link AdvisoryLock}). A run
 * with nothing to apply never opens it.
 */
final class LockedSession implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private final Session session;

	private final @Nullable AdvisoryLock lock;

	// Read on first use when the opening read only the summary.
	private @Nullable List<HistoryRow> history;

	private final @Nullable HistorySummary summary;

	private final @Nullable Duration lockWaitLeft;

	private List<String> missingPrivileges;

	private final CairnConfiguration configuration;

	private final HistoryTable historyTable;

	private @Nullable Session workSession;

	private @Nullable WorkSession work;

	private final MigrationListener listener;

	private @Nullable LockWaitWatch watch;

	private LockedSession(Session session, @Nullable AdvisoryLock lock, HistoryTable.Access access,
			@Nullable Duration lockWaitLeft, CairnConfiguration configuration, HistoryTable historyTable,
			MigrationListener listener) {
		this.session = session;
		this.lock = lock;
		this.history = access.rows();
		this.summary = access.summary();
		this.lockWaitLeft = lockWaitLeft;
		this.missingPrivileges = access.missing();
		this.configuration = configuration;
		this.historyTable = historyTable;
		this.listener = listener;
	}

	/** Starts opening on a helper thread named after the track; the opening reads every history row. */
	static Opening open(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable) {
		return new Opening(configuration, listener, historyTable, false);
	}

	/**
	 * Starts opening as {@link #open} does, but reads history's {@link HistorySummary} rather
	 * than its rows: a migrate run, which on the restart of an up-to-date service needs nothing
	 * more. The rows are read when first asked for.
	 */
	static Opening openForMigrate(CairnConfiguration configuration, MigrationListener listener,
			HistoryTable historyTable) {
		return new Opening(configuration, listener, historyTable, true);
	}

	Connection connection() {
		return this.session.connection();
	}

	/** The lock; only a session opened for {@link Opening#reportOnly() a report} has none. */
	AdvisoryLock lock() {
		return Objects.requireNonNull(this.lock);
	}

	/**
	 * History as read under the lock; empty when the table is empty or missing. After a summary,
	 * read now, on the lock's session, within what the opening left of the lock timeout.
	 */
	synchronized List<HistoryRow> history() {
		if (this.history == null) {
			HistoryTable.Access access = this.historyTable.readWithAccess(connection(),
					Objects.requireNonNull(this.lockWaitLeft));
			this.history = access.rows();
			this.missingPrivileges = access.missing();
		}
		return this.history;
	}

	/** Whether the summary the opening read says history is exactly the catalog, all applied; see {@link HistorySummary}. */
	boolean upToDate(MigrationCatalog catalog) {
		return this.summary != null && this.summary.upToDate(catalog);
	}

	/** The number of history rows, known without reading them after a summary. */
	long historySize() {
		return (this.summary != null) ? this.summary.rows() : history().size();
	}

	/** Which of INSERT, UPDATE and DELETE the user lacks on the history table, as read with it. */
	synchronized List<String> missingPrivileges() {
		history(); // read with the rows
		return this.missingPrivileges;
	}

	/**
	 * The session migrations run on, opened on first use (one connect and one round trip to
	 * read its state), with {@code rows} the history rows it starts from.
	 */
	WorkSession work(int rows) {
		if (this.work != null) {
			return this.work;
		}
		String track = this.configuration.track();
		Session opened = openWork();
		try {
			this.work = WorkSession.start(opened.connection(), lock(), this.historyTable, rows);
		}
		catch (SQLException ex) {
			opened.abort();
			this.workSession = null;
			throw new CairnException("Track '" + track + "': cannot read the state of the session migrations run on: "
					+ ex.getMessage() + " (SQLSTATE " + ex.getSQLState() + ")", ex);
		}
		this.workSession = opened;
		if (!this.work.sharesLockSession()) {
			// The lock's session is idle while migrations run: it looks at what they wait for.
			this.watch = LockWaitWatch.start(connection(), this.work.pid(), track, this.listener);
			this.work.watchWith(this.watch);
		}
		if (this.work.sharesLockSession()) {
			logger.warn("Track '{}': the data source handed out the session that holds the migration lock again (a pool"
					+ " of one connection?), so migrations run on it: a migration that releases advisory locks can then"
					+ " release the migration lock too (the history write still refuses to record after that). Give"
					+ " Cairn a data source with at least two connections.", track);
		}
		return this.work;
	}

	/**
	 * Opens the connection migrations run on, once, and refuses a pooler in transaction mode
	 * before anything is written (see {@link PoolerCheck}). Called by a run that will apply
	 * something, before it creates the history table; the no-op path never opens it.
	 */
	Session openWork() {
		if (this.workSession != null) {
			return this.workSession;
		}
		String track = this.configuration.track();
		Session opened;
		try {
			opened = Session.open(this.configuration);
		}
		catch (CairnException ex) {
			throw new CairnException("Track '" + track + "': cannot open the session migrations run on (the migration"
					+ " lock is held on a session of its own, so a run that applies anything needs two connections): "
					+ ex.getMessage() + " If the data source is a pool, give it at least two connections.", ex);
		}
		this.workSession = opened;
		PoolerCheck.refuseTransactionPooling(track, connection(), opened.connection(), lock());
		return opened;
	}

	/**
	 * Gives back the work session (rolled back if a transaction is open, aborted if it could not
	 * be put back as it was), then releases the lock and gives its connection back.
	 */
	@Override
	public void close() {
		if (this.watch != null) {
			this.watch.close();
		}
		try {
			if (this.workSession != null && this.work == null) {
				this.workSession.close();
			}
			if (this.workSession != null && this.work != null) {
				if (this.work.release()) {
					this.workSession.close();
				}
				else {
					logger.warn("Track '{}': the migration session could not be put back as it was; closing it"
							+ " rather than returning it to the pool", this.configuration.track());
					this.workSession.abort();
				}
			}
		}
		finally {
			try {
				if (this.lock != null) {
					this.lock.close();
				}
			}
			finally {
				this.session.close();
			}
		}
	}

	/**
	 * A session being opened, locked and read on a helper thread ({@link HelperThreads}). A
	 * monitor rather than a CompletableFuture, whose first use initialises the common fork-join
	 * pool: this runs on every start, before anything is warm. A migrate run's first poll for the
	 * lock rides with its summary of history ({@link FirstRead}).
	 */
	static final class Opening {

		private final Object monitor = new Object();

		/** The run no longer wants the lock: stop waiting for it at the next poll. */
		private volatile boolean stopWaiting;

		/** The run no longer wants anything: give back whatever was taken. */
		private volatile boolean cancelled;

		private boolean done;

		private @Nullable LockedSession result;

		private @Nullable Throwable failure;

		private final boolean summaryFirst;

		private Opening(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable,
				boolean summaryFirst) {
			this.summaryFirst = summaryFirst;
			// Connecting is the slowest step: its thread starts first, the helper's next.
			ConnectAttempt first = Session.startFirstAttempt(configuration);
			HelperThreads.start("cairn-connect-" + configuration.track(),
					() -> run(configuration, listener, historyTable, first));
		}

		private void run(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable,
				ConnectAttempt first) {
			LockedSession locked = null;
			Throwable failure = null;
			try {
				locked = openLocked(configuration, listener, historyTable, first);
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
			}
			boolean unwanted;
			synchronized (this.monitor) {
				this.result = locked;
				this.failure = failure;
				this.done = true;
				unwanted = this.cancelled;
				this.monitor.notifyAll();
			}
			if (unwanted && locked != null) {
				locked.close();
			}
		}

		private LockedSession openLocked(CairnConfiguration configuration, MigrationListener listener,
				HistoryTable historyTable, ConnectAttempt first) {
			Session session = Session.open(configuration, first);
			AdvisoryLock lock = null;
			try {
				FirstRead read = (this.summaryFirst && !this.stopWaiting)
						? FirstRead.send(session.connection(), configuration, historyTable) : null;
				try {
					lock = AdvisoryLock.acquire(session.connection(), configuration, listener, () -> this.stopWaiting,
							(read != null) ? read.poll() : null);
				}
				catch (CairnException ex) {
					if (!this.stopWaiting || this.cancelled) {
						throw ex;
					}
					// Wanted for a report only: history as it is, read without the lock, changes nothing.
				}
				HistoryTable.Access access;
				Duration left = null;
				if (this.cancelled) {
					access = new HistoryTable.Access(List.of(), List.of());
				}
				else if (lock == null) {
					access = new HistoryTable.Access(historyTable.readWithoutWaiting(session.connection()), List.of());
				}
				else {
					// Waiting for the history table counts against the lock timeout, as waiting for the lock did.
					left = configuration.lockTimeout().minus(lock.waited());
					left = left.isNegative() ? Duration.ZERO : left;
					// The summary read with the first poll holds if that poll took the lock with no earlier run's session
					// still running; else it was read before the lock was ours, and is read again.
					access = (read != null && read.poll().clear()) ? read.summary()
							: this.summaryFirst ? historyTable.readSummary(session.connection(), left)
									: historyTable.readWithAccess(session.connection(), left);
				}
				return new LockedSession(session, lock, access, left, configuration, historyTable, listener);
			}
			catch (RuntimeException ex) {
				try {
					if (lock != null) {
						lock.close();
					}
				}
				finally {
					session.close();
				}
				throw ex;
			}
		}

		/**
		 * Waits for the opening.
		 * @throws CairnException as opening failed: connect, lock timeout, unreadable history
		 */
		LockedSession join() {
			synchronized (this.monitor) {
				while (!this.done) {
					try {
						this.monitor.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						this.cancelled = true;
						throw new CairnException("Interrupted while connecting to the database or waiting for the"
								+ " migration lock", ex);
					}
				}
				if (this.failure instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (this.failure instanceof Error error) {
					throw error;
				}
				return Objects.requireNonNull(this.result);
			}
		}

		/**
		 * For a run already refused by its files, which wants history only to report its problems
		 * with the files': stops waiting for the lock (a run holding it is not waited for) and waits
		 * for the connection and the history read. The session it returns may hold no lock and is
		 * only for reading.
		 * @throws CairnException as opening failed: connect, unreadable history
		 */
		LockedSession reportOnly() {
			this.stopWaiting = true;
			LockedSession session = join();
			synchronized (this.monitor) {
				this.result = null; // the caller closes it; a later cancel() must not
			}
			return session;
		}

		/**
		 * Stops the opening without waiting for it: the helper stops waiting for the lock, and
		 * whatever it took is given back, here if it is done, else on its own thread.
		 */
		void cancel() {
			LockedSession taken;
			synchronized (this.monitor) {
				this.stopWaiting = true;
				this.cancelled = true;
				taken = this.result;
				this.result = null;
			}
			if (taken != null) {
				taken.close();
			}
		}

	}

	/**
	 * A migrate run's first poll for the lock and its summary of history, sent in one round trip
	 * (see {@link HistoryTable#readSummaryAfter}).
	 */
	private record FirstRead(AdvisoryLock.Poll poll, HistoryTable.Access summary) {

		/**
		 * Sends both; {@code null} when the table is missing or not of Cairn's shape, after giving
		 * back the lock the poll may have taken: the run then takes it and reads as a run without
		 * a summary would.
		 */
		static @Nullable FirstRead send(Connection connection, CairnConfiguration configuration,
				HistoryTable historyTable) {
			long sent = System.nanoTime();
			AdvisoryLock.Poll[] poll = new AdvisoryLock.Poll[1];
			HistoryTable.Access summary;
			try {
				summary = historyTable.readSummaryAfter(connection, configuration.lockTimeout(),
						AdvisoryLock.pollStatement(configuration), (row) -> poll[0] = AdvisoryLock.Poll.read(row, sent));
			}
			catch (RuntimeException ex) {
				AdvisoryLock.releaseIfTaken(connection, configuration);
				throw ex;
			}
			if (summary == null) {
				AdvisoryLock.releaseIfTaken(connection, configuration);
				return null;
			}
			return new FirstRead(Objects.requireNonNull(poll[0]), summary); // read before the summary
		}

	}

}
