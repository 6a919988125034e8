package dev.cairn.core;

/**
 * What the engine does when the plan finds a particular kind of problem.
 */
public enum ValidationPolicy {

	/** Stop before anything is applied and report the problem. */
	FAIL,

	/** Report the problem as a warning and carry on. */
	WARN,

	/** Carry on without a warning; the problem is still visible in {@link Cairn#status()}. */
	IGNORE

}
