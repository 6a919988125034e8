package dev.cairn.core.internal.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.util.function.Function;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;

import dev.cairn.core.Problem;
import dev.cairn.core.internal.index.JarIndex;
import dev.cairn.core.internal.scan.MigrationScanner;
import dev.cairn.core.internal.scan.ScannedFile;

/**
 * Turns a track's locations into its migrations: a classpath location found only inside jars
 * that carry an index is read from the indexes (no listing, no hashing); every other location
 * is scanned. The files are paired into {@link SqlMigration}s, checked on their own; the
 * registered Java migrations join them here, so every kind is ordered and checked for
 * duplicates together.
 */
public final class MigrationResolver {

	private final ClassLoader classLoader;

	public MigrationResolver(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	public MigrationCatalog resolve(List<Location> locations) {
		return resolve(locations, (location) -> MigrationLayout.AUTO, List.of());
	}

	/** The catalog of the locations, each read with its layout, and the registered Java migrations. */
	public MigrationCatalog resolve(List<Location> locations, Function<Location, MigrationLayout> layouts,
			List<JavaMigration> javaMigrations) {
		JarIndex index = new JarIndex(this.classLoader);
		MigrationScanner scanner = new MigrationScanner(this.classLoader);
		List<ScannedFile> files = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (Location location : locations) {
			Optional<List<ScannedFile>> indexed = index.files(location);
			if (indexed.isPresent()) {
				files.addAll(indexed.get());
				continue;
			}
			MigrationScanner.Result scan = scanner.scan(List.of(location));
			files.addAll(scan.files());
			problems.addAll(scan.problems());
		}
		return MigrationCatalog.of(files, problems, layouts, javaMigrations);
	}

}
