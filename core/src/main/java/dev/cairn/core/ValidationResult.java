package dev.cairn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Cairn#validate()} found: every problem in the files and against history, and
 * how many migrations are pending.
 *
 * @param track the track's name
 * @param problems errors and warnings
 * @param pending how many migrations would be applied
 */
public record ValidationResult(String track, List<Problem> problems, int pending) implements OperationReport {

	public ValidationResult {
		problems = List.copyOf(problems);
	}

	/** Whether a migrate run would start applying (no errors). */
	public boolean isValid() {
		return this.problems.stream().noneMatch(Problem::isError);
	}

	/** Whether there is no error: the same as {@link #isValid()}. */
	@Override
	public boolean succeeded() {
		return isValid();
	}

	/** Every problem, then whether the history is valid and how many migrations are pending. */
	@Override
	public List<String> sentences() {
		List<String> sentences = new ArrayList<>();
		this.problems.forEach((problem) -> sentences.add(problem.describe()));
		sentences.add((isValid() ? "valid" : "not valid") + ": " + this.pending + " migration"
				+ ((this.pending == 1) ? "" : "s") + " pending");
		return sentences;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.validation(this);
	}

}
