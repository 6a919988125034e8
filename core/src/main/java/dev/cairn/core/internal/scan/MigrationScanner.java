package dev.cairn.core.internal.scan;

import dev.cairn.core.Location;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.Problem;

/**
 * Reads every {@code .sql} file under the configured locations, recursively, in name order.
 * A missing location or an unreadable file is a problem, never a silent skip: an error, except
 * for the default {@code classpath:db/migrations}, whose absence means no migrations yet.
 */
public final class MigrationScanner {

	private static final Location DEFAULT = Location.parse(CairnConfiguration.DEFAULT_LOCATION);

	// Relative names with '/' between folders; a '\\' in a Unix file name stays part of the name.
	private static final Comparator<ScannedFile> BY_NAME = Comparator.comparing(ScannedFile::name);

	private static final int BUFFER_SIZE = 16 * 1024;

	private final ClassLoader classLoader;

	public MigrationScanner(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	public Result scan(List<Location> locations) {
		List<ScannedFile> files = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (Location location : locations) {
			if (location.kind() == Location.Kind.FILESYSTEM) {
				scanFilesystem(location, files, problems);
			}
			else {
				scanClasspath(location, files, problems);
			}
		}
		return new Result(files, problems);
	}

	private void scanFilesystem(Location location, List<ScannedFile> files, List<Problem> problems) {
		File root = new File(location.path());
		if (!root.isDirectory()) {
			problems.add(missing(location, root.exists() ? "is not a folder" : "does not exist"));
			return;
		}
		List<ScannedFile> found = new ArrayList<>();
		try {
			readFolder(location, root, "", found, problems);
		}
		catch (IOException ex) {
			problems.add(Problem.error(Problem.Kind.UNREADABLE_FILE, null, List.of(location.toString()),
					location + ": cannot list the folder (" + ex + "): check its permissions"));
			return;
		}
		if (found.stream().anyMatch((file) -> file.name().indexOf('/') >= 0)) {
			found.sort(BY_NAME); // a sub-folder's files sort by their whole relative name
		}
		files.addAll(found);
	}

	/**
	 * Reads one folder and, recursively, its sub-folders that are not hidden (not following links
	 * to folders).
	 * java.io rather than NIO: this runs on every start, mostly before the JIT has compiled
	 * anything, and opening a small file through {@link FileInputStream} costs about a third of
	 * {@link Files#readAllBytes}. NIO is only asked when something is wrong, for its precise
	 * exceptions.
	 */
	private void readFolder(Location location, File folder, String prefix, List<ScannedFile> found,
			List<Problem> problems) throws IOException {
		String[] entries = folder.list();
		if (entries == null) {
			Files.newDirectoryStream(folder.toPath()).close(); // throws the reason
			throw new IOException("cannot list " + folder);
		}
		byte[] buffer = null; // allocated at the first file: most folders of a tree hold none
		// Sorted here, as plain strings: a flat folder (the usual case) then needs no sort of its files.
		Arrays.sort(entries);
		for (String entry : entries) {
			File file = new File(folder, entry);
			String name = prefix + entry;
			boolean candidate = MigrationFileName.isCandidate(entry);
			if (candidate && file.isFile()) {
				if (buffer == null) {
					buffer = new byte[BUFFER_SIZE];
				}
				try (FileInputStream in = new FileInputStream(file)) {
					found.add(new ScannedFile(location, name, readFully(in, buffer)));
				}
				catch (IOException ex) {
					read(location, name, file.toPath(), found, problems);
				}
				continue;
			}
			Path path = file.toPath();
			// Hidden folders are skipped like hidden files: .git, and the ..data and ..2026_* folders a
			// Kubernetes ConfigMap volume holds beside its files, which would read every migration twice.
			if (!entry.startsWith(".") && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				readFolder(location, file, name + "/", found, problems);
			}
			else if (candidate && Files.isSymbolicLink(path) && !Files.exists(path)) {
				// A link whose target is gone is reported, not skipped: the migration it stood for would silently vanish.
				read(location, name, path, found, problems);
			}
		}
	}

	/**
	 * Reads through a reused buffer: {@link FileInputStream#readAllBytes} first asks for the file's
	 * size and position, two more system calls per file.
	 */
	private static byte[] readFully(FileInputStream in, byte[] buffer) throws IOException {
		int length = 0;
		int n;
		while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
			length += n;
			if (length == buffer.length) { // a large file: the rest sized by the stream
				byte[] rest = in.readAllBytes();
				byte[] all = Arrays.copyOf(buffer, length + rest.length);
				System.arraycopy(rest, 0, all, length, rest.length);
				return all;
			}
		}
		return Arrays.copyOf(buffer, length);
	}

	/** Reads a file that java.io could not, to report NIO's more precise reason. */
	private static void read(Location location, String name, Path path, List<ScannedFile> found,
			List<Problem> problems) {
		try {
			found.add(new ScannedFile(location, name, Files.readAllBytes(path)));
		}
		catch (IOException ex) {
			problems.add(unreadable(location, name, path, ex));
		}
	}

