package dev.cairn.core.internal.migration;

import java.util.List;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.Location;
import dev.cairn.core.internal.scan.MigrationScanner;

/**
 * Turns a track's locations into its migrations: the files are scanned and paired into
 * {@link SqlMigration}s, checked on their own; the registered Java migrations join them here,
 * so every kind is ordered and checked for duplicates together.
 */
public final class MigrationResolver {

	private final ClassLoader classLoader;

	public MigrationResolver(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	public MigrationCatalog resolve(List<Location> locations) {
		return resolve(locations, List.of());
	}

	public MigrationCatalog resolve(List<Location> locations, List<JavaMigration> javaMigrations) {
		MigrationScanner.Result scan = new MigrationScanner(this.classLoader).scan(locations);
		return MigrationCatalog.of(scan.files(), scan.problems(), javaMigrations);
	}

}
