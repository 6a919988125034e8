package dev.cairn.core.internal.scan;

import dev.cairn.core.Location;

/**
 * A migration file as read from its location.
 *
 * @param location where it was found
 * @param name its path relative to the location, with {@code /} separators
 * @param content its exact bytes
 */
public record ScannedFile(Location location, String name, byte[] content) {

	/** The file name without folders, which is what the layouts parse. */
	public String fileName() {
		int slash = this.name.lastIndexOf('/');
		return (slash >= 0) ? this.name.substring(slash + 1) : this.name;
	}

	/** Location and name, as shown in messages. */
	public String displayName() {
		return this.location + "/" + this.name;
	}

}
