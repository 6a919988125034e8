package dev.cairn.core.internal.lint;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.LintRule;

/**
 * What one statement does that a rule is about, before scope, catalog, policy and suppressions
 * are looked at.
 *
 * @param rule the rule
 * @param table the table concerned as written (lower-cased unless quoted), null when none is named
 * @param detail what was found, for the message
 * @param line the line within the statement (1 = its first)
 * @param column the column concerned, for the rules about one column; otherwise null
 */
record Hit(LintRule rule, @Nullable String table, String detail, int line, @Nullable String column) {

	Hit(LintRule rule, @Nullable String table, String detail, int line) {
		this(rule, table, detail, line, null);
	}

}
