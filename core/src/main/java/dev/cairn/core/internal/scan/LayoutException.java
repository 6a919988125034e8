package dev.cairn.core.internal.scan;

/**
 * A file that does not follow its location's layout: a name the layout cannot read, or a section
 * marker out of place.
 */
public final class LayoutException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int line;

	private final boolean content;

	private LayoutException(String message, int line, boolean content) {
		super(message);
		this.line = line;
		this.content = content;
	}

	/** The name does not follow the layout. */
	static LayoutException name(String message) {
		return new LayoutException(message, 0, false);
	}

	/** The content does not follow the layout, at a line (1-based). */
	static LayoutException content(String message, int line) {
		return new LayoutException(message, line, true);
	}

	/** The 1-based line the problem is on, 0 for a problem with the name. */
	public int line() {
		return this.line;
	}

	/** Whether the problem is in the file's content rather than its name. */
	public boolean isContent() {
		return this.content;
	}

}
