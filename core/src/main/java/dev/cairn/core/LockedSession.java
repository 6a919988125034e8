package dev.cairn.core;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cairn.core.history.HistoryRow;
import dev.cairn.core.history.HistoryTable;
import dev.cairn.core.lock.AdvisoryLock;

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

	private final AdvisoryLock lock;

	private final List<HistoryRow> history;

	private LockedSession(Session session, AdvisoryLock lock, List<HistoryRow> history) {
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

	AdvisoryLock lock() {
		return this.lock;
	}

	/** History as read under the lock; empty when the table is empty or missing. */
	List<HistoryRow> history() {
		return this.history;
	}

	/** Releases the lock, then gives the connection back. */
	@Override
	public void close() {
		try {
			this.lock.close();
		}
		finally {
			this.session.close();
		}
	}

	/**
	 * A session being opened, locked and read on a helper thread.
	 */
	static final class Opening {

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final CompletableFuture<LockedSession> result;

		private Opening(CairnConfiguration configuration, MigrationListener listener, HistoryTable historyTable) {
			this.result = CompletableFuture.supplyAsync(() -> openLocked(configuration, listener, historyTable),
					(task) -> {
						Thread thread = new Thread(task, "cairn-connect-" + configuration.track());
						thread.setDaemon(true);
						thread.start();
					});
		}

		private LockedSession openLocked(CairnConfiguration configuration, MigrationListener listener,
				HistoryTable historyTable) {
			Session session = Session.open(configuration);
			AdvisoryLock lock = null;
			try {
				lock = AdvisoryLock.acquire(session.connection(), configuration, listener, this.cancelled::get);
				List<HistoryRow> history = this.cancelled.get() ? List.of() : historyTable.read(session.connection());
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
			try {
				return this.result.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}

		/**
		 * Stops the opening without waiting for it: the helper stops waiting for the lock, and
		 * whatever it took is given back on its own thread.
		 */
		void cancel() {
			this.cancelled.set(true);
			this.result.whenComplete((locked, error) -> {
				if (locked != null) {
					locked.close();
				}
			});
		}

	}

}
