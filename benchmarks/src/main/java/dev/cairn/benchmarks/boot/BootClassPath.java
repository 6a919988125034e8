package dev.cairn.benchmarks.boot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of each Spring Boot variant, cut from this JVM's own: the same entries for all
 * three, except each migration tool's, recognised by the packages they hold (so a reactor build's
 * {@code target/classes} is recognised as well as a jar). The application without a tool has none of them;
 * the Flyway one adds Flyway and Boot's Flyway auto-configuration ({@code spring-boot-flyway},
 * what {@code spring-boot-starter-flyway} adds to {@code spring-boot-starter-jdbc}); the Cairn
 * one adds the engine and the starter's auto-configuration. Liquibase's jars are in none.
 */
public final class BootClassPath {

	/** Packages that mark an entry as Flyway's: Flyway itself and Boot's Flyway auto-configuration. */
	private static final List<String> FLYWAY = List.of("org/flywaydb/", "org/springframework/boot/flyway/");

	/** The engine and the starter's auto-configuration (jars, or target/classes in a reactor build). */
	private static final List<String> CAIRN = List.of("dev/cairn/core/", "dev/cairn/autoconfigure/");

	private static final List<String> LIQUIBASE = List.of("liquibase/");

	/** Libraries only Liquibase brings, by file name. */
	private static final List<String> LIQUIBASE_LIBRARIES = List.of("opencsv-", "commons-collections4-", "commons-text-",
			"commons-lang3-", "commons-io-", "jaxb-api-");

	private BootClassPath() {
	}

	/** Built next to the benchmark jar by the module's build. */
	static final String APPLICATION_JAR = "cairn-benchmarks-boot-app.jar";

	public static String forVariant(BootVariant variant) {
		List<String> entries = new ArrayList<>();
		for (String entry : expanded(System.getProperty("java.class.path"))) {
			Path path = Path.of(entry);
			Set<String> packages = topPackages(path);
			boolean liquibase = containsAny(packages, LIQUIBASE)
					|| LIQUIBASE_LIBRARIES.stream().anyMatch(path.getFileName().toString()::startsWith);
			boolean flyway = containsAny(packages, FLYWAY);
			boolean cairn = containsAny(packages, CAIRN);
			if (liquibase || (flyway && variant != BootVariant.FLYWAY) || (cairn && variant != BootVariant.CAIRN)) {
				continue;
			}
			entries.add(entry);
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * The entries of a class path, with each jar that names others in its manifest (the benchmark
	 * jar, surefire's booter) replaced by those others: kept, it would bring every tool back. The
	 * benchmark jar's own classes come from the application jar beside it; a test run has them in
	 * {@code target/classes}.
	 */
	static Set<String> expanded(String classPath) {
		Set<String> entries = new LinkedHashSet<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			Path path = Path.of(entry).toAbsolutePath();
			List<String> named = (entry.endsWith(".jar") && Files.isRegularFile(path)) ? manifestClassPath(path)
					: List.of();
			if (named.isEmpty()) {
				entries.add(path.toString());
				continue;
			}
			Path application = path.resolveSibling(APPLICATION_JAR);
			if (Files.isRegularFile(application)) {
				entries.add(application.toString());
			}
			entries.addAll(named);
		}
		return entries;
	}

	private static List<String> manifestClassPath(Path jar) {
		List<String> entries = new ArrayList<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path") : null;
			if (classPath == null) {
				return entries;
			}
			for (String relative : classPath.trim().split("\\s+")) {
				// Entries are URLs relative to the jar (surefire writes file: URLs).
				Path resolved = relative.startsWith("file:") ? Path.of(java.net.URI.create(relative))
						: jar.getParent().resolve(relative.replace("%20", " "));
				entries.add(resolved.normalize().toString());
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot read the class path of " + jar + ": " + ex.getMessage(), ex);
		}
		return entries;
	}

	private static boolean containsAny(Set<String> packages, List<String> markers) {
		return packages.stream().anyMatch((found) -> markers.stream().anyMatch(found::startsWith));
	}

	/** The first four directory levels of a jar or class directory, such as {@code org/springframework/boot/flyway/}. */
	static Set<String> topPackages(Path entry) {
		Set<String> packages = new LinkedHashSet<>();
		try {
			if (Files.isDirectory(entry)) {
				try (Stream<Path> paths = Files.walk(entry, 4)) {
					paths.filter(Files::isDirectory)
						.map((dir) -> entry.relativize(dir).toString().replace(File.separatorChar, '/') + "/")
						.forEach(packages::add);
				}
			}
			else if (Files.isRegularFile(entry)) {
				try (JarFile jar = new JarFile(entry.toFile())) {
					jar.stream().map(JarEntry::getName).map(BootClassPath::topFour).forEach(packages::add);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read class path entry " + entry + ": " + ex.getMessage(), ex);
		}
		return packages;
	}

	private static String topFour(String name) {
		int end = -1;
		for (int level = 0; level < 4; level++) {
			int slash = name.indexOf('/', end + 1);
			if (slash < 0) {
				break;
			}
			end = slash;
		}
		return name.substring(0, end + 1);
	}

}
