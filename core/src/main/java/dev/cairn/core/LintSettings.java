package dev.cairn.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * The linter's settings ({@code cairn.lint.*}): a policy per rule ({@link LintPolicy#WARN} unless
 * set) and the size from which a table counts as large for the rules that
 * {@link LintRule#usesCatalog() use the catalog} (and for the dry run's lock report).
 *
 * <p>Every rule warns by default, so adding Cairn's linter never stops a deployment that worked;
 * set the rules that matter to {@code fail} in production profiles.
 *
 * @param policies the policy of each rule set explicitly
 * @param largeTableBytes tables at least this big (heap, indexes and TOAST) are reported when connected
 */
public record LintSettings(Map<LintRule, LintPolicy> policies, long largeTableBytes) {

	/** 10 MiB: a table rewrite or scan below this takes well under a second. */
	public static final long DEFAULT_LARGE_TABLE_BYTES = 10L * 1024 * 1024;

	public static final LintSettings DEFAULTS = new LintSettings(Map.of(), DEFAULT_LARGE_TABLE_BYTES);

	public LintSettings {
		policies = policies.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(policies));
	}

	public LintPolicy policy(LintRule rule) {
		return this.policies.getOrDefault(rule, LintPolicy.WARN);
	}

}
