package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a track's migration statements wait for table locks ({@code cairn.lock-wait.*}): a
 * {@code lock_timeout} on every statement, an optional {@code statement_timeout}, and how often
 * a migration that gave up waiting (SQLSTATE 55P03) is tried again. A file overrides them with
 * {@code -- cairn:lock-timeout}, {@code -- cairn:statement-timeout} and {@code -- cairn:max-attempts}.
 *
 * <p>Why a lock timeout is on by default: an {@code ALTER TABLE} that queues behind one long
 * transaction holds its place in the lock queue, and every later query on the table, reads
 * included, queues behind it; without a limit the application stalls for as long as that
 * transaction lasts. With {@link #DEFAULT_LOCK_TIMEOUT 5 seconds} the stall is bounded by five
 * seconds per attempt, long enough for the locks of ordinary short transactions to come free.
 * The migration is then rolled back and tried again after a pause that lets the queue drain.
 *
 * @param lockTimeout how long one statement waits for a lock; zero waits forever
 * @param statementTimeout how long one statement may run; {@code null} or zero for no limit
 * @param maxAttempts how often a migration is tried in all when it times out on a lock (1 = never again)
 * @param backoff the pause before the second attempt; it doubles for each further attempt, up to
 *     {@link #MAX_BACKOFF}
 */
public record LockWaitSettings(Duration lockTimeout, @Nullable Duration statementTimeout, int maxAttempts,
		Duration backoff) {

	/** Long enough for ordinary transactions' locks to come free, short enough for users not to notice. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

	/** Five attempts: with the default pauses a migration keeps trying for about a minute. */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);

	/** The longest pause between two attempts. */
	public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

	public static final LockWaitSettings DEFAULTS = new LockWaitSettings(DEFAULT_LOCK_TIMEOUT, null,
			DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF);

	private static final Duration LONGEST = Duration.ofHours(24);

	/** The pause before attempt {@code attempt} (2 or more): the backoff, doubled for each attempt after the second. */
	public Duration pauseBefore(int attempt) {
		Duration pause = this.backoff;
		for (int i = 2; i < attempt && pause.compareTo(MAX_BACKOFF) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : pause;
	}

	/** What is wrong with these values, named after the builder's setters; empty when they are fine. */
	List<String> mistakes() {
		List<String> mistakes = new ArrayList<>();
		checkDuration("statementLockTimeout", this.lockTimeout, "PT5S", mistakes);
		if (this.statementTimeout != null) {
			checkDuration("statementTimeout", this.statementTimeout, "PT10M", mistakes);
		}
		if (this.maxAttempts < 1 || this.maxAttempts > 100) {
			mistakes.add("lockRetryAttempts " + this.maxAttempts + " is out of range: use 1 (try once, never again) to 100");
		}
		checkDuration("lockRetryBackoff", this.backoff, "PT2S", mistakes);
		return mistakes;
	}

	private static void checkDuration(String name, @Nullable Duration value, String example, List<String> mistakes) {
		if (value == null) {
			mistakes.add(name + " is not set: use a duration such as " + example);
		}
		else if (value.isNegative()) {
			mistakes.add(name + " " + value + " is negative: use a duration such as " + example + ", or zero for no limit");
		}
		else if (value.compareTo(LONGEST) > 0) {
			mistakes.add(name + " " + value + " is longer than " + LONGEST + ": a statement that waits that long is stuck;"
					+ " use zero for no limit");
		}
		else if (!value.isZero() && value.toMillis() == 0) {
			mistakes.add(name + " " + value + " is shorter than a millisecond, PostgreSQL's unit: use at least PT0.001S");
		}
	}

}
