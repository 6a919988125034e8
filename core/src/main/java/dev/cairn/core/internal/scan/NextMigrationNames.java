package dev.cairn.core.internal.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.NewMigration;
import dev.cairn.core.NewMigration.Numbering;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;

/**
 * Plans the next migration of a folder: reads the folder as the engine reads a
 * {@code filesystem:} location (the scanner, then {@link Layouts} under
 * {@link MigrationLayout#AUTO}), follows the layout, numbering and padding of its files, and takes
 * the highest version plus one, or the current time when the folder is numbered by timestamp.
 * Refuses to guess: a folder mixing golang-migrate and Flyway names, or holding a file the engine
 * would refuse, is an error naming the files. The planned files are read back through the same
 * detection, so what is created is what the engine will run.
 */
public final class NextMigrationNames {

	private static final int DEFAULT_DIGITS = 6;

	private static final int GOOSE_DIGITS = 5;

	// Most file systems allow 255 bytes per name; leave room for the version and suffix.
	private static final int MAX_DESCRIPTION_BYTES = 200;

	/** Layouts whose names take a single number as version. */
	private static final Set<MigrationLayout> ONE_NUMBER = EnumSet.of(MigrationLayout.GOLANG_MIGRATE,
			MigrationLayout.GOOSE, MigrationLayout.DBMATE, MigrationLayout.PRISMA);

	private NextMigrationNames() {
	}

	/**
	 * Plans the files.
	 * @param folder the migrations folder; it need not exist yet
	 * @param name the description ({@code add orders} or {@code add_orders})
	 * @param options what the caller asked for
	 * @return the plan
	 * @throws CairnConfigurationException if the name, the options or the folder's files do not allow a next version
	 */
	public static NewMigration plan(Path folder, String name, NewMigration.Options options) {
		String description = description(name);
		if (options.digits() != null && (options.digits() < 1 || options.digits() > 18)) {
			throw new CairnConfigurationException("digits " + options.digits() + " is out of range: use 1 to 18");
		}
		Location location = new Location(Location.Kind.FILESYSTEM, folder.toString());
		List<ScannedFile> scanned = scan(folder, location);
		List<Existing> existing = existing(folder, scanned, location);
		MigrationLayout layout = layout(existing, options.layout());
		Existing highest = existing.stream()
			.filter((each) -> each.version() != null)
			.max((a, b) -> a.version().compareTo(b.version()))
			.orElse(null);
		Numbering numbering = (options.numbering() != null) ? options.numbering()
				: (highest != null) ? (isTimestamp(highest.versionText()) ? Numbering.TIMESTAMP : Numbering.SEQUENCE)
				: (layout == MigrationLayout.DBMATE || layout == MigrationLayout.PRISMA) ? Numbering.TIMESTAMP
				: Numbering.SEQUENCE;
		String versionText = (numbering == Numbering.TIMESTAMP) ? timestamp(highest, layout, options)
				: sequence(highest, layout, options);
		Version version = Version.parse(versionText);
		// The new files go where the highest version is (a folder per year, say), or at the top.
		Path into = (highest != null) ? folder.resolve(highest.directory()) : folder;
		boolean undo = options.undo() || existing.stream()
			.anyMatch((each) -> each.layout() == MigrationFileName.Layout.FLYWAY && each.kind() == MigrationFileName.Kind.DOWN);
		List<Path> files = new ArrayList<>();
		List<String> contents = new ArrayList<>();
		String comment = "-- " + description.replace('_', ' ') + "\n";
		String directive = options.noTransaction() ? "-- cairn:no-transaction\n" : "";
		switch (layout) {
			case GOLANG_MIGRATE -> {
				files.add(into.resolve(versionText + "_" + description + ".up.sql"));
				files.add(into.resolve(versionText + "_" + description + ".down.sql"));
				contents.add(directive + comment + "\n");
				contents.add(directive + comment + "\n");
			}
			case FLYWAY -> {
				files.add(into.resolve("V" + versionText + "__" + description + ".sql"));
				contents.add(directive + comment + "\n");
				if (undo) {
					files.add(into.resolve("U" + versionText + "__" + description + ".sql"));
					contents.add(directive + comment + "\n");
				}
			}
			case GOOSE -> {
				files.add(into.resolve(versionText + "_" + description + ".sql"));
				contents.add(comment + (options.noTransaction() ? "-- +goose NO TRANSACTION\n" : "")
						+ "-- +goose Up\n\n\n-- +goose Down\n\n");
			}
			case DBMATE -> {
				String option = options.noTransaction() ? " transaction:false" : "";
				files.add(into.resolve(versionText + "_" + description + ".sql"));
				contents.add(comment + "-- migrate:up" + option + "\n\n\n-- migrate:down" + option + "\n\n");
			}
			case PRISMA -> {
				files.add(into.resolve(versionText + "_" + description).resolve(PrismaLayout.FILE));
				contents.add(directive + comment + "\n");
			}
			case PLAIN -> {
				files.add(into.resolve(versionText + "_" + description + ".sql"));
				contents.add(directive + comment + "\n");
			}
			case AUTO -> throw new IllegalStateException("layout not chosen");
		}
		check(folder, location, scanned, files, contents, version, layout);
		return new NewMigration(folder, layout, numbering, version, files, contents);
	}

