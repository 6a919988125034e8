package dev.cairn.core.internal.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.Problem;

/**
 * Reads each location's files with its layout: the one its setting names, or under
 * {@link MigrationLayout#AUTO} the one its files follow. Recognising is by name first
 * (golang-migrate and Flyway names, Prisma folders), then by the section markers of
 * {@code <version>_<name>.sql} files (goose, dbmate); plain scripts are chosen only when the
 * location holds nothing else. A location whose files follow two layouts is refused, naming
 * them: never a guess.
 */
public final class Layouts {

	private Layouts() {
	}

	/** The scripts of every file, in the files' order; what does not fit goes to {@code problems}. */
	public static List<LayoutEntry> read(List<ScannedFile> files, Function<Location, MigrationLayout> settings,
			List<Problem> problems) {
		Map<Location, List<ScannedFile>> byLocation = new LinkedHashMap<>();
		Location previous = null;
		List<ScannedFile> same = null;
		for (ScannedFile file : files) {
			// A location's files come together: hash the location once per run of files, not once per file.
			if (file.location() != previous) {
				previous = file.location();
				same = byLocation.computeIfAbsent(previous, (location) -> new ArrayList<>());
			}
			same.add(file);
		}
		List<LayoutEntry> entries = new ArrayList<>(files.size());
		for (Map.Entry<Location, List<ScannedFile>> location : byLocation.entrySet()) {
			MigrationLayout setting = settings.apply(location.getKey());
			try {
				if (setting == MigrationLayout.AUTO) {
					if (allByName(location.getValue(), entries)) {
						continue; // the usual golang-migrate or Flyway folder: each name parsed once
					}
					setting = recognise(location.getKey(), location.getValue(), problems);
					if (setting == null) {
						continue;
					}
				}
				readAll(Layout.of(setting), location.getValue(), entries, problems);
			}
			catch (IllegalStateException ex) {
				// A file a jar's index lists that cannot be read or does not match it (see ScannedFile#content).
				problems.add(Problem.error(Problem.Kind.INVALID_SCRIPT, null, List.of(location.getKey().toString()),
						ex.getMessage()));
			}
		}
		return entries;
	}

