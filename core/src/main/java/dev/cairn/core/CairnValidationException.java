package dev.cairn.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The files, or the files compared with history, have problems that stop the run. Nothing
 * was applied. Every problem is listed, not just the first.
 */
public class CairnValidationException extends CairnException {

	private static final long serialVersionUID = 1L;

	private final String track;

	private final transient List<Problem> problems;

	public CairnValidationException(String track, List<Problem> problems) {
		super(describe(track, problems));
		this.track = track;
		this.problems = List.copyOf(problems);
	}

	/**
	 * Stops a run whose problems include an error; warnings alone let it go on.
	 * @throws CairnValidationException listing every problem
	 */
	public static void throwIfErrors(String track, List<Problem> problems) {
		for (Problem problem : problems) {
			if (problem.isError()) {
				throw new CairnValidationException(track, problems);
			}
		}
	}

	private static String describe(String track, List<Problem> problems) {
		List<Problem> errors = problems.stream().filter(Problem::isError).toList();
		return "Track '" + track + "': " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
				+ " found before applying anything; nothing was changed:\n"
				+ errors.stream().map((problem) -> "  - " + problem.message()).collect(Collectors.joining("\n"));
	}

	public String track() {
		return this.track;
	}

	/** Every problem, warnings included. */
	public List<Problem> problems() {
		return this.problems;
	}

}
