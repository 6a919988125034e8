package dev.cairn.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One problem found while validating files or comparing them with history.
 *
 * @param kind what kind of problem
 * @param severity whether it stops the run
 * @param version the version concerned, if any
 * @param files every file involved (location-relative script names)
 * @param message what is wrong, where, and what to do
 */
public record Problem(Kind kind, Severity severity, @Nullable Version version, List<String> files, String message) {

	public Problem {
		files = List.copyOf(files);
	}

	public static Problem error(Kind kind, @Nullable Version version, List<String> files, String message) {
		return new Problem(kind, Severity.ERROR, version, files, message);
	}

	public static Problem warning(Kind kind, @Nullable Version version, List<String> files, String message) {
		return new Problem(kind, Severity.WARNING, version, files, message);
	}

	public boolean isError() {
		return this.severity == Severity.ERROR;
	}

	/**
	 * The problem as one line, for reports: severity, kind and message, passwords masked.
	 * @return the line
	 */
	public String describe() {
		return this.severity + " " + this.kind + ": " + Secrets.mask(this.message);
	}

	@Override
	public String toString() {
		return this.severity + " " + this.kind + ": " + this.message;
	}

	/** Whether a problem stops the run. */
	public enum Severity {

		ERROR, WARNING

	}

	/** The kinds of problem the engine reports. */
	public enum Kind {

		/** A configured location does not exist. */
		MISSING_LOCATION,
		/** A file could not be read. */
		UNREADABLE_FILE,
		/** A {@code .sql} file whose name follows neither layout. */
		UNPARSEABLE_NAME,
		/** Two files with the same version. */
		DUPLICATE_VERSION,
		/** A down or undo file without its up file. */
		ORPHAN_DOWN,
		/** A file that is not valid UTF-8 or not a usable script. */
		INVALID_SCRIPT,
		/** A pending version lower than the highest applied one. */
		GAP,
		/** An applied migration whose file changed. */
		DRIFT,
		/** An applied migration whose file name or description changed. */
		RENAMED,
		/** Applied, no longer on disk, and below the highest version on disk. */
		UNKNOWN,
		/** Applied, not on disk, above the highest version on disk (a newer release ran). */
		FUTURE,
		/** A non-transactional migration was interrupted. */
		IN_PROGRESS,
		/** A non-transactional migration failed part-way. */
		FAILED,
		/** A history row this version of Cairn cannot read. */
		INVALID_HISTORY_ROW,

		/** A pending migration's statement the linter finds risky on a live database (see {@link LintRule}). */
		LINT,

		/**
		 * A classpath folder in a build's output (target/classes, build/resources/main) that
		 * differs from the source folder it is copied from: a file deleted from the sources
		 * (an error), or changed or added there and not copied yet (a warning).
		 */
		STALE_BUILD_OUTPUT,

		/** A location whose files follow more than one layout, or a file that fits two. */
		AMBIGUOUS_LAYOUT,

		/** A registered {@link JavaMigration} that cannot run: bad version, description, checksum or class. */
		INVALID_JAVA_MIGRATION,

		/** Two repeatable migrations with the same name (also if they differ only in case). */
		DUPLICATE_NAME

	}

}