	private static boolean allByName(List<ScannedFile> files, List<LayoutEntry> entries) {
		List<LayoutEntry> read = new ArrayList<>(files.size());
		for (ScannedFile file : files) {
			try {
				read.add(new LayoutEntry(MigrationFileName.parse(file.fileName()), file));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			// A jar's indexed file is not read here, so the index keeps the start from reading every file; the
			// same file was read, and refused with markers, when it ran from the build's folder.
			if (!file.indexed() && PlainLayout.sectionMarkers(file.content()) != null) {
				return false; // refused by FileNameLayout, saying why
			}
		}
		entries.addAll(read);
		return true;
	}

	private static void readAll(Layout layout, List<ScannedFile> files, List<LayoutEntry> entries,
			List<Problem> problems) {
		for (ScannedFile file : files) {
			try {
				entries.addAll(layout.read(file));
			}
			catch (LayoutException ex) {
				if (ex.isContent()) {
					problems.add(Problem.error(Problem.Kind.INVALID_SCRIPT, null, List.of(file.displayName()),
							file.displayName() + ":" + ex.line() + ": " + ex.getMessage()));
				}
				else {
					problems.add(Problem.error(Problem.Kind.UNPARSEABLE_NAME, null, List.of(file.displayName()),
							file.displayName() + ": " + ex.getMessage()));
				}
			}
		}
	}

	/**
	 * The layout a location's files follow, or {@code null} (with a problem) when they follow more
	 * than one. Names alone decide for golang-migrate, Flyway and Prisma; a
	 * {@code <version>_<name>.sql} file is goose's or dbmate's by its markers, else a plain script.
	 */
	static MigrationLayout recognise(Location location, List<ScannedFile> files, List<Problem> problems) {
		Map<MigrationLayout, List<ScannedFile>> strong = new LinkedHashMap<>();
		boolean plain = false;
		boolean ambiguousFile = false;
		for (ScannedFile file : files) {
			MigrationLayout layout = recognise(file, problems);
			if (layout == MigrationLayout.PLAIN) {
				plain = true;
			}
			else if (layout == MigrationLayout.AUTO) {
				ambiguousFile = true;
			}
			else if (layout != null) {
				strong.computeIfAbsent(layout, (key) -> new ArrayList<>()).add(file);
			}
		}
		if (strong.size() > 1) {
			List<String> names = new ArrayList<>();
			String sides = strong.entrySet().stream().map((entry) -> {
				List<String> some = entry.getValue().stream().map(ScannedFile::name).toList();
				entry.getValue().forEach((file) -> names.add(file.displayName()));
				return display(entry.getKey()) + " (" + String.join(", ", some.subList(0, Math.min(3, some.size())))
						+ ((some.size() > 3) ? " and " + (some.size() - 3) + " more" : "") + ")";
			}).collect(Collectors.joining(", "));
			problems.add(Problem.error(Problem.Kind.AMBIGUOUS_LAYOUT, null, names, "location " + location
					+ " holds files of more than one layout: " + sides + "; Cairn does not guess which one it follows:"
					+ " move one tool's files to a location of their own, or name the location's layout"));
			return null;
		}
		if (ambiguousFile) {
			return null;
		}
		if (strong.size() == 1) {
			MigrationLayout only = strong.keySet().iterator().next();
			return (only == MigrationLayout.GOLANG_MIGRATE) ? MigrationLayout.AUTO : only; // with Flyway's names
		}
		return plain ? MigrationLayout.PLAIN : MigrationLayout.AUTO;
	}

	/**
	 * The layout one file follows: GOLANG_MIGRATE for golang-migrate and Flyway names (they may share
	 * a folder), PLAIN for a versioned name without markers, {@code null} for none, AUTO (with a
	 * problem) for a file carrying two tools' markers.
	 */
	private static MigrationLayout recognise(ScannedFile file, List<Problem> problems) {
		try {
			MigrationFileName.parse(file.fileName());
			return MigrationLayout.GOLANG_MIGRATE;
		}
		catch (IllegalArgumentException ex) {
			// not one of those names
		}
		if (PrismaLayout.parse(file.name()) != null) {
			return MigrationLayout.PRISMA;
		}
		if (PlainLayout.parse(file.fileName()) == null) {
			return null;
		}
		boolean goose = hasMarker(file.content(), "+goose", GooseLayout.MARKER);
		boolean dbmate = hasMarker(file.content(), "migrate:", null);
		if (goose && dbmate) {
			problems.add(Problem.error(Problem.Kind.AMBIGUOUS_LAYOUT, null, List.of(file.displayName()),
					file.displayName() + ": holds both goose's (-- +goose) and dbmate's (-- migrate:) section markers, so"
							+ " which sections are up and down is a guess: keep one tool's markers, or name the location's"
							+ " layout"));
			return MigrationLayout.AUTO;
		}
		if (goose) {
			return MigrationLayout.GOOSE;
		}
		return dbmate ? MigrationLayout.DBMATE : MigrationLayout.PLAIN;
	}

	private static String display(MigrationLayout layout) {
		return (layout == MigrationLayout.GOLANG_MIGRATE) ? "golang-migrate or Flyway names" : layout.displayName();
	}

	private static boolean hasMarker(byte[] content, String quick, String prefix) {
		if (!Lines.mayHold(content, quick)) {
			return false;
		}
		Lines lines = new Lines(content);
		for (int i = 0; i < lines.count(); i++) {
			if (!lines.isComment(i)) {
				continue;
			}
			String text = lines.text(i);
			if ((prefix != null) ? text.startsWith(prefix) : DbmateLayout.isMarker(text)) {
				return true;
			}
		}
		return false;
	}

}
