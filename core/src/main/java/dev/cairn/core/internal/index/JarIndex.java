package dev.cairn.core.internal.index;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import dev.cairn.core.Location;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.internal.scan.ScannedFile;

/**
 * Reads a classpath location's files from the index in its jars instead of listing and hashing
 * them. Trusted only when every place the location is found on the classpath is inside a jar
 * (a {@code jar:} URL, also Spring Boot's nested jars) and each of those jars holds an index of
 * the location; otherwise (a folder such as {@code target/classes}, a jar without an index, an
 * index that cannot be read) the location is scanned and hashed as usual. A file's bytes, read
 * when a pending migration runs, are checked against the index's checksum.
 */
public final class JarIndex {

	private final ClassLoader classLoader;

	public JarIndex(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * The location's files from its jars' indexes, or empty when the location must be scanned.
	 * @param location the location
	 * @return the files in index order (which is version order), or empty
	 */
	public Optional<List<ScannedFile>> files(Location location) {
		if (location.kind() != Location.Kind.CLASSPATH) {
			return Optional.empty();
		}
		try {
			Enumeration<URL> roots = this.classLoader.getResources(location.path() + "/");
			List<ScannedFile> files = new ArrayList<>();
			boolean any = false;
			while (roots.hasMoreElements()) {
				any = true;
				Optional<List<ScannedFile>> indexed = read(location, roots.nextElement());
				if (indexed.isEmpty()) {
					return Optional.empty();
				}
				files.addAll(indexed.get());
			}
			return any ? Optional.of(files) : Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty(); // the scan reads the location and reports what is wrong with it
		}
	}

	private static Optional<List<ScannedFile>> read(Location location, URL root) throws IOException {
		String text = root.toString();
		int separator = text.lastIndexOf("!/");
		if (!"jar".equals(root.getProtocol()) || separator < 0
				|| !text.substring(separator + 2).equals(location.path() + "/")) {
			return Optional.empty();
		}
		String indexUrl = text + Manifest.INDEX_FILE_NAME;
		String indexText;
		try (InputStream in = new URL(indexUrl).openStream()) {
			indexText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (FileNotFoundException ex) {
			return Optional.empty(); // a jar built without the index
		}
		Manifest index = Manifest.parse(indexText, indexUrl);
		List<ScannedFile> files = new ArrayList<>(index.entries().size());
		for (ManifestEntry entry : index.entries()) {
			files.add(ScannedFile.indexed(location, entry.script(), text + encode(entry.script()), entry.checksum()));
		}
		return Optional.of(files);
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
