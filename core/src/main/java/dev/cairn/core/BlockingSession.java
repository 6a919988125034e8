package dev.cairn.core;

import org.jspecify.annotations.Nullable;

/**
 * A session holding a lock a running migration waits for.
 *
 * @param session who it is, from {@code pg_stat_activity}
 * @param statement the first words of its current or last statement, masked by {@link Secrets},
 * never the whole text (it may carry a password); {@code null} when not visible to this user
 * @param transactionSince when its open transaction began, if one is open
 */
public record BlockingSession(LockHolder session, @Nullable String statement,
		java.time.@Nullable Instant transactionSince) {

	/** One line for logs and messages. */
	public String describe() {
		StringBuilder text = new StringBuilder(this.session.describe());
		if (this.transactionSince != null) {
			text.append(", in a transaction since ").append(this.transactionSince);
		}
		if (this.statement != null && !this.statement.isEmpty()) {
			text.append(", statement '").append(this.statement).append("'");
		}
		return text.toString();
	}

}
