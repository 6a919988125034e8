package dev.cairn.core;

import org.jspecify.annotations.Nullable;

/**
 * A migration failed while being applied. For a transactional migration nothing of it
 * remains; earlier migrations of the run stay applied.
 */
public class MigrationFailedException extends CairnException {

	private static final long serialVersionUID = 1L;

	private final String track;

	private final @Nullable Version version;

	private final String script;

	private final int line;

	private final @Nullable String sqlState;

	private final @Nullable String serverMessage;

	private final boolean leftTrace;

	public MigrationFailedException(String message, String track, @Nullable Version version, String script, int line,
			@Nullable String sqlState, @Nullable String serverMessage, boolean leftTrace, @Nullable Throwable cause) {
		super(message, cause);
		this.track = track;
		this.version = version;
		this.script = script;
		this.line = line;
		this.sqlState = sqlState;
		this.serverMessage = serverMessage;
		this.leftTrace = leftTrace;
	}

	public String track() {
		return this.track;
	}

	/** The version, {@code null} for a repeatable migration. */
	public @Nullable Version version() {
		return this.version;
	}

	/** The failing file, as shown in messages (location and name). */
	public String script() {
		return this.script;
	}

	/** The 1-based line in the file where the failing statement or position is, 0 if unknown. */
	public int line() {
		return this.line;
	}

	/** PostgreSQL's SQLSTATE, if the server reported the failure. */
	public @Nullable String sqlState() {
		return this.sqlState;
	}

	/** PostgreSQL's own message, if the server reported the failure. */
	public @Nullable String serverMessage() {
		return this.serverMessage;
	}

	/**
	 * Whether the failure left a {@code failed} history row (a non-transactional migration
	 * that had changed something) that needs attention before the next run.
	 */
	public boolean leftTrace() {
		return this.leftTrace;
	}

}
