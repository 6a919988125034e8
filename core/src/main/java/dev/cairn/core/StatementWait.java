package dev.cairn.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a migration statement is waiting for, read from {@code pg_locks} and
 * {@code pg_blocking_pids()} while it waits: the lock it queues for and the sessions ahead of it.
 * A blocker's statement is named by its first words only, never its constants (they may be
 * passwords), and masked by {@link Secrets} as well.
 *
 * @param lock what is locked: a table's name ({@code public.orders}), or {@code transaction} when it
 *     waits for another transaction to end (a row lock, or {@code CREATE INDEX CONCURRENTLY} waiting for
 *     older transactions)
 * @param mode the mode it asks for, as {@code pg_locks} names it ({@code AccessExclusiveLock})
 * @param blockers the sessions it waits behind, at most five
 */
public record StatementWait(String lock, String mode, List<Blocker> blockers) {

	public StatementWait {
		blockers = List.copyOf(blockers);
	}

	/** One line for logs: "AccessExclusiveLock on public.orders behind pid 4711 (application 'orders-api', ...)". */
	public String describe() {
		StringBuilder text = new StringBuilder(this.mode).append(" on ").append(this.lock);
		if (this.blockers.isEmpty()) {
			return text.append(" (the blocking session ended or is not visible to this user)").toString();
		}
		text.append(" behind ");
		for (int i = 0; i < this.blockers.size(); i++) {
			text.append((i == 0) ? "" : "; ").append(this.blockers.get(i).describe());
		}
		return text.toString();
	}

	/**
	 * A session ahead of the waiting statement.
	 *
	 * @param pid its backend's process id
	 * @param applicationName its {@code application_name}
	 * @param user its database user
	 * @param state its state ({@code active}, {@code idle in transaction}, ...)
	 * @param queryStart when its current (or, when idle, last) statement started
	 * @param statement the first words of that statement, masked; empty when not visible to this user
	 */
	public record Blocker(int pid, @Nullable String applicationName, @Nullable String user, @Nullable String state,
			@Nullable Instant queryStart, String statement) {

		public String describe() {
			StringBuilder text = new StringBuilder("pid ").append(this.pid);
			if (this.applicationName != null && !this.applicationName.isEmpty()) {
				text.append(" (application '").append(this.applicationName).append("')");
			}
			if (this.user != null) {
				text.append(", user ").append(this.user);
			}
			if (this.state != null) {
				text.append(", ").append(this.state);
			}
			if (this.queryStart != null) {
				text.append(", statement started ").append(this.queryStart);
			}
			if (!this.statement.isEmpty()) {
				text.append(": ").append(this.statement).append(" ...");
			}
			return text.toString();
		}

	}

}
