package dev.cairn.core.files;

/**
 * A manifest that cannot be read: the message names the manifest, the line and what to do.
 */
public final class ManifestFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int line;

	ManifestFormatException(String source, int line, String reason) {
		super(source + ":" + line + ": " + reason);
		this.line = line;
	}

	/** The line that could not be read, from 1. */
	public int line() {
		return this.line;
	}

}
