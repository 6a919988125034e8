package dev.cairn.core;

import org.jspecify.annotations.Nullable;

/**
 * One statement the linter found risky.
 *
 * @param file the migration file (as the run names it)
 * @param line the statement's line (of the risky part, where it can tell)
 * @param rule the rule
 * @param policy what the finding does: {@link LintPolicy#WARN} or {@link LintPolicy#FAIL}
 * @param detail what it found, naming the table and, when known, its size
 * @param acceptedBecause the reason of the {@code -- cairn:lint-ignore} that accepts it; null when none does
 */
public record LintFinding(String file, int line, LintRule rule, LintPolicy policy, String detail,
		@Nullable String acceptedBecause) {

	/** Whether the finding stops a run: its rule fails and nothing accepts it. */
	public boolean stopsRun() {
		return this.policy == LintPolicy.FAIL && this.acceptedBecause == null;
	}

	/** One message: where, what, why and the safer pattern (or why it was accepted). */
	public String describe() {
		StringBuilder text = new StringBuilder(this.file).append(':').append(this.line).append(": ")
			.append(this.rule.id()).append(": ").append(this.detail).append(": ").append(this.rule.why())
			.append(". Safer: ").append(this.rule.safer()).append('.');
		if (this.acceptedBecause != null) {
			text.append(" Accepted (-- cairn:lint-ignore): ").append(this.acceptedBecause);
		}
		else {
			text.append(" To accept it, put -- cairn:lint-ignore ").append(this.rule.id())
				.append(" <reason> above the statement.");
		}
		return text.toString();
	}

}
