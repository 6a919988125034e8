package dev.cairn.core.internal.sql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A parsed migration script: the {@code -- cairn:} directives at its top and its statements, in order.
 *
 * @param directives the directive names given, in lower case, for example {@link #NO_TRANSACTION}
 * @param statements the non-empty statements, in script order
 * @param settings the values of the directives that carry one ({@link #LOCK_TIMEOUT},
 *     {@link #STATEMENT_TIMEOUT}, {@link #MAX_ATTEMPTS}), checked and normalised by the parser
 * @param suppressions the {@code -- cairn:lint-ignore} comments, for the whole file or one statement
 */
public record SqlScript(Set<String> directives, List<SqlStatement> statements, Map<String, String> settings,
		List<Suppression> suppressions) {

	/** Run the statements one by one, each committed on its own, instead of in one transaction. */
	public static final String NO_TRANSACTION = "no-transaction";

	/** Leave {@code ${...}} in the file as it is: no placeholder is replaced. */
	public static final String NO_PLACEHOLDERS = "no-placeholders";

	/** Every directive name Cairn understands; any other {@code -- cairn:} name is a typo and an error. */
	public static final Set<String> KNOWN_DIRECTIVES = Set.of(NO_TRANSACTION, NO_PLACEHOLDERS);

	/** {@code -- cairn:lock-timeout 30s}: the file's statements wait this long for a lock (0 = forever). */
	public static final String LOCK_TIMEOUT = "lock-timeout";

	/** {@code -- cairn:statement-timeout 10min}: the file's statements run at most this long (0 = no limit). */
	public static final String STATEMENT_TIMEOUT = "statement-timeout";

	/** {@code -- cairn:max-attempts 1}: how often the file is tried when it times out on a lock. */
	public static final String MAX_ATTEMPTS = "max-attempts";

	/** {@code -- cairn:lint-ignore RULE REASON}: a linter finding on the next statement accepted, with why. */
	public static final String LINT_IGNORE = "lint-ignore";

	/** {@code -- cairn:lint-ignore-file RULE REASON}, in the directive block: accepted for every statement. */
	public static final String LINT_IGNORE_FILE = "lint-ignore-file";

	/** The directives that carry a value after their name. */
	public static final Set<String> VALUE_DIRECTIVES = Set.of(LOCK_TIMEOUT, STATEMENT_TIMEOUT, MAX_ATTEMPTS);

	public SqlScript {
		directives = Set.copyOf(directives);
		statements = List.copyOf(statements);
		settings = Map.copyOf(settings);
		suppressions = List.copyOf(suppressions);
	}

	public SqlScript(Set<String> directives, List<SqlStatement> statements) {
		this(directives, statements, Map.of(), List.of());
	}

	/** A duration directive's value ({@link #LOCK_TIMEOUT}, {@link #STATEMENT_TIMEOUT}), if the file gives it. */
	public @Nullable Duration duration(String directive) {
		String value = this.settings.get(directive);
		return (value != null) ? Duration.ofMillis(Long.parseLong(value)) : null;
	}

	/** {@link #MAX_ATTEMPTS} if the file gives it. */
	public @Nullable Integer maxAttempts() {
		String value = this.settings.get(MAX_ATTEMPTS);
		return (value != null) ? Integer.valueOf(value) : null;
	}

	/**
	 * A {@code -- cairn:lint-ignore RULE REASON} comment.
	 * @param rule the rule's name as written (checked by the linter, which knows the rules)
	 * @param reason why the finding is accepted; never empty
	 * @param line where the comment is
	 * @param statement the index of the statement it applies to, or -1 for the whole file (a comment before
	 *     the first statement, in the directive block)
	 */
	public record Suppression(String rule, String reason, int line, int statement) {
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
