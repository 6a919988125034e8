package dev.cairn.core;

/**
 * A place migrations are read from: {@code classpath:db/migrations} or
 * {@code filesystem:/srv/migrations}.
 *
 * @param kind classpath or filesystem
 * @param path the path without prefix, without leading or trailing slash for classpath ones
 */
public record Location(Kind kind, String path) {

	public static Location parse(String text) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty()) {
			throw new IllegalArgumentException("location '' is empty: use classpath:db/migrations or filesystem:/path");
		}
		int colon = value.indexOf(':');
		String prefix = (colon > 1) ? value.substring(0, colon) : "";
		if (prefix.equals("classpath")) {
			return classpath(value.substring(colon + 1), text);
		}
		if (prefix.equals("filesystem")) {
			String path = value.substring(colon + 1);
			if (path.isBlank()) {
				throw new IllegalArgumentException("location '" + text + "' has no path after 'filesystem:'");
			}
			return new Location(Kind.FILESYSTEM, path);
		}
		if (!prefix.isEmpty()) {
			throw new IllegalArgumentException("location '" + text + "' has an unknown prefix '" + prefix
					+ ":': use classpath: or filesystem:");
		}
		return classpath(value, text);
	}

	private static Location classpath(String path, String text) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		String trimmed = path.substring(start, end);
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("location '" + text
					+ "' is the classpath root: scanning every jar is slow and finds other libraries' files;"
					+ " use a folder such as classpath:db/migrations");
		}
		if (trimmed.contains("*") || trimmed.contains("?")) {
			throw new IllegalArgumentException("location '" + text + "' contains a wildcard: name the folder itself");
		}
		return new Location(Kind.CLASSPATH, trimmed);
	}

	// Written out: a record's generated equals and hashCode are bootstrapped on first use, which a
	// start pays for before anything is warm.
	@Override
	public boolean equals(Object other) {
		return this == other
				|| (other instanceof Location location && this.kind == location.kind && this.path.equals(location.path));
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + this.path.hashCode();
	}

	@Override
	public String toString() {
		return (this.kind == Kind.CLASSPATH ? "classpath:" : "filesystem:") + this.path;
	}

	/** Where a location's files come from. */
	public enum Kind {

		CLASSPATH, FILESYSTEM

	}

}
