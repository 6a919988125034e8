package dev.cairn.core.internal.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Location;

/**
 * A migration file as found in its location. Its bytes are either read while scanning, or, for
 * a file listed in a jar's index, read only when something needs them (a pending migration about
 * to run): the index's checksum stands for the content until then, and the bytes are checked
 * against it when read, so an index that does not match its jar is caught before anything runs.
 */
public final class ScannedFile {

	private final Location location;

	private final String name;

	// The URL of the location's folder in its jar: the file's URL is made from it only when the file is
	// read, which most indexed files never are.
	private final @Nullable String source;

	private byte @Nullable [] content;

	private @Nullable String checksum;

	/**
	 * A file whose bytes were read.
	 * @param location where it was found
	 * @param name its path relative to the location, with {@code /} separators
	 * @param content its exact bytes
	 */
	public ScannedFile(Location location, String name, byte[] content) {
		this.location = location;
		this.name = name;
		this.source = null;
		this.content = content;
	}

	private ScannedFile(Location location, String name, String source, String checksum) {
		this.location = location;
		this.name = name;
		this.source = source;
		this.checksum = checksum;
	}

	/**
	 * A file listed in a jar's index, read when first needed.
	 * @param location where it is
	 * @param name its path relative to the location
	 * @param source the URL of the location's folder in the jar, as text, ending with {@code /}
	 * @param checksum the checksum the index lists
	 * @return the file
	 */
	public static ScannedFile indexed(Location location, String name, String source, String checksum) {
		return new ScannedFile(location, name, source, checksum);
	}

	public Location location() {
		return this.location;
	}

	/** Its path relative to the location, with {@code /} separators. */
	public String name() {
		return this.name;
	}

	/** Whether the file came from a jar's index (its bytes not read yet, or read and checked). */
	public boolean indexed() {
		return this.source != null;
	}

	/**
	 * Its exact bytes.
	 * @throws IllegalStateException if a file listed in a jar's index cannot be read or does not
	 * match the index's checksum
	 */
	public synchronized byte[] content() {
		if (this.content == null) {
			this.content = load();
		}
		return this.content;
	}

	private byte[] load() {
		byte[] bytes;
		try (InputStream in = URI.create(this.source + encode(this.name)).toURL().openStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException(displayName() + ": is listed in the jar's migration index but cannot be read ("
					+ ex.getMessage() + "): rebuild the jar", ex);
		}
		String actual = Checksums.of(bytes);
		if (!actual.equals(this.checksum)) {
			throw new IllegalStateException(displayName() + ": does not match the jar's migration index (sha256 "
					+ actual + ", index " + this.checksum + "): the index is stale; rebuild the jar with cairn:index"
					+ " in the same build as its resources");
		}
		return bytes;
	}

	/** The checksum of its bytes (see {@link Checksums}); for an indexed file, the index's until the bytes are read. */
	public synchronized String checksum() {
		if (this.checksum == null) {
			this.checksum = Checksums.of(this.content);
		}
		return this.checksum;
	}

	/** The file name without folders, which is what the layouts parse. */
	public String fileName() {
		int slash = this.name.lastIndexOf('/');
		return (slash >= 0) ? this.name.substring(slash + 1) : this.name;
	}

	/** Location and name, as shown in messages. */
	public String displayName() {
		return this.location + "/" + this.name;
	}

	@Override
	public String toString() {
		return displayName();
	}

	/** Percent-encodes what a URL path cannot hold as is (a '#' would start a fragment, a '%' an escape). */
	private static String encode(String name) {
		StringBuilder encoded = null;
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
					|| b == '/' || b == '.' || b == '_' || b == '-';
			if (!plain && encoded == null) {
				encoded = new StringBuilder(name.length() + 16);
				encoded.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
			}
			if (encoded != null) {
				if (plain) {
					encoded.append((char) b);
				}
				else {
					encoded.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
						.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
				}
			}
		}
		return (encoded != null) ? encoded.toString() : name;
	}

}
