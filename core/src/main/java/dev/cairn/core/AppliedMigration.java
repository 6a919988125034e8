package dev.cairn.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A migration applied by a run.
 *
 * @param version its version, {@code null} for a repeatable migration
 * @param description its description
 * @param script its file name relative to its location
 * @param type how it was applied
 * @param statements how many statements it ran
 * @param duration how long it took, history row included
 */
public record AppliedMigration(@Nullable Version version, String description, String script, MigrationType type,
		int statements, Duration duration) {

}
