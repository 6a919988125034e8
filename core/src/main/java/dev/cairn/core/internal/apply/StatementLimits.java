package dev.cairn.core.internal.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.LockWaitSettings;
import dev.cairn.core.internal.sql.SqlScript;

/**
 * The lock and statement timeouts one file runs with and how often it is tried: the track's
 * {@link LockWaitSettings}, overridden by the file's {@code -- cairn:lock-timeout},
 * {@code -- cairn:statement-timeout} and {@code -- cairn:max-attempts}.
 *
 * <p>They are set before the file's first statement, so a {@code SET lock_timeout} of the file's
 * own (or in a function it calls) wins from there on; in a transaction as {@code SET LOCAL}, gone
 * at its end, and without one at session level, put back by the restore that precedes the next
 * history write. Either way nothing outlives the file.
 *
 * @param lockTimeout the {@code lock_timeout}; zero waits forever
 * @param statementTimeout the {@code statement_timeout}, or null to leave the session's
 * @param maxAttempts attempts in all when a statement times out on a lock
 * @param settings where the values come from, for the pauses
 */
public record StatementLimits(Duration lockTimeout, @Nullable Duration statementTimeout, int maxAttempts,
		LockWaitSettings settings) {

	public static StatementLimits of(LockWaitSettings track, SqlScript script) {
		Duration lockTimeout = script.duration(SqlScript.LOCK_TIMEOUT);
		Duration statementTimeout = script.duration(SqlScript.STATEMENT_TIMEOUT);
		Integer attempts = script.maxAttempts();
		return new StatementLimits((lockTimeout != null) ? lockTimeout : track.lockTimeout(),
				(statementTimeout != null) ? statementTimeout : track.statementTimeout(),
				(attempts != null) ? attempts : track.maxAttempts(), track);
	}

	/** The {@code SET}s, {@code SET LOCAL} inside a transaction. */
	public List<String> prelude(boolean local) {
		String set = local ? "SET LOCAL " : "SET ";
		List<String> prelude = new ArrayList<>(2);
		prelude.add(set + "lock_timeout = '" + this.lockTimeout.toMillis() + "ms'");
		if (this.statementTimeout != null) {
			prelude.add(set + "statement_timeout = '" + this.statementTimeout.toMillis() + "ms'");
		}
		return prelude;
	}

	Duration pauseBefore(int attempt) {
		return this.settings.pauseBefore(attempt);
	}

	/** "5 s" or "500 ms", for messages. */
	String lockTimeoutText() {
		long millis = this.lockTimeout.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