	/** The description as it goes into a file name: blanks become underscores; nothing a path or scanner misreads. */
	static String description(String name) {
		String description = name.strip().replaceAll("\\s+", "_");
		if (description.isEmpty()) {
			throw new CairnConfigurationException("The migration name is empty: give a few words saying what it does,"
					+ " such as add_orders");
		}
		for (int i = 0; i < description.length(); i++) {
			char c = description.charAt(i);
			if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|'
					|| Character.isISOControl(c)) {
				throw new CairnConfigurationException("The migration name '" + name + "' contains '" + printable(c)
						+ "': use letters, digits, '_' and '-' (the name becomes part of a file name)");
			}
		}
		if (description.startsWith(".") || description.startsWith("-")) {
			throw new CairnConfigurationException("The migration name '" + name
					+ "' starts with '" + description.charAt(0) + "': start it with a letter or digit");
		}
		if (description.toLowerCase(Locale.ROOT).endsWith(".sql") || description.toLowerCase(Locale.ROOT).endsWith(".up")
				|| description.toLowerCase(Locale.ROOT).endsWith(".down")) {
			throw new CairnConfigurationException("The migration name '" + name
					+ "' ends like a file name: give only the words, such as add_orders; create adds the version and suffix");
		}
		if (description.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
			throw new CairnConfigurationException("The migration name is longer than " + MAX_DESCRIPTION_BYTES
					+ " bytes: file systems limit names to 255; shorten it");
		}
		return description;
	}

	private static String printable(char c) {
		return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
	}

	/** A migration script already in the folder, as the engine reads it. */
	private record Existing(String path, MigrationFileName.Layout layout, MigrationFileName.Kind kind,
			@Nullable Version version, String versionText, String directory) {
	}

	private static List<ScannedFile> scan(Path folder, Location location) {
		if (Files.exists(folder) && !Files.isDirectory(folder)) {
			throw new CairnConfigurationException(folder + " is not a folder: give the migrations folder");
		}
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		MigrationScanner.Result scan = new MigrationScanner(NextMigrationNames.class.getClassLoader())
			.scan(List.of(location));
		if (!scan.problems().isEmpty()) {
			throw new CairnConfigurationException("Cannot choose the next version in " + folder + ":\n  - "
					+ String.join("\n  - ", scan.problems().stream().map(Problem::message).toList()));
		}
		return scan.files();
	}

	private static List<Existing> existing(Path folder, List<ScannedFile> files, Location location) {
		List<Problem> problems = new ArrayList<>();
		List<LayoutEntry> entries = Layouts.read(files, (each) -> MigrationLayout.AUTO, problems);
		if (!problems.isEmpty()) {
			throw new CairnConfigurationException("Cannot choose the next version in " + folder + ": these files are"
					+ " not migrations Cairn reads, so their versions are unknown:\n  - "
					+ String.join("\n  - ", problems.stream().map(Problem::message).toList())
					+ "\nRename or move them first.");
		}
		List<Existing> found = new ArrayList<>(entries.size());
		for (LayoutEntry entry : entries) {
			String path = entry.file().name();
			String file = (entry.name().layout() == MigrationFileName.Layout.PRISMA)
					? path.substring(0, path.length() - PrismaLayout.FILE.length() - 1) : path;
			int slash = file.lastIndexOf('/');
			String fileName = file.substring(slash + 1);
			found.add(new Existing(path, entry.name().layout(), entry.name().kind(), entry.name().version(),
					versionText(fileName, entry.name()), (slash >= 0) ? file.substring(0, slash) : ""));
		}
		return found;
	}

	/** The version as written in the name, with its padding and separators. */
	private static String versionText(String fileName, MigrationFileName parsed) {
		if (parsed.version() == null) {
			return "";
		}
		if (parsed.layout() == MigrationFileName.Layout.FLYWAY) {
			return fileName.substring(1, fileName.indexOf("__"));
		}
		int end = 0;
		while (end < fileName.length() && (Character.isDigit(fileName.charAt(end)) || fileName.charAt(end) == '.')) {
			end++;
		}
		String text = fileName.substring(0, end);
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	private static MigrationLayout layout(List<Existing> existing, @Nullable MigrationLayout asked) {
		if (asked != null && asked != MigrationLayout.AUTO) {
			return asked;
		}
		Existing golang = first(existing, MigrationFileName.Layout.GOLANG_MIGRATE);
		Existing flyway = first(existing, MigrationFileName.Layout.FLYWAY);
		if (golang != null && flyway != null) {
			throw new CairnConfigurationException("The folder holds both layouts (" + golang.path() + " is golang-migrate's, "
					+ flyway.path() + " is Flyway's): say which one the new migration follows with --layout");
		}
		if (existing.isEmpty()) {
			return MigrationLayout.GOLANG_MIGRATE;
		}
		// One layout: the engine refuses a folder that mixes any others.
		return switch (existing.get(0).layout()) {
			case GOLANG_MIGRATE -> MigrationLayout.GOLANG_MIGRATE;
			case FLYWAY -> MigrationLayout.FLYWAY;
			case GOOSE -> MigrationLayout.GOOSE;
			case DBMATE -> MigrationLayout.DBMATE;
			case PRISMA -> MigrationLayout.PRISMA;
			case PLAIN -> MigrationLayout.PLAIN;
		};
	}

	private static @Nullable Existing first(List<Existing> existing, MigrationFileName.Layout layout) {
		return existing.stream().filter((each) -> each.layout() == layout).findFirst().orElse(null);
	}

	/**
	 * Whether a version is a timestamp: {@code yyyyMMddHHmmss} or {@code yyyyMMddHHmm} of this
	 * or the last century, or ten digits of Unix seconds.
	 */
	private static boolean isTimestamp(String versionText) {
		if (versionText.isEmpty() || !versionText.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return false;
		}
		int length = versionText.length();
		return (length == 14 || length == 12) && (versionText.startsWith("19") || versionText.startsWith("20"))
				|| length == 10 && versionText.charAt(0) != '0';
	}

	private static String sequence(@Nullable Existing highest, MigrationLayout layout, NewMigration.Options options) {
		if (highest == null) {
			int digits = (options.digits() != null) ? options.digits()
					: switch (layout) {
						case FLYWAY -> 1;
						case GOOSE -> GOOSE_DIGITS;
						default -> DEFAULT_DIGITS;
					};
			return pad("1", digits);
		}
		String text = highest.versionText();
		onlyOneNumber(highest, layout);
		// Increment the last part, keeping the others and their separators: 2.1.3 -> 2.1.4, 000042 -> 000043.
		int start = text.length();
		while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
			start--;
		}
		String last = text.substring(start);
		long next;
		try {
			next = Math.addExact(Long.parseLong(last), 1);
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new CairnConfigurationException("The highest version, " + highest.path() + ", cannot be increased: "
					+ "its last part is too large (a version part must fit 64 bits)");
		}
		int digits = (options.digits() != null) ? options.digits() : last.length();
		return text.substring(0, start) + pad(Long.toString(next), digits);
	}

	private static void onlyOneNumber(Existing highest, MigrationLayout layout) {
		if (ONE_NUMBER.contains(layout) && !highest.versionText().chars().allMatch(Character::isDigit)) {
			throw new CairnConfigurationException("The highest version, " + highest.path() + ", has several parts ("
					+ highest.version() + "); " + layout.displayName() + " names take one number: use --layout flyway");
		}
	}

	private static String timestamp(@Nullable Existing highest, MigrationLayout layout, NewMigration.Options options) {
		String text = (highest != null && isTimestamp(highest.versionText())) ? highest.versionText() : "";
		LocalDateTime time = LocalDateTime.now(options.clock().withZone(ZoneOffset.UTC));
		String now = switch (text.length()) {
			case 10 -> Long.toString(time.toEpochSecond(ZoneOffset.UTC));
			case 12 -> time.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
			default -> time.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
		};
		if (highest == null || Version.parse(now).compareTo(highest.version()) > 0) {
			return now;
		}
		// Clock behind the folder (or two creates in one second): one past the highest, never a reused version.
		onlyOneNumber(highest, layout);
		if (!highest.versionText().chars().allMatch(Character::isDigit)) {
			throw new CairnConfigurationException("The highest version, " + highest.path() + ", is after the current time"
					+ " and has several parts: use --seq");
		}
		return sequence(highest, layout, options.withDigits(null));
	}

	private static String pad(String number, int digits) {
		return (number.length() >= digits) ? number : "0".repeat(digits - number.length()) + number;
	}

	/**
	 * The folder with the new files must read, as the engine reads it, as the new version in the
	 * planned layout, and still without problems: a name that parses as something else, or a
	 * layout the folder's other files contradict, is refused before anything is written.
	 */
	private static void check(Path folder, Location location, List<ScannedFile> scanned, List<Path> files,
			List<String> contents, Version version, MigrationLayout layout) {
		List<ScannedFile> after = new ArrayList<>(scanned);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			if (Files.exists(file)) {
				throw new CairnConfigurationException(file + " exists already: choose another name");
			}
			String name = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
			names.add(name);
			after.add(new ScannedFile(location, name, contents.get(i).getBytes(StandardCharsets.UTF_8)));
		}
		List<Problem> problems = new ArrayList<>();
		List<LayoutEntry> entries = Layouts.read(after, (each) -> MigrationLayout.AUTO, problems);
		if (!problems.isEmpty()) {
			throw new CairnConfigurationException("The new " + layout.displayName() + " files " + names
					+ " would make the folder unreadable to Cairn: "
					+ String.join("; ", problems.stream().map(Problem::message).toList())
					+ ": create the migration in the folder's own layout, or give a layout with --layout");
		}
		for (String name : names) {
			boolean read = entries.stream()
				.anyMatch((entry) -> entry.file().name().equals(name) && version.equals(entry.name().version()));
			if (!read) {
				throw new CairnConfigurationException("The new file name " + name + " would not be read as version "
						+ version + ": choose another name");
			}
		}
	}

}
