package dev.cairn.core.internal.migration;

import dev.cairn.core.MigrationType;

/**
 * A migration read and checked, ready for its kind's applier.
 */
public sealed interface PreparedMigration permits PreparedSql, PreparedJava {

	Migration migration();

	/** How it is applied, as history records it. */
	MigrationType type();

	/** How many statements (or steps) it runs. */
	int statementCount();

}
