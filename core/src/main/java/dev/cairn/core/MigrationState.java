package dev.cairn.core;

/**
 * The state of one migration after comparing the files with the history table.
 */
public enum MigrationState {

	/** In history and on disk with the same checksum. */
	APPLIED(true, false),

	/** On disk, not in history. */
	PENDING(false, false),

	/** A non-transactional migration failed part-way; history keeps a {@code failed} row. */
	FAILED(false, true),

	/** A non-transactional migration was interrupted; history keeps an {@code in_progress} row. */
	IN_PROGRESS(false, true),

	/** Applied, but the file changed since (checksum mismatch). */
	DRIFTED(true, true),

	/** Applied under another file name or description. */
	RENAMED(true, true),

	/** In history, no longer on disk. */
	MISSING(true, true),

	/** A repeatable migration applied with the file's current checksum. */
	UP_TO_DATE(true, false),

	/** A repeatable migration applied before, changed since: the next run applies it again. */
	OUTDATED(true, false);

	private final boolean applied;

	private final boolean problem;

	MigrationState(boolean applied, boolean problem) {
		this.applied = applied;
		this.problem = problem;
	}

	/** Whether the history table records this migration as applied. */
	public boolean isApplied() {
		return this.applied;
	}

	/** Whether the state needs attention (it may still be tolerated by a policy). */
	public boolean isProblem() {
		return this.problem;
	}

	/** The state as written in logs and JSON: lower case with spaces ({@code in progress}). */
	public String displayName() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

}
