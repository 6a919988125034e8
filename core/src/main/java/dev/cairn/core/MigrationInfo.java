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
 * @param appliedAt when it was applied, if it was
 * @param appliedBy who applied it, if it was
 * @param executionTime how long applying it took, if it was applied
 * @param gap whether it is pending below the highest applied version
 * @param undoable whether a down file exists for it
 * @param error the recorded error of a failed non-transactional migration
 * @param appliedOrder the order history rows were written in; rollback undoes the highest first
 */
public record MigrationInfo(@Nullable Version version, String description, String script, MigrationType type,
		MigrationState state, @Nullable String checksum, @Nullable Instant appliedAt, @Nullable String appliedBy,
		@Nullable Duration executionTime, boolean gap, boolean undoable, @Nullable String error,
		@Nullable Long appliedOrder) {

}
