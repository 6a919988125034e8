package dev.cairn.core;

/** What a linter rule's findings do to a run. */
public enum LintPolicy {

	/** The rule does not run. */
	OFF,

	/** Findings are logged and reported; the run goes on. */
	WARN,

	/** A finding stops the run before anything is applied, unless a {@code -- cairn:lint-ignore} accepts it. */
	FAIL

}
