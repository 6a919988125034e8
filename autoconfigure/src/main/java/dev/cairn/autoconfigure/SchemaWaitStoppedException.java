package dev.cairn.autoconfigure;

import dev.cairn.core.CairnException;

/**
 * The application was shut down while {@code cairn.mode=validate} waited for another instance
 * to apply pending migrations. Nothing was changed.
 */
public class SchemaWaitStoppedException extends CairnException {

	private static final long serialVersionUID = 1L;

	private final String track;

	private final long pending;

	public SchemaWaitStoppedException(String track, long pending) {
		super("Track '" + track + "': stopped waiting for " + pending + " pending migration" + ((pending == 1) ? "" : "s")
				+ " (cairn.mode=validate) because the application is shutting down");
		this.track = track;
		this.pending = pending;
	}

	public String track() {
		return this.track;
	}

	/** How many migrations were still pending at the last check. */
	public long pending() {
		return this.pending;
	}

}
