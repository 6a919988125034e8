package dev.cairn.core.internal.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.util.function.Function;

import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.Checksums;
import dev.cairn.core.internal.scan.LayoutEntry;
import dev.cairn.core.internal.scan.Layouts;
import dev.cairn.core.internal.scan.MigrationFileName;
import dev.cairn.core.internal.scan.ScannedFile;

/**
 * The migrations on disk, checked on their own before the database is touched: every file
 * name parses, no version appears twice (also across layouts), every down file has its up file.
 * All problems are collected, never just the first.
 *
 * @param migrations versioned migrations in ascending version order
 * @param repeatables repeatable files, reported but not applied yet
 * @param problems what is wrong with the files
 */
public record MigrationCatalog(List<Migration> migrations, List<ScannedFile> repeatables,
		List<Problem> problems) {

	public static MigrationCatalog of(List<ScannedFile> files, List<Problem> scanProblems) {
		return of(files, scanProblems, (location) -> MigrationLayout.AUTO, List.of());
	}

	/** The catalog of files read with each location's layout ({@link Layouts}). */
	public static MigrationCatalog of(List<ScannedFile> files, List<Problem> scanProblems,
			Function<Location, MigrationLayout> layouts) {
		return of(files, scanProblems, layouts, List.of());
	}

	/**
	 * The files, read with each location's layout, and the registered Java migrations together: a
	 * Java migration whose version a file or another Java migration has is a duplicate like two files.
	 */
	public static MigrationCatalog of(List<ScannedFile> files, List<Problem> scanProblems,
			Function<Location, MigrationLayout> layouts, List<dev.cairn.core.JavaMigration> javaMigrations) {
		List<Problem> problems = new ArrayList<>(scanProblems);
		List<LayoutEntry> entries = Layouts.read(files, layouts, problems);
		Map<Version, List<ScannedFile>> ups = new TreeMap<>();
		Map<Version, List<ScannedFile>> downs = new TreeMap<>();
		// By identity: hashing a record holding the file bytes would cost more than the whole lookup.
		Map<ScannedFile, MigrationFileName> names = new IdentityHashMap<>();
		List<ScannedFile> repeatables = new ArrayList<>();
		for (LayoutEntry entry : entries) {
			ScannedFile file = entry.file();
			MigrationFileName name = entry.name();
			names.put(file, name);
			switch (name.kind()) {
				case UP -> ups.computeIfAbsent(name.version(), (v) -> new ArrayList<>()).add(file);
				case DOWN -> downs.computeIfAbsent(name.version(), (v) -> new ArrayList<>()).add(file);
				case REPEATABLE -> repeatables.add(file);
			}
		}
		duplicates(ups, "applied", problems);
		duplicates(downs, "undone", problems);
		for (Map.Entry<Version, List<ScannedFile>> entry : downs.entrySet()) {
			if (!ups.containsKey(entry.getKey())) {
				ScannedFile down = entry.getValue().get(0);
				problems.add(Problem.error(Problem.Kind.ORPHAN_DOWN, entry.getKey(), List.of(down.displayName()),
						down.displayName() + ": undoes version " + entry.getKey()
								+ " but no file applies that version: add the up file or delete this one"));
			}
		}
		for (ScannedFile repeatable : repeatables) {
			problems.add(Problem.warning(Problem.Kind.REPEATABLE_NOT_SUPPORTED, null, List.of(repeatable.displayName()),
					repeatable.displayName() + ": repeatable migrations are not applied by this version of Cairn;"
							+ " turn it into a versioned migration or apply it another way"));
		}
		List<Migration> migrations = new ArrayList<>();
		for (Map.Entry<Version, List<ScannedFile>> entry : ups.entrySet()) {
			ScannedFile up = entry.getValue().get(0);
			List<ScannedFile> down = downs.get(entry.getKey());
			migrations.add(new SqlMigration(entry.getKey(), names.get(up).description(), up,
					(down != null) ? down.get(0) : null, up.checksum()));
		}
		if (!javaMigrations.isEmpty()) {
			addJava(javaMigrations, ups, migrations, problems);
		}
		migrations.sort(Comparator.comparing(Migration::version));
		return new MigrationCatalog(List.copyOf(migrations), List.copyOf(repeatables), List.copyOf(problems));
	}

	private static void addJava(List<dev.cairn.core.JavaMigration> registered, Map<Version, List<ScannedFile>> ups,
			List<Migration> migrations, List<Problem> problems) {
		JavaMigrationChecks.Checked checked = JavaMigrationChecks.check(registered);
		problems.addAll(checked.problems());
		Map<Version, List<JavaClassMigration>> byVersion = new TreeMap<>();
		for (JavaClassMigration java : checked.migrations()) {
			byVersion.computeIfAbsent(java.version(), (v) -> new ArrayList<>()).add(java);
		}
		for (Map.Entry<Version, List<JavaClassMigration>> entry : byVersion.entrySet()) {
			List<ScannedFile> files = ups.getOrDefault(entry.getKey(), List.of());
			if (files.isEmpty() && entry.getValue().size() == 1) {
				migrations.add(entry.getValue().get(0));
				continue;
			}
			List<String> names = new ArrayList<>(files.stream().map(ScannedFile::displayName).toList());
			entry.getValue().forEach((java) -> names.add(java.displayName()));
			problems.add(Problem.error(Problem.Kind.DUPLICATE_VERSION, entry.getKey(), names,
					"version " + entry.getKey() + " is applied by " + names.size() + " migrations: " + String.join(", ", names)
							+ ": give each migration its own version (change the version() of the Java migration"
							+ (files.isEmpty() ? "s" : " or rename the file") + ")"));
		}
	}

	private static void duplicates(Map<Version, List<ScannedFile>> byVersion, String participle, List<Problem> problems) {
		for (Map.Entry<Version, List<ScannedFile>> entry : byVersion.entrySet()) {
			if (entry.getValue().size() > 1) {
				List<String> names = entry.getValue().stream().map(ScannedFile::displayName).toList();
				problems.add(Problem.error(Problem.Kind.DUPLICATE_VERSION, entry.getKey(), names,
						"version " + entry.getKey() + " is " + participle + " by " + names.size() + " files: " + String.join(", ", names)
								+ (participle.equals("applied") ? ": give each migration its own version (rename one of them)"
										: ": a version has one down file (delete the extra one)")));
			}
		}
	}

	public boolean hasErrors() {
		return this.problems.stream().anyMatch(Problem::isError);
	}

}
