package dev.cairn.core.internal.migration;

/**
 * A migration that cannot run as it is: not UTF-8, a statement the splitter refuses, a
 * statement that cannot run inside a transaction. The message names the file and line and
 * says what to do.
 */
public final class InvalidMigrationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidMigrationException(String message) {
		super(message);
	}

}
