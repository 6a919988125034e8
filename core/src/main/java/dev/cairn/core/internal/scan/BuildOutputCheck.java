package dev.cairn.core.internal.scan;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.cairn.core.Location;
import dev.cairn.core.Problem;

/**
 * Catches a classpath migrations folder that is a stale copy of its source folder: run from an
 * exploded build ({@code spring-boot:run}, an IDE), the classpath holds {@code target/classes},
 * which keeps a file deleted from {@code src/main/resources} until the next clean build, so the
 * deleted migration would still run. A file only in the copy is an error (the run stops before
 * touching the database); one changed or added in the sources but not copied yet is a warning
 * (resource filtering changes contents on purpose). Runs only for a folder on the file system
 * under a build-output folder with a source folder next to it: a jar, or a folder elsewhere,
 * costs one string test.
 */
final class BuildOutputCheck {

	/** Build-output folder (as in a file URL) and the source folder it is copied from, per build tool. */
	private static final Map<String, String> SOURCES = Map.of("/target/classes/", "/src/main/resources/",
			"/target/test-classes/", "/src/test/resources/", "/build/resources/main/", "/src/main/resources/",
			"/build/resources/test/", "/src/test/resources/");

	private BuildOutputCheck() {
	}

	/**
	 * @param location the classpath location
	 * @param root the folder's URL on the classpath
	 * @param copied the migration files read from that folder, by relative name
	 * @param problems where differences go
	 */
	static void check(Location location, String root, Map<String, byte[]> copied, List<Problem> problems) {
		if (!root.startsWith("file:")) {
			return;
		}
		for (Map.Entry<String, String> each : SOURCES.entrySet()) {
			int at = root.lastIndexOf(each.getKey());
			if (at >= 0) {
				Path output = Path.of(java.net.URI.create(root));
				Path source = Path.of(java.net.URI.create(root.substring(0, at) + each.getValue()
						+ root.substring(at + each.getKey().length())));
				if (Files.isDirectory(source)) {
					compare(location, output, source, copied, problems);
				}
				return;
			}
		}
	}

	private static void compare(Location location, Path output, Path source, Map<String, byte[]> copied,
			List<Problem> problems) {
		Map<String, byte[]> sources = new TreeMap<>();
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				String name = source.relativize(file).toString().replace(File.separatorChar, '/');
				if (MigrationFileName.isCandidate(file.getFileName().toString()) && !name.startsWith(".")
						&& !name.contains("/.")) {
					sources.put(name, Files.readAllBytes(file));
				}
			}
		}
		catch (IOException ex) {
			return; // the copy is what runs; an unreadable source folder is not this run's problem
		}
		List<String> deleted = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		for (Map.Entry<String, byte[]> file : new TreeMap<>(copied).entrySet()) {
			byte[] original = sources.get(file.getKey());
			if (original == null) {
				deleted.add(file.getKey());
			}
			else if (!Arrays.equals(original, file.getValue())) {
				changed.add(file.getKey());
			}
		}
		List<String> added = sources.keySet().stream().filter((name) -> !copied.containsKey(name)).toList();
		String fix = "rebuild the copy with ./mvnw clean process-resources (Gradle: ./gradlew clean processResources,"
				+ " or a rebuild in the IDE) and start again";
		if (!deleted.isEmpty()) {
			problems.add(Problem.error(Problem.Kind.STALE_BUILD_OUTPUT, null, deleted, location + " is read from " + output
					+ ", a build-output copy of " + source + " that still holds " + names(deleted)
					+ ", deleted from the sources; it would be applied as if it existed. To apply what the sources hold, "
					+ fix + "."));
		}
		if (!changed.isEmpty() || !added.isEmpty()) {
			List<String> files = new ArrayList<>(changed);
			files.addAll(added);
			problems.add(Problem.warning(Problem.Kind.STALE_BUILD_OUTPUT, null, files, location + " is read from "
					+ output + ", a build-output copy of " + source + " that is out of date"
					+ (changed.isEmpty() ? "" : ": " + names(changed) + " changed in the sources")
					+ (added.isEmpty() ? "" : (changed.isEmpty() ? ": " : "; ") + names(added)
							+ " added to the sources but not copied yet")
					+ ". The copy is what runs; to run the sources instead, " + fix + "."));
		}
	}

	private static String names(List<String> names) {
		return String.join(", ", names);
	}

}
