package dev.cairn.core.internal.sql;

/**
 * A problem in a migration script, found before anything is sent to the database.
 *
 * <p>The message says what is wrong and what to do about it, without the file name: the caller knows
 * the file and prefixes {@code "file:line: "} itself.
 */
public final class SqlScriptException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int line;

	public SqlScriptException(String message, int line) {
		super(message);
		this.line = line;
	}

	/** The 1-based line of the script where the problem is (for unterminated forms: where they start). */
	public int line() {
		return this.line;
	}
}
