package dev.cairn.core.plan;

import dev.cairn.core.MigrationType;
import dev.cairn.core.scan.ResolvedMigration;
import dev.cairn.core.sql.SqlScript;

/**
 * A migration the plan will apply, with its script already parsed and checked.
 *
 * @param migration the files
 * @param text the up file's text
 * @param script the parsed statements and directives
 * @param gap whether it is below the highest applied version
 * @param recovery whether a crashed run left it in progress and it is retried after clean-up
 */
public record PendingMigration(ResolvedMigration migration, String text, SqlScript script, boolean gap,
		boolean recovery) {

	public MigrationType type() {
		return this.script.transactional() ? MigrationType.SQL : MigrationType.SQL_NO_TRANSACTION;
	}

}
