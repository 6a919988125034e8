package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.time.Instant;

import dev.cairn.core.JavaMigrationContext;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Version;

/**
 * The context one run of a Java migration's {@code migrate} or {@code undo} gets: its guarded
 * connection, and progress reports passed on to the listeners at most every
 * {@value #PROGRESS_INTERVAL_MILLIS} ms (the first and the final one always).
 */
public final class JavaContext implements JavaMigrationContext {

	static final long PROGRESS_INTERVAL_MILLIS = 250;

	private final GuardedConnection connection;

	private final boolean inTransaction;

	private final boolean dryRun;

	private final String track;

	private final Version version;

	private final String script;

	private final MigrationListener listener;

	private final dev.cairn.core.JavaMigrationScope scope;

	private long lastReport = Long.MIN_VALUE;

	private long lastDone = -1;

	JavaContext(Connection connection, boolean inTransaction, boolean dryRun, String track, Version version,
			String script, MigrationListener listener, dev.cairn.core.JavaMigrationScope scope) {
		this.scope = scope;
		this.connection = new GuardedConnection(connection, inTransaction, "Java migration " + script);
		this.inTransaction = inTransaction;
		this.dryRun = dryRun;
		this.track = track;
		this.version = version;
		this.script = script;
		this.listener = listener;
	}

	@Override
	public Connection connection() {
		return this.connection.connection();
	}

	@Override
	public boolean inTransaction() {
		return this.inTransaction;
	}

	@Override
	public boolean dryRun() {
		return this.dryRun;
	}

	@Override
	public String track() {
		return this.track;
	}

	@Override
	public Version version() {
		return this.version;
	}

	@Override
	public synchronized void progress(long done, long total) {
		if (done < 0 || total < -1) {
			throw new IllegalArgumentException("progress(" + done + ", " + total + "): done must not be negative and"
					+ " total must be at least -1 (unknown)");
		}
		long now = System.nanoTime();
		boolean last = total >= 0 && done >= total;
		if (!last && this.lastReport != Long.MIN_VALUE && now - this.lastReport < PROGRESS_INTERVAL_MILLIS * 1_000_000) {
			return;
		}
		if (last && done == this.lastDone) {
			return;
		}
		this.lastReport = now;
		this.lastDone = done;
		this.listener.migrationProgress(new MigrationListener.MigrationProgress(this.track, this.version, this.script,
				done, total, Instant.now()));
	}

	dev.cairn.core.JavaMigrationScope scope() {
		return this.scope;
	}

	GuardedConnection guard() {
		return this.connection;
	}

}
