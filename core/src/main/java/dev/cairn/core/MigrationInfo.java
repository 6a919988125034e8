package dev.cairn.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration as {@link Cairn#status()} sees it: what is on disk merged with what history
 * records.
 *
 * @param version the version ({@code null} for a repeatable file)
 * @param description the description (from the file, or from history if the file is gone)
 * @param script the file name relative to its location, or as history recorded it
 * @param type how it is (or would be) applied
 * @param state its state
 * @param checksum the checksum on disk, or the recorded one if the file is gone
 * @param gap whether it is pending below the highest applied version
 * @param undoable whether a down file exists for it
 * @param recorded what history records of it, {@code null} when it has no history row
 */
public record MigrationInfo(@Nullable Version version, String description, String script, MigrationType type,
		MigrationState state, @Nullable String checksum, boolean gap, boolean undoable, @Nullable Recorded recorded) {

	/**
	 * A migration not in history (pending, or a file Cairn does not apply).
	 */
	public static MigrationInfo unrecorded(@Nullable Version version, String description, String script,
			MigrationType type, MigrationState state, @Nullable String checksum, boolean gap, boolean undoable) {
		return new MigrationInfo(version, description, script, type, state, checksum, gap, undoable, null);
	}

	/** When it was applied, if history has a row for it. */
	public @Nullable Instant appliedAt() {
		return (this.recorded != null) ? this.recorded.at() : null;
	}

	/** Who applied it, if history has a row for it. */
	public @Nullable String appliedBy() {
		return (this.recorded != null) ? this.recorded.by() : null;
	}

	/** How long applying it took, if recorded. */
	public @Nullable Duration executionTime() {
		return (this.recorded != null) ? this.recorded.executionTime() : null;
	}

	/** The recorded error of a failed non-transactional migration. */
	public @Nullable String error() {
		return (this.recorded != null) ? this.recorded.error() : null;
	}

	/** The order history rows were written in; rollback undoes the highest first. */
	public @Nullable Long appliedOrder() {
		return (this.recorded != null) ? this.recorded.order() : null;
	}

	/**
	 * What a history row records.
	 *
	 * @param at when it was applied (or started, while in progress)
	 * @param by who applied it
	 * @param executionTime how long it took, when it finished
	 * @param error why a non-transactional migration failed
	 * @param order the order rows were written in
	 */
	public record Recorded(Instant at, String by, @Nullable Duration executionTime, @Nullable String error,
			long order) {

	}

}
