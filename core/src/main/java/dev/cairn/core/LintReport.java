package dev.cairn.core;

import java.util.List;

/**
 * What the linter found over a folder of migrations, offline ({@link Cairn#lint}).
 *
 * @param findings every finding, in version order
 * @param problems files that could not be linted (bad names, unreadable, unparseable) and unknown
 *     rules in {@code -- cairn:lint-ignore}
 */
public record LintReport(List<LintFinding> findings, List<Problem> problems) {

	public LintReport {
		findings = List.copyOf(findings);
		problems = List.copyOf(problems);
	}

	/** Whether a run would stop: a failing finding nothing accepts, or a file problem. */
	public boolean failed() {
		return this.findings.stream().anyMatch(LintFinding::stopsRun) || this.problems.stream().anyMatch(Problem::isError);
	}

}
