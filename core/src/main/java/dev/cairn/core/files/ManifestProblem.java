package dev.cairn.core.files;

import java.util.List;

/**
 * What is wrong between a migrations folder and its manifest.
 *
 * @param kind what kind of problem
 * @param files the files involved, relative to the folder
 * @param message what is wrong and what to do
 */
public record ManifestProblem(Kind kind, List<String> files, String message) {

	public ManifestProblem {
		files = List.copyOf(files);
	}

	/** The kinds of problem. */
	public enum Kind {

		/** A file could not be read or its name follows neither layout. */
		UNREADABLE,
		/** A listed file whose content changed. */
		EDITED,
		/** A listed file that is gone while an unlisted file has its version. */
		RENAMED,
		/** A listed file that is gone. */
		REMOVED,
		/** Two files applying (or undoing) the same version. */
		DUPLICATE_VERSION,
		/** A file not listed yet whose version is below the highest listed one, not marked. */
		LATE,
		/** A listed file below a version listed before it, not marked late (a hand-merged manifest). */
		OUT_OF_ORDER

	}

}
