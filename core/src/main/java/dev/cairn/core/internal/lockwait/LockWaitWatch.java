package dev.cairn.core.internal.lockwait;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.MigrationListener;
import dev.cairn.core.StatementWait;
import dev.cairn.core.Version;

/**
 * Watches the migration session while a migration runs, from the session that holds the
 * migration lock (idle meanwhile): once a migration has run for {@link #FIRST_LOOK}, it asks
 * every {@link #INTERVAL} whether the migration's backend waits for a lock, and if so logs on
 * what and behind whom (when that changes) and tells the listeners
 * ({@link MigrationListener#statementWaiting}). What it saw last is kept, so a lock timeout can
 * say what the statement waited for after PostgreSQL gave up (when the wait has ended and
 * {@code pg_blocking_pids()} no longer answers).
 *
 * <p>One daemon thread per run that applies something; it sleeps while no migration runs and
 * costs nothing on the no-op path. A failed look is logged at debug and never changes the run.
 */
public final class LockWaitWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LockWaitWatch.class);

	/** How long a migration runs before the first look: a wait shorter than this is not worth a line. */
	static final Duration FIRST_LOOK = Duration.ofMillis(1000);

	static final Duration INTERVAL = Duration.ofMillis(1000);

	private final Connection probe;

	private final int pid;

	private final String track;

	private final MigrationListener listener;

	private final Object monitor = new Object();

	private final Thread thread;

	private @Nullable Watching current;

	private boolean closed;

	private LockWaitWatch(Connection probe, int pid, String track, MigrationListener listener) {
		this.probe = probe;
		this.pid = pid;
		this.track = track;
		this.listener = listener;
		this.thread = new Thread(this::run, "cairn-lock-watch-" + track);
		this.thread.setDaemon(true);
	}

	/**
	 * Starts watching backend {@code pid} with {@code probe}, a connection no one else uses while a
	 * migration is watched.
	 */
	public static LockWaitWatch start(Connection probe, int pid, String track, MigrationListener listener) {
		LockWaitWatch watch = new LockWaitWatch(probe, pid, track, listener);
		watch.thread.start();
		return watch;
	}

	/** Watches one attempt of one migration until the returned handle is closed. */
	public Watching watching(Version version, String script, int attempt) {
		Watching watching = new Watching(this, version, script, attempt, System.nanoTime());
		synchronized (this.monitor) {
			this.current = watching;
			this.monitor.notifyAll();
		}
		return watching;
	}

	private void run() {
		while (true) {
			Watching watching;
			long due;
			synchronized (this.monitor) {
				while (!this.closed && this.current == null) {
					if (!await(0)) {
						return;
					}
				}
				if (this.closed) {
					return;
				}
				watching = Objects.requireNonNull(this.current);
				due = watching.start + FIRST_LOOK.toNanos() + watching.looks * INTERVAL.toNanos();
				long wait = due - System.nanoTime();
				if (wait > 0) {
					await(Math.max(1, wait / 1_000_000));
					continue;
				}
			}
			look(watching);
		}
	}

	private boolean await(long millis) {
		try {
			this.monitor.wait(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void look(Watching watching) {
		watching.looks++;
		StatementWait wait;
		try {
			wait = LockWaitProbe.probe(this.probe, this.pid);
		}
		catch (SQLException ex) {
			logger.debug("Could not look at what the migration session waits for", ex);
			return;
		}
		synchronized (this.monitor) {
			if (this.current != watching) {
				return; // it ended while we looked
			}
		}
		if (wait == null) {
			return;
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - watching.start);
		if (watching.seen == null || !sameWait(watching.seen, wait)) {
			logger.warn("Track '{}': {} ({}) waits for {}; running {} s", this.track, watching.script,
					(watching.version != null) ? "version " + watching.version : "repeatable", wait.describe(),
					waited.toSeconds());
		}
		watching.seen = wait;
		try {
			this.listener.statementWaiting(new MigrationListener.StatementWaiting(this.track, watching.version,
					watching.script, watching.attempt, wait, waited));
		}
		catch (RuntimeException ex) {
			logger.warn("A migration listener failed on statementWaiting", ex);
		}
	}

	private static boolean sameWait(StatementWait a, StatementWait b) {
		return a.lock().equals(b.lock()) && a.mode().equals(b.mode())
				&& a.blockers().stream().map(StatementWait.Blocker::pid).toList()
					.equals(b.blockers().stream().map(StatementWait.Blocker::pid).toList());
	}

	private void end(Watching watching) {
		synchronized (this.monitor) {
			if (this.current == watching) {
				this.current = null;
			}
		}
	}

	/** Stops the thread and waits for a look in progress, so the connection is free again. */
	@Override
	public void close() {
		synchronized (this.monitor) {
			this.closed = true;
			this.current = null;
			this.monitor.notifyAll();
		}
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One attempt being watched. */
	public static final class Watching implements AutoCloseable {

		private final LockWaitWatch watch;

		private final Version version;

		private final String script;

		private final int attempt;

		private final long start;

		private int looks;

		private volatile @Nullable StatementWait seen;

		private Watching(LockWaitWatch watch, Version version, String script, int attempt, long start) {
			this.watch = watch;
			this.version = version;
			this.script = script;
			this.attempt = attempt;
			this.start = start;
		}

		/** The last wait seen during this attempt, or null if none was. */
		public @Nullable StatementWait seen() {
			return this.seen;
		}

		@Override
		public void close() {
			this.watch.end(this);
		}

	}

}
