package dev.cairn.core.internal.index;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Location;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestFormatException;
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
		Optional<List<Index>> indexes = indexes(location);
		try {
			return indexes.map((found) -> files(location, found));
		}
		catch (RuntimeException ex) {
			return Optional.empty(); // an index that cannot be read: the location is scanned
		}
	}

	/**
	 * The text of the location's index in every jar it is found in, not parsed yet: a caller that
	 * has seen the same bytes before may reuse what it made of them.
	 * @param location the location
	 * @return one index per place the location is found, or empty when the location must be scanned
	 */
	public Optional<List<Index>> indexes(Location location) {
		if (location.kind() != Location.Kind.CLASSPATH) {
			return Optional.empty();
		}
		try {
			Enumeration<URL> roots = this.classLoader.getResources(location.path() + "/");
			List<Index> indexes = new ArrayList<>(1);
			while (roots.hasMoreElements()) {
				Index index = read(location, roots.nextElement());
				if (index == null) {
					return Optional.empty();
				}
				indexes.add(index);
			}
			return indexes.isEmpty() ? Optional.empty() : Optional.of(indexes);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty(); // the scan reads the location and reports what is wrong with it
		}
	}

	/**
	 * The files the indexes list.
	 * @param location the location the indexes are of
	 * @param indexes as {@link #indexes} returned them
	 * @return the files, in index order
	 * @throws ManifestFormatException if an index cannot be read (the location must then be scanned)
	 */
	public static List<ScannedFile> files(Location location, List<Index> indexes) {
		List<ScannedFile> files = new ArrayList<>();
		for (Index index : indexes) {
			for (IndexLine line : IndexLine.parse(index.text(), index.root() + Manifest.INDEX_FILE_NAME)) {
				files.add(ScannedFile.indexed(location, line.script(), index.root(), line.checksum()));
			}
		}
		return files;
	}

	/**
	 * A location's index in one jar.
	 * @param root the URL of the location's folder in the jar, ending with {@code /}
	 * @param text the index's bytes
	 */
	public record Index(String root, byte[] text) {

		/** Whether both are the same index: same place, same bytes. */
		public boolean sameAs(Index other) {
			return this.root.equals(other.root) && Arrays.equals(this.text, other.text);
		}

	}

	private static @Nullable Index read(Location location, URL root) throws IOException {
		String text = root.toString();
		int separator = text.lastIndexOf("!/");
		if (!"jar".equals(root.getProtocol()) || separator < 0
				|| !text.substring(separator + 2).equals(location.path() + "/")) {
			return null;
		}
		try (InputStream in = new URL(text + Manifest.INDEX_FILE_NAME).openStream()) {
			return new Index(text, in.readAllBytes());
		}
		catch (FileNotFoundException ex) {
			return null; // a jar built without the index
		}
	}

}
