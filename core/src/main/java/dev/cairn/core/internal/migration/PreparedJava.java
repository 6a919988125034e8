package dev.cairn.core.internal.migration;

import dev.cairn.core.MigrationType;

/**
 * A Java migration ready for its applier: nothing to read in advance, the class is the script.
 *
 * @param migration the migration
 * @param undo whether its {@code undo} runs rather than its {@code migrate}
 */
public record PreparedJava(JavaClassMigration migration, boolean undo) implements PreparedMigration {

	@Override
	public MigrationType type() {
		return this.migration.type();
	}

	/** One step: the class's method. */
	@Override
	public int statementCount() {
		return 1;
	}

}
