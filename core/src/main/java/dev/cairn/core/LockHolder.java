package dev.cairn.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The session holding a track's migration lock, from {@code pg_locks} and
 * {@code pg_stat_activity}. Its statement text is deliberately left out: it could carry a
 * password ({@code ALTER ROLE ... PASSWORD}) into logs and messages.
 *
 * @param pid the backend's process id
 * @param applicationName its {@code application_name}
 * @param user its database user
 * @param clientAddress where it connects from ({@code null} for a local socket)
 * <p>PostgreSQL does not record when a session took an advisory lock, so neither time here is
 * the lock's: the holder has held it at most since it connected.
 *
 * @param connectedSince when its connection started ({@code backend_start})
 * @param state its state ({@code active}, {@code idle}, ...)
 * @param stateSince when it entered that state ({@code state_change}), not when it took the lock
 */
public record LockHolder(int pid, @Nullable String applicationName, @Nullable String user,
		@Nullable String clientAddress, @Nullable Instant connectedSince, @Nullable String state,
		@Nullable Instant stateSince) {

	/** One line for logs and messages. */
	public String describe() {
		StringBuilder text = new StringBuilder("pid ").append(this.pid);
		if (this.applicationName != null && !this.applicationName.isEmpty()) {
			text.append(" (application '").append(this.applicationName).append("')");
		}
		if (this.user != null) {
			text.append(", user ").append(this.user);
		}
		if (this.clientAddress != null) {
			text.append(", from ").append(this.clientAddress);
		}
		if (this.connectedSince != null) {
			text.append(", connected since ").append(this.connectedSince);
		}
		if (this.state != null) {
			text.append(", ").append(this.state);
			if (this.stateSince != null) {
				text.append(" since ").append(this.stateSince);
			}
		}
		return text.toString();
	}

}
