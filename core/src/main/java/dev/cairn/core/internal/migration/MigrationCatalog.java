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
import org.jspecify.annotations.Nullable;

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
 * @param repeatables repeatable migrations in name order
 * @param problems what is wrong with the files
 * @param snapshot the initial-schema snapshot, if there is one
 */
public record MigrationCatalog(List<Migration> migrations, List<RepeatableMigration> repeatables,
		List<Problem> problems, @Nullable SnapshotMigration snapshot) {

	public MigrationCatalog(List<Migration> migrations, List<RepeatableMigration> repeatables, List<Problem> problems) {
		this(migrations, repeatables, problems, null);
	}

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
		List<ScannedFile> snapshots = new ArrayList<>();
		for (LayoutEntry entry : entries) {
			ScannedFile file = entry.file();
			MigrationFileName name = entry.name();
			names.put(file, name);
			switch (name.kind()) {
				case UP -> ups.computeIfAbsent(name.version(), (v) -> new ArrayList<>()).add(file);
				case DOWN -> downs.computeIfAbsent(name.version(), (v) -> new ArrayList<>()).add(file);
				case REPEATABLE -> repeatables.add(file);
				case SNAPSHOT -> snapshots.add(file);
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
		List<RepeatableMigration> repeatableMigrations = repeatables(repeatables, names, problems);
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
		SnapshotMigration snapshot = snapshot(snapshots, names, migrations, problems);
		return new MigrationCatalog(List.copyOf(migrations), repeatableMigrations, List.copyOf(problems), snapshot);
	}

	/**
	 * The one snapshot of a track: two are an error (which one installs a database would depend on
	 * nothing but a choice Cairn would have to guess; keep the newest, delete the others), and so is
	 * one whose version no versioned migration has (the versions above it would be undefined).
	 */
	private static @Nullable SnapshotMigration snapshot(List<ScannedFile> snapshots,
			Map<ScannedFile, MigrationFileName> names, List<Migration> migrations, List<Problem> problems) {
		if (snapshots.isEmpty()) {
			return null;
		}
		if (snapshots.size() > 1) {
			List<String> display = snapshots.stream().map(ScannedFile::displayName).toList();
			problems.add(Problem.error(Problem.Kind.DUPLICATE_VERSION, null, display, "a track has at most one snapshot,"
					+ " but there are " + display.size() + ": " + String.join(", ", display)
					+ ": keep the newest (the highest version) and delete the others"));
			return null;
		}
		ScannedFile file = snapshots.get(0);
		Version version = names.get(file).version();
		if (migrations.stream().noneMatch((migration) -> migration.version().equals(version))) {
			problems.add(Problem.error(Problem.Kind.ORPHAN_DOWN, version, List.of(file.displayName()), file.displayName()
					+ ": a snapshot of version " + version + ", but no migration has that version: a snapshot stands for"
					+ " the migrations up to its version, so name it after the last one it contains"));
			return null;
		}
		List<Migration> covered = migrations.stream().filter((migration) -> migration.version().compareTo(version) <= 0)
			.toList();
		return new SnapshotMigration(version, names.get(file).description(), file, Checksums.of(file.content()), covered);
	}

	/**
	 * Repeatables in name order. Two whose names are equal ignoring case are refused: they would
	 * overwrite each other on a case-insensitive file system (a Windows or macOS checkout), and an
	 * order that depends on case is one nobody means.
	 */
	private static List<RepeatableMigration> repeatables(List<ScannedFile> files, Map<ScannedFile, MigrationFileName> names,
			List<Problem> problems) {
		Map<String, List<ScannedFile>> byName = new TreeMap<>();
		for (ScannedFile file : files) {
			byName.computeIfAbsent(MigrationFileName.repeatableName(file.fileName()).toLowerCase(java.util.Locale.ROOT),
					(name) -> new ArrayList<>()).add(file);
		}
		List<RepeatableMigration> repeatables = new ArrayList<>();
		for (List<ScannedFile> same : byName.values()) {
			if (same.size() > 1) {
				List<String> display = same.stream().map(ScannedFile::displayName).toList();
				problems.add(Problem.error(Problem.Kind.DUPLICATE_NAME, null, display, "repeatable migrations "
						+ String.join(", ", display) + " have the same name"
						+ (same.stream().map((file) -> MigrationFileName.repeatableName(file.fileName())).distinct().count() > 1
								? " but for case" : "")
						+ ": a repeatable is known by its name, so each needs its own; rename or delete one of them"));
				continue;
			}
			ScannedFile file = same.get(0);
			repeatables.add(new RepeatableMigration(MigrationFileName.repeatableName(file.fileName()),
					names.get(file).description(), file, Checksums.of(file.content()), 0));
		}
		repeatables.sort(Comparator.comparing(RepeatableMigration::name));
		return List.copyOf(repeatables);
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
