package dev.cairn.core.internal.sql;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed migration script: the {@code -- cairn:} directives at its top and its statements, in order.
 *
 * @param directives the directive names given, in lower case, for example {@link #NO_TRANSACTION}
 * @param statements the non-empty statements, in script order
 */
public record SqlScript(Set<String> directives, List<SqlStatement> statements) {

	/** Run the statements one by one, each committed on its own, instead of in one transaction. */
	public static final String NO_TRANSACTION = "no-transaction";

	/** Leave {@code ${...}} in the file as it is: no placeholder is replaced. */
	public static final String NO_PLACEHOLDERS = "no-placeholders";

	/** Every directive name Cairn understands; any other {@code -- cairn:} name is a typo and an error. */
	public static final Set<String> KNOWN_DIRECTIVES = Set.of(NO_TRANSACTION, NO_PLACEHOLDERS);

	public SqlScript {
		directives = Set.copyOf(directives);
		statements = List.copyOf(statements);
	}

	/** No statements at all: an empty or comment-only file, which is a valid migration that does nothing. */
	public boolean isEmpty() {
		return this.statements.isEmpty();
	}

	/** Whether the script runs in one transaction, which is the default. */
	public boolean transactional() {
		return !this.directives.contains(NO_TRANSACTION);
	}

	/** The first statement PostgreSQL refuses inside a transaction block, if any. */
	public Optional<SqlStatement> firstRequiringNoTransaction() {
		return this.statements.stream().filter(SqlStatement::requiresNoTransaction).findFirst();
	}
}
