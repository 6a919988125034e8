package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.lock.AdvisoryLock;

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
 */
final class LockedSession implements AutoCloseable {

	private final Session session;

	private final @Nullable AdvisoryLock lock;

	private final List<HistoryRow> history;

	private LockedSession(Session session, @Nullable AdvisoryLock lock, List<HistoryRow> history) {
		this.session = session;
		this.lock = lock;
		this.history = history;
	}

	/** Starts opening on a helper thread named after the track. */
	static Opening open(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable) {
		return new Opening(configuration, listener, historyTable);
	}

	Connection connection() {
		return this.session.connection();
	}

	/** The lock; only a session opened for {@link Opening#reportOnly() a report} has none. */
	AdvisoryLock lock() {
		return Objects.requireNonNull(this.lock);
	}

	/** History as read under the lock; empty when the table is empty or missing. */
	List<HistoryRow> history() {
		return this.history;
	}

	/** Releases the lock, then gives the connection back. */
	@Override
	public void close() {
		try {
			if (this.lock != null) {
				this.lock.close();
			}
		}
		finally {
			this.session.close();
		}
	}

	/**
	 * A session being opened, locked and read on a helper thread. A plain thread and a monitor
	 * rather than a CompletableFuture, whose first use initialises the common fork-join pool: this
	 * runs on every start, before anything is warm.
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

		private Opening(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable) {
			Thread thread = new Thread(() -> run(configuration, listener, historyTable),
					"cairn-connect-" + configuration.track());
			thread.setDaemon(true);
			thread.start();
		}

		private void run(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable) {
			LockedSession locked = null;
			Throwable failure = null;
			try {
				locked = openLocked(configuration, listener, historyTable);
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
				HistoryTable historyTable) {
			Session session = Session.open(configuration);
			AdvisoryLock lock = null;
			try {
				try {
					lock = AdvisoryLock.acquire(session.connection(), configuration, listener, () -> this.stopWaiting);
				}
				catch (CairnException ex) {
					if (!this.stopWaiting || this.cancelled) {
						throw ex;
					}
					// Wanted for a report only: history as it is, read without the lock, changes nothing.
				}
				List<HistoryRow> history;
				if (this.cancelled) {
					history = List.of();
				}
				else if (lock == null) {
					history = historyTable.readWithoutWaiting(session.connection());
				}
				else {
					// Waiting for the history table counts against the lock timeout, as waiting for the lock did.
					Duration left = configuration.lockTimeout().minus(lock.waited());
					history = historyTable.read(session.connection(), left.isNegative() ? Duration.ZERO : left);
				}
				return new LockedSession(session, lock, history);
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

}
