package dev.cairn.core.internal.scan;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.NewMigration;
import dev.cairn.core.NewMigration.Layout;
import dev.cairn.core.NewMigration.Numbering;
import dev.cairn.core.Version;

/**
 * Plans the next migration of a folder: reads the names of the migrations it holds (as the
 * scanner does: sub-folders too, hidden ones skipped), follows their layout, numbering and
 * padding, and takes the highest version plus one, or the current time when the folder is
 * numbered by timestamp. Refuses to guess: a folder mixing both layouts, or holding a
 * {@code .sql} file that is no migration, is an error naming the files.
 */
public final class NextMigrationNames {

	/** A single-part version this long or longer is a timestamp ({@code yyyyMMddHHmm}...). */
	private static final int TIMESTAMP_DIGITS = 12;

	private static final int DEFAULT_DIGITS = 6;

	// Most file systems allow 255 bytes per name; leave room for the version and suffix.
	private static final int MAX_DESCRIPTION_BYTES = 200;

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
		List<Existing> existing = existing(folder);
		Layout layout = layout(existing, options.layout());
		Existing highest = existing.stream()
			.filter((each) -> each.version() != null)
			.max((a, b) -> a.version().compareTo(b.version()))
			.orElse(null);
		Numbering numbering = (options.numbering() != null) ? options.numbering()
				: (highest != null && isTimestamp(highest.versionText())) ? Numbering.TIMESTAMP : Numbering.SEQUENCE;
		if (options.digits() != null && (options.digits() < 1 || options.digits() > 18)) {
			throw new CairnConfigurationException("digits " + options.digits() + " is out of range: use 1 to 18");
		}
		String versionText = (numbering == Numbering.TIMESTAMP) ? timestamp(highest, options)
				: sequence(highest, layout, options);
		Version version = Version.parse(versionText);
		List<Path> files = new ArrayList<>();
		if (layout == Layout.GOLANG_MIGRATE) {
			files.add(folder.resolve(versionText + "_" + description + ".up.sql"));
			files.add(folder.resolve(versionText + "_" + description + ".down.sql"));
		}
		else {
			files.add(folder.resolve("V" + versionText + "__" + description + ".sql"));
			if (options.undo()) {
				files.add(folder.resolve("U" + versionText + "__" + description + ".sql"));
			}
		}
		for (Path file : files) {
			check(file, version);
		}
		return new NewMigration(folder, layout, numbering, version, files);
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

	/** A migration file already in the folder. */
	private record Existing(String path, MigrationFileName.Layout layout, @Nullable Version version, String versionText) {
	}

	private static List<Existing> existing(Path folder) {
		List<Existing> found = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		File root = folder.toFile();
		if (root.exists() && !root.isDirectory()) {
			throw new CairnConfigurationException(folder + " is not a folder: give the migrations folder");
		}
		if (root.isDirectory()) {
			read(root, "", found, unreadable);
		}
		if (!unreadable.isEmpty()) {
			throw new CairnConfigurationException("Cannot choose the next version in " + folder + ": these .sql files"
					+ " are not migrations Cairn reads, so their versions are unknown:\n  - " + String.join("\n  - ", unreadable)
					+ "\nRename or move them first.");
		}
		return found;
	}

