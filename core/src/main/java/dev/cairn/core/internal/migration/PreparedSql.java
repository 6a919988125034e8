package dev.cairn.core.internal.migration;

import dev.cairn.core.MigrationType;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.internal.sql.Placeholders;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlScriptException;
import dev.cairn.core.internal.sql.SqlScriptParser;

/**
 * A SQL file ready to run: its text (for line numbers in errors) and its parsed statements.
 *
 * @param migration the migration the file belongs to
 * @param name how messages name the file
 * @param text the file's text
 * @param script the parsed directives and statements
 * @param secrets placeholder values to mask wherever its text or the server's answers are shown
 */
public record PreparedSql(Migration migration, String name, String text, SqlScript script, Set<String> secrets)
		implements PreparedMigration {

	public PreparedSql(Migration migration, String name, String text, SqlScript script) {
		this(migration, name, text, script, Set.of());
	}

	/**
	 * The file with its placeholders replaced (unless it says {@code -- cairn:no-placeholders}),
	 * parsed again and checked as it will run. The checksum stays that of the file as written.
	 * @throws InvalidMigrationException naming the file, the line and what to do
	 */
	public PreparedSql substituted(Placeholders placeholders) {
		if (this.script.directives().contains(SqlScript.NO_PLACEHOLDERS)) {
			return this;
		}
		String replaced;
		try {
			replaced = placeholders.substitute(this.text);
		}
		catch (SqlScriptException ex) {
			throw new InvalidMigrationException(this.name + ":" + ex.line() + ": " + ex.getMessage());
		}
		if (replaced == this.text) {
			return this;
		}
		SqlScript parsed;
		try {
			parsed = SqlScriptParser.parse(replaced);
		}
		catch (SqlScriptException ex) {
			throw new InvalidMigrationException(this.name + ":" + ex.line() + ": with its placeholders replaced, "
					+ placeholders.mask(ex.getMessage()) + "; check the placeholder values used there");
		}
		return SqlMigration.checked(new PreparedSql(this.migration, this.name, replaced, parsed, placeholders.secrets()),
				this.name);
	}

	/** The text with the secret placeholder values masked. */
	public @Nullable String mask(@Nullable String text) {
		if (text == null || this.secrets.isEmpty()) {
			return text;
		}
		String masked = text;
		for (String secret : this.secrets) {
			masked = masked.replace(secret, "***");
		}
		return masked;
	}

	@Override
	public MigrationType type() {
		if (this.migration instanceof SnapshotMigration) {
			return MigrationType.SNAPSHOT;
		}
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