	private void scanClasspath(Location location, List<ScannedFile> files, List<Problem> problems) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(this.classLoader);
		Resource[] resources;
		List<String> roots = new ArrayList<>();
		try {
			for (Resource root : resolver.getResources("classpath*:" + location.path() + "/")) {
				roots.add(root.getURL().toString());
			}
			resources = resolver.getResources("classpath*:" + location.path() + "/**/*");
		}
		catch (IOException ex) {
			problems.add(Problem.error(Problem.Kind.UNREADABLE_FILE, null, List.of(location.toString()),
					location + ": cannot list the classpath folder (" + ex.getMessage() + ")"));
			return;
		}
		List<Resource> candidates = new ArrayList<>();
		for (Resource resource : resources) {
			String fileName = resource.getFilename();
			if (fileName != null && MigrationFileName.isCandidate(fileName) && resource.isReadable()) {
				candidates.add(resource);
			}
		}
		if (roots.isEmpty() && resources.length == 0) {
			// Class loaders find a jar's folder only by its directory entry, which some jar tools leave out.
			problems.add(missing(location, "does not exist on the classpath", "; if its files are in a jar, the jar"
					+ " needs the folder's directory entries (Maven's and Gradle's jars have them; a jar written"
					+ " without them hides its folders from class loaders)"));
			return;
		}
		List<ScannedFile> found = new ArrayList<>();
		Map<String, Map<String, byte[]>> byRoot = new LinkedHashMap<>();
		for (Resource resource : candidates) {
			String name = relativeName(resource, location, roots);
			if (name.startsWith(".") || name.contains("/.")) {
				continue; // in a hidden folder, as on the filesystem
			}
			try (InputStream in = resource.getInputStream()) {
				ScannedFile file = new ScannedFile(location, name, in.readAllBytes());
				found.add(file);
				byRoot.computeIfAbsent(rootOf(resource, roots), (root) -> new LinkedHashMap<>()).put(name, file.content());
			}
			catch (IOException ex) {
				problems.add(unreadable(location, name, ex));
			}
		}
		for (String root : roots) {
			BuildOutputCheck.check(location, root, byRoot.getOrDefault(root, Map.of()), problems);
		}
		if (found.stream().anyMatch((file) -> file.name().indexOf('/') >= 0)) {
			found.sort(BY_NAME); // a sub-folder's files sort by their whole relative name
		}
		files.addAll(found);
	}

	/** The classpath root folder a resource was found under, or "" when it cannot be told. */
	private static String rootOf(Resource resource, List<String> roots) {
		try {
			String url = resource.getURL().toString();
			return roots.stream().filter(url::startsWith).findFirst().orElse("");
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String relativeName(Resource resource, Location location, List<String> roots) {
		String url;
		try {
			url = resource.getURL().toString();
		}
		catch (IOException ex) {
			return String.valueOf(resource.getFilename());
		}
		String best = null;
		for (String root : roots) {
			String prefix = root.endsWith("/") ? root : root + "/";
			if (url.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		if (best != null) {
			return url.substring(best.length());
		}
		// Jars built without directory entries have no root URL: cut at the location's path.
		String marker = "/" + location.path() + "/";
		int index = url.lastIndexOf(marker);
		return (index >= 0) ? url.substring(index + marker.length()) : String.valueOf(resource.getFilename());
	}

	private static Problem missing(Location location, String what) {
		return missing(location, what, "");
	}

	private static Problem missing(Location location, String what, String hint) {
		if (location.equals(DEFAULT)) {
			// A service that added Cairn before writing its first migration: nothing to do yet.
			return Problem.warning(Problem.Kind.MISSING_LOCATION, null, List.of(location.toString()), "location "
					+ location + " " + what + ": there are no migrations yet; add SQL files there");
		}
		return Problem.error(Problem.Kind.MISSING_LOCATION, null, List.of(location.toString()), "location " + location
				+ " " + what + ": create it, or fix the configured locations" + hint);
	}

	private static Problem unreadable(Location location, String name, IOException ex) {
		String display = location + "/" + name;
		return Problem.error(Problem.Kind.UNREADABLE_FILE, null, List.of(display),
				display + ": cannot be read (" + reason(ex) + "): check the file's permissions");
	}

	private static Problem unreadable(Location location, String name, Path path, IOException ex) {
		if (Files.isSymbolicLink(path) && !Files.exists(path)) {
			String display = location + "/" + name;
			String target;
			try {
				target = Files.readSymbolicLink(path).toString();
			}
			catch (IOException unreadableLink) {
				target = "a file";
			}
			return Problem.error(Problem.Kind.UNREADABLE_FILE, null, List.of(display), display
					+ ": is a symbolic link to " + target + ", which does not exist: restore that file, or delete the link");
		}
		return unreadable(location, name, ex);
	}

	private static String reason(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof NoSuchFileException) {
			return "it does not exist any more";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * The files found and the problems met while looking.
	 */
	public record Result(List<ScannedFile> files, List<Problem> problems) {

	}

}
