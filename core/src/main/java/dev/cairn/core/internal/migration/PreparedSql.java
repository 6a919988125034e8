package dev.cairn.core.internal.migration;

import dev.cairn.core.MigrationType;
import dev.cairn.core.internal.sql.SqlScript;

/**
 * A SQL file ready to run: its text (for line numbers in errors) and its parsed statements.
 *
 * @param migration the migration the file belongs to
 * @param name how messages name the file
 * @param text the file's text
 * @param script the parsed directives and statements
 */
public record PreparedSql(Migration migration, String name, String text, SqlScript script)
		implements PreparedMigration {

	@Override
	public MigrationType type() {
		if (this.migration instanceof RepeatableMigration) {
			return MigrationType.REPEATABLE_SQL;
		}
		return this.script.transactional() ? MigrationType.SQL : MigrationType.SQL_NO_TRANSACTION;
	}

	@Override
	public int statementCount() {
		return this.script.statements().size();
	}

}
