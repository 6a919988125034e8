package dev.cairn.core.internal.migration;

import java.util.List;

import java.util.function.Function;

import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.internal.scan.MigrationScanner;

/**
 * Turns a track's locations into its migrations: the files are scanned and paired into
 * {@link SqlMigration}s, checked on their own. Java migrations, registered rather than found,
 * join the catalog here next, so every kind is ordered and checked for duplicates together.
 */
public final class MigrationResolver {

	private final ClassLoader classLoader;

	public MigrationResolver(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	public MigrationCatalog resolve(List<Location> locations) {
		return resolve(locations, (location) -> MigrationLayout.AUTO);
	}

	/** The catalog of the locations, each read with its layout. */
	public MigrationCatalog resolve(List<Location> locations, Function<Location, MigrationLayout> layouts) {
		MigrationScanner.Result scan = new MigrationScanner(this.classLoader).scan(locations);
		return MigrationCatalog.of(scan.files(), scan.problems(), layouts);
	}

}
