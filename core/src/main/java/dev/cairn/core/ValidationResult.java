package dev.cairn.core;

import java.util.List;

/**
 * What {@link Cairn#validate()} found: every problem in the files and against history, and
 * how many migrations are pending.
 *
 * @param problems errors and warnings
 * @param pending how many migrations would be applied
 */
public record ValidationResult(List<Problem> problems, int pending) {

	public ValidationResult {
		problems = List.copyOf(problems);
	}

	/** Whether a migrate run would start applying (no errors). */
	public boolean isValid() {
		return this.problems.stream().noneMatch(Problem::isError);
	}

}