	private static void read(File folder, String prefix, List<Existing> found, List<String> unreadable) {
		String[] entries = folder.list();
		if (entries == null) {
			throw new UncheckedIOException(new IOException("Cannot list " + folder));
		}
		Arrays.sort(entries);
		for (String entry : entries) {
			File file = new File(folder, entry);
			if (MigrationFileName.isCandidate(entry)) {
				try {
					MigrationFileName parsed = MigrationFileName.parse(entry);
					found.add(new Existing(prefix + entry, parsed.layout(), parsed.version(), versionText(entry, parsed)));
				}
				catch (IllegalArgumentException ex) {
					unreadable.add(prefix + entry + ": " + ex.getMessage());
				}
			}
			else if (!entry.startsWith(".") && Files.isDirectory(file.toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				read(file, prefix + entry + "/", found, unreadable);
			}
		}
	}

	/** The version as written in the name, with its padding and separators. */
	private static String versionText(String fileName, MigrationFileName parsed) {
		if (parsed.version() == null) {
			return "";
		}
		if (parsed.layout() == MigrationFileName.Layout.GOLANG_MIGRATE) {
			return fileName.substring(0, fileName.indexOf('_'));
		}
		return fileName.substring(1, fileName.indexOf("__"));
	}

	private static Layout layout(List<Existing> existing, @Nullable Layout asked) {
		if (asked != null) {
			return asked;
		}
		Existing golang = first(existing, MigrationFileName.Layout.GOLANG_MIGRATE);
		Existing flyway = first(existing, MigrationFileName.Layout.FLYWAY);
		if (golang != null && flyway != null) {
			throw new CairnConfigurationException("The folder holds both layouts (" + golang.path() + " is golang-migrate's, "
					+ flyway.path() + " is Flyway's): say which one the new migration follows with --layout");
		}
		return (flyway != null) ? Layout.FLYWAY : Layout.GOLANG_MIGRATE;
	}

	private static @Nullable Existing first(List<Existing> existing, MigrationFileName.Layout layout) {
		return existing.stream().filter((each) -> each.layout() == layout).findFirst().orElse(null);
	}

	private static boolean isTimestamp(String versionText) {
		return versionText.length() >= TIMESTAMP_DIGITS && versionText.chars().allMatch(Character::isDigit);
	}

	private static String sequence(@Nullable Existing highest, Layout layout, NewMigration.Options options) {
		if (highest == null) {
			int digits = (options.digits() != null) ? options.digits() : (layout == Layout.GOLANG_MIGRATE) ? DEFAULT_DIGITS : 1;
			return pad("1", digits);
		}
		String text = highest.versionText();
		if (layout == Layout.GOLANG_MIGRATE && !text.chars().allMatch(Character::isDigit)) {
			throw new CairnConfigurationException("The highest version, " + highest.path() + ", has several parts ("
					+ highest.version() + "); golang-migrate names take one number: use --layout flyway");
		}
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
					+ "its last part is too large");
		}
		int digits = (options.digits() != null) ? options.digits() : last.length();
		return text.substring(0, start) + pad(Long.toString(next), digits);
	}

	private static String timestamp(@Nullable Existing highest, NewMigration.Options options) {
		int digits = (highest != null && isTimestamp(highest.versionText())) ? highest.versionText().length() : 14;
		if (digits != 12 && digits != 14) {
			digits = 14;
		}
		String pattern = (digits == 12) ? "yyyyMMddHHmm" : "yyyyMMddHHmmss";
		String now = LocalDateTime.now(options.clock().withZone(ZoneOffset.UTC)).format(DateTimeFormatter.ofPattern(pattern));
		if (highest == null || Version.parse(now).compareTo(highest.version()) > 0) {
			return now;
		}
		// Clock behind the folder (or two creates in one second): one past the highest, never a reused version.
		if (!highest.versionText().chars().allMatch(Character::isDigit)) {
			throw new CairnConfigurationException("The highest version, " + highest.path() + ", is after the current time"
					+ " and has several parts: use --seq");
		}
		return Long.toString(Math.addExact(Long.parseLong(highest.versionText()), 1));
	}

	private static String pad(String number, int digits) {
		return (number.length() >= digits) ? number : "0".repeat(digits - number.length()) + number;
	}

	// The name must read back as the migration it is meant to be.
	private static void check(Path file, Version version) {
		String fileName = file.getFileName().toString();
		try {
			MigrationFileName parsed = MigrationFileName.parse(fileName);
			if (!version.equals(parsed.version())) {
				throw new IllegalArgumentException("it would read as version " + parsed.version());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new CairnConfigurationException("The new file name " + fileName + " would not be read as version "
					+ version + ": " + ex.getMessage() + "; choose another name");
		}
		if (Files.exists(file)) {
			throw new CairnConfigurationException(file + " exists already: choose another name");
		}
	}

}
