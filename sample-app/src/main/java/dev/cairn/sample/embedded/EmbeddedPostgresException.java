package dev.cairn.sample.embedded;

/**
 * The embedded PostgreSQL could not be started; says why and what to do instead.
 */
public class EmbeddedPostgresException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	public EmbeddedPostgresException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/** What the user can do about it, for the start-up failure report. */
	public String action() {
		return this.action;
	}

}
