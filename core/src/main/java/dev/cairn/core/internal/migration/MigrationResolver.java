package dev.cairn.core.internal.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

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

	/**
	 * The catalog of the locations, each read with its layout, and the registered Java migrations.
	 * When every location is read from jars' indexes, a catalog made from the same index bytes
	 * before is reused ({@link IndexedCatalogs}).
	 */
	public MigrationCatalog resolve(List<Location> locations, Function<Location, MigrationLayout> layouts,
			List<JavaMigration> javaMigrations) {
		JarIndex index = new JarIndex(this.classLoader);
		List<List<JarIndex.Index>> indexes = new ArrayList<>(locations.size());
		List<MigrationLayout> layoutList = new ArrayList<>(locations.size());
		boolean allIndexed = true;
		for (Location location : locations) {
			Optional<List<JarIndex.Index>> indexed = index.indexes(location);
			indexes.add(indexed.orElse(null));
			layoutList.add(layouts.apply(location));
			allIndexed &= indexed.isPresent();
		}
		if (allIndexed) {
			MigrationCatalog known = IndexedCatalogs.find(locations, layoutList, indexes, javaMigrations);
			if (known != null) {
				return known;
			}
		}
		MigrationScanner scanner = null;
		List<ScannedFile> files = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (int i = 0; i < locations.size(); i++) {
			Location location = locations.get(i);
			List<ScannedFile> indexed = (indexes.get(i) != null) ? parsed(location, indexes.get(i)) : null;
			if (indexed != null) {
				files.addAll(indexed);
				continue;
			}
			allIndexed = false;
			if (scanner == null) {
				scanner = new MigrationScanner(this.classLoader);
			}
			MigrationScanner.Result scan = scanner.scan(List.of(location));
			files.addAll(scan.files());
			problems.addAll(scan.problems());
		}
		MigrationCatalog catalog = MigrationCatalog.of(files, problems, layouts, javaMigrations);
		if (allIndexed) {
			IndexedCatalogs.keep(locations, layoutList, indexes, javaMigrations, catalog);
		}
		return catalog;
	}

	/** The files an index lists, or {@code null} when it cannot be read: the location is scanned instead. */
	private static @Nullable List<ScannedFile> parsed(Location location, List<JarIndex.Index> indexes) {
		try {
			return JarIndex.files(location, indexes);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
