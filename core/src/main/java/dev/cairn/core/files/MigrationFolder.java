package dev.cairn.core.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.cairn.core.Location;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.Checksums;
import dev.cairn.core.internal.scan.MigrationFileName;
import dev.cairn.core.internal.scan.MigrationScanner;
import dev.cairn.core.internal.scan.ScannedFile;

/**
 * The migration files of one folder on disk, read the way the runtime reads a
 * {@code filesystem:} location: every {@code .sql} file, recursively, hidden files and folders
 * left out, names parsed by the same rules and checksums computed by the same rule.
 *
 * @param root the folder
 * @param files the files whose names parse, in version order (up before down, repeatables last)
 * @param problems what could not be read or parsed, one message per file naming it and what to do
 */
public record MigrationFolder(Path root, List<FolderFile> files, List<String> problems) {

	/** Versioned files first in version order, up before down, then repeatables, then by name. */
	public static final Comparator<FolderFile> ORDER = Comparator
		.comparing((FolderFile file) -> file.version() == null)
		.thenComparing(FolderFile::version, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(FolderFile::kind)
		.thenComparing(FolderFile::script);

	public MigrationFolder {
		files = List.copyOf(files);
		problems = List.copyOf(problems);
	}

	/**
	 * Reads a folder. A folder that does not exist reads as empty, so the first {@code new} can
	 * create it; a path that is not a folder is a problem.
	 * @param root the folder
	 * @return the files and problems
	 */
	public static MigrationFolder read(Path root) {
		if (!Files.exists(root)) {
			return new MigrationFolder(root, List.of(), List.of());
		}
		MigrationScanner.Result scan = new MigrationScanner(MigrationFolder.class.getClassLoader())
			.scan(List.of(new Location(Location.Kind.FILESYSTEM, root.toString())));
		List<String> problems = new ArrayList<>();
		for (Problem problem : scan.problems()) {
			problems.add(problem.message());
		}
		List<FolderFile> files = new ArrayList<>();
		for (ScannedFile scanned : scan.files()) {
			if (scanned.name().indexOf('\n') >= 0 || scanned.name().indexOf('\r') >= 0) {
				problems.add(root.resolve(scanned.name()) + ": the path holds a line break, which no manifest line can"
						+ " hold: rename the folder");
				continue;
			}
			try {
				files.add(file(scanned.name(), scanned.content()));
			}
			catch (IllegalArgumentException ex) {
				problems.add(root.resolve(scanned.name()) + ": " + ex.getMessage());
			}
		}
		files.sort(ORDER);
		return new MigrationFolder(root, files, problems);
	}

	/**
	 * Describes one file from its relative name and content.
	 * @param script the path relative to the folder, with {@code /} separators
	 * @param content the file's bytes
	 * @return the file
	 * @throws IllegalArgumentException if the name follows neither layout, saying what it should look like
	 */
	public static FolderFile file(String script, byte[] content) {
		String fileName = script.substring(script.lastIndexOf('/') + 1);
		MigrationFileName name = MigrationFileName.parse(fileName);
		FolderFile.Kind kind = switch (name.kind()) {
			case UP -> FolderFile.Kind.UP;
			case DOWN -> FolderFile.Kind.DOWN;
			case REPEATABLE -> FolderFile.Kind.REPEATABLE;
			case SNAPSHOT -> FolderFile.Kind.SNAPSHOT;
		};
		FolderFile.Layout layout = (name.layout() == MigrationFileName.Layout.FLYWAY) ? FolderFile.Layout.FLYWAY
				: FolderFile.Layout.GOLANG_MIGRATE;
		String versionText = "";
		if (name.version() != null) {
			versionText = (layout == FolderFile.Layout.FLYWAY) ? fileName.substring(1, fileName.indexOf("__"))
					: fileName.substring(0, fileName.indexOf('_'));
		}
		return new FolderFile(script, kind, layout, name.version(), versionText, Checksums.of(content));
	}

	/** The up files, in version order. */
	public List<FolderFile> upFiles() {
		return this.files.stream().filter((file) -> file.kind() == FolderFile.Kind.UP).toList();
	}

	/** The up file with the highest version, if any. */
	public Optional<FolderFile> highest() {
		List<FolderFile> ups = upFiles();
		return ups.isEmpty() ? Optional.empty() : Optional.of(ups.get(ups.size() - 1));
	}

	/** The file with this script name, if any. */
	public Optional<FolderFile> find(String script) {
		return this.files.stream().filter((file) -> file.script().equals(script)).findFirst();
	}

	/** The highest version of an up file, if any. */
	public Optional<Version> highestVersion() {
		return highest().map(FolderFile::version);
	}

}
