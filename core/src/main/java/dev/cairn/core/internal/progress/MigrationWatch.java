package dev.cairn.core.internal.progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.BlockingSession;
import dev.cairn.core.LockHolder;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationListener.MigrationRunning;
import dev.cairn.core.Secrets;
import dev.cairn.core.Version;

/**
 * Reports a migration that is still running, every progress interval: a log line and a
 * {@link MigrationRunning} event, with what its session waits for and who holds the locks it
 * waits on. A migration that finishes within the first interval costs nothing but scheduling
 * a task: the connection the lookups use is opened at the first report and closed with the
 * watch. That connection is never the migration's session (which is busy) nor the lock's
 * session (whose use belongs to the run's thread).
 */
public final class MigrationWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MigrationWatch.class);

	/** Words of a blocking session's statement shown: enough to recognise it, too few for its literals. */
	private static final int STATEMENT_WORDS = 3;

	private static final String QUERY = "SELECT w.wait_event_type, w.wait_event, b.pid, b.application_name, b.usename,"
			+ " host(b.client_addr), b.backend_start, b.state, b.state_change, b.xact_start,"
			+ " left(b.query, 200) FROM pg_catalog.pg_stat_activity w"
			+ " LEFT JOIN pg_catalog.pg_stat_activity b ON b.pid = ANY (pg_catalog.pg_blocking_pids(w.pid))"
			+ " WHERE w.pid = ? ORDER BY b.xact_start NULLS LAST, b.backend_start";

	private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "cairn-progress");
		thread.setDaemon(true);
		return thread;
	});

	private final String track;

	private final Version version;

	private final String script;

	private final int session;

	private final @Nullable DataSource lookups;

	private final MigrationListener listener;

	private final long startNanos = System.nanoTime();

	private final ScheduledFuture<?> task;

	private final ReentrantLock reporting = new ReentrantLock();

	private @Nullable Connection connection;

	private volatile boolean closed;

	private MigrationWatch(String track, Version version, String script, int session, @Nullable DataSource lookups,
			MigrationListener listener, Duration interval) {
		this.track = track;
		this.version = version;
		this.script = script;
		this.session = session;
		this.lookups = lookups;
		this.listener = listener;
		long every = Math.max(1, interval.toMillis());
		this.task = scheduler.scheduleAtFixedRate(this::report, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts watching a migration.
	 * @param session the backend pid of the session it runs on
	 * @param lookups where the connection for the lookups comes from; {@code null} when the data
	 * source can give no connection besides the ones the run holds (then only the time is reported)
	 */
	public static MigrationWatch start(String track, Version version, String script, int session,
			@Nullable DataSource lookups, MigrationListener listener, Duration interval) {
		return new MigrationWatch(track, version, script, session, lookups, listener, interval);
	}

	private void report() {
		this.reporting.lock();
		try {
			if (!this.closed) {
				report(lookUp());
			}
		}
		finally {
			if (this.closed) {
				closeConnection();
			}
			this.reporting.unlock();
		}
	}

	private void report(Activity activity) {
		if (this.closed) {
			return; // the migration ended while the lookup ran
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startNanos);
		StringBuilder line = new StringBuilder("Track '").append(this.track)
			.append("': ")
			.append(this.script)
			.append(" (version ")
			.append(this.version)
			.append(") still running after ")
			.append(seconds(elapsed));
		if (!activity.blockedBy().isEmpty()) {
			line.append(", waiting on a lock held by ");
			for (int i = 0; i < activity.blockedBy().size(); i++) {
				line.append((i == 0) ? "" : "; and by ").append(activity.blockedBy().get(i).describe());
			}
		}
		else if (activity.waitEvent() != null) {
			line.append(", waiting on ").append(activity.waitEvent());
		}
		logger.info(line.toString());
		try {
			this.listener.migrationRunning(new MigrationRunning(this.track, this.version, this.script, elapsed,
					this.session, activity.waitEvent(), activity.blockedBy()));
		}
		catch (RuntimeException ex) {
			logger.warn("Migration listener failed on a progress event; the run goes on", ex);
		}
	}

	private Activity lookUp() {
		if (this.lookups == null) {
			return Activity.UNKNOWN;
		}
		try {
			if (this.connection == null) {
				this.connection = this.lookups.getConnection();
				this.connection.setAutoCommit(true);
				try (Statement settings = this.connection.createStatement()) {
					// A lookup must never wait itself: it would stall the next report, never the run.
					settings.execute("SET statement_timeout = '5s'; SET lock_timeout = '1s';"
							+ " SET application_name = 'cairn progress'");
				}
			}
			try (PreparedStatement query = this.connection.prepareStatement(QUERY)) {
				query.setInt(1, this.session);
				try (ResultSet rows = query.executeQuery()) {
					String waitEvent = null;
					List<BlockingSession> blockers = new ArrayList<>();
					while (rows.next()) {
						if (rows.getString(1) != null) {
							waitEvent = rows.getString(1) + ": " + rows.getString(2);
						}
						if (rows.getObject(3) != null) {
							LockHolder holder = new LockHolder(rows.getInt(3), rows.getString(4), rows.getString(5),
									rows.getString(6), instant(rows.getTimestamp(7)), rows.getString(8),
									instant(rows.getTimestamp(9)));
							blockers.add(new BlockingSession(holder, firstWords(rows.getString(11)),
									instant(rows.getTimestamp(10))));
						}
					}
					return new Activity(waitEvent, blockers);
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not look up what the migration session waits for", ex);
			closeConnection();
			return Activity.UNKNOWN;
		}
	}

	/** The first words of a statement, masked; the rest (literals, passwords) never leaves the server. */
	static @Nullable String firstWords(@Nullable String statement) {
		if (statement == null || statement.isBlank()) {
			return null;
		}
		String[] words = statement.strip().split("\\s+", STATEMENT_WORDS + 1);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < Math.min(words.length, STATEMENT_WORDS); i++) {
			text.append((i == 0) ? "" : " ").append(words[i]);
		}
		if (words.length > STATEMENT_WORDS) {
			text.append(" …");
		}
		return Secrets.mask(text.toString());
	}

	private static String seconds(Duration elapsed) {
		long seconds = elapsed.toSeconds();
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * Stops reporting without waiting for a lookup in progress (the migration is done; a slow
	 * lookup must not delay the run): that report is dropped and closes the connection itself.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.task.cancel(false);
		if (this.reporting.tryLock()) {
			try {
				closeConnection();
			}
			finally {
				this.reporting.unlock();
			}
		}
	}

	private void closeConnection() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the progress connection", ex);
			}
			this.connection = null;
		}
	}

	private record Activity(@Nullable String waitEvent, List<BlockingSession> blockedBy) {

		static final Activity UNKNOWN = new Activity(null, List.of());

	}

}
