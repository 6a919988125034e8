package dev.cairn.core.internal.migration;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * One versioned migration, whatever it is made of: a SQL script on disk ({@link SqlMigration})
 * or a registered Java class ({@link JavaClassMigration}). The planner compares migrations
 * with history through this type alone; reading and checking what a kind needs to run is the
 * kind's own job ({@link #prepare()}), and each kind has its applier.
 */
public sealed interface Migration permits SqlMigration, JavaClassMigration, RepeatableMigration, SnapshotMigration {

	/** The version; {@code null} for a {@link RepeatableMigration}, which has a name instead. */
	@Nullable Version version();

	/** The description, from the file name or the class. */
	String description();

	/** What the history table records as the migration's script: a file name relative to its location. */
	String script();

	/** How messages name the migration: the file with its location. */
	String displayName();

	/** The name history compares to detect a rename: the file name without its folder. */
	String identity();

	/** The checksum history compares to detect drift. */
	String checksum();

	/** Whether the migration can be undone. */
	boolean undoable();

	/** How messages name what undoes it, or {@code null} when nothing does. */
	@Nullable String undoName();

	/**
	 * Reads and checks everything applying needs, before anything runs.
	 * @throws InvalidMigrationException naming the file, the line and what to do
	 */
	PreparedMigration prepare();

	/**
	 * Reads and checks what undoing needs.
	 * @throws InvalidMigrationException naming the file, the line and what to do
	 * @throws IllegalStateException if the migration is not {@link #undoable()}
	 */
	PreparedMigration prepareUndo();

}
