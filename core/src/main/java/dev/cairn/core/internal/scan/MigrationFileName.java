package dev.cairn.core.internal.scan;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * A parsed migration file name. Both layouts are read:
 * <ul>
 * <li>golang-migrate: {@code 000042_add_orders.up.sql}, {@code 000042_add_orders.down.sql}</li>
 * <li>Flyway: {@code V42__add_orders.sql}, undo {@code U42__add_orders.sql}, repeatable
 * {@code R__refresh_views.sql}; version parts separated by {@code .} or {@code _}</li>
 * <li>repeatable in the golang-migrate style: {@code refresh_views.repeatable.sql}</li>
 * </ul>
 * Files not ending in {@code .sql} and hidden files are not migrations and are ignored
 * ({@code README.md}, {@code .gitkeep}); a {@code .sql} file matching neither layout is an error.
 *
 * @param kind up, down or repeatable
 * @param layout which naming convention the file follows
 * @param version the version, {@code null} for repeatable files
 * @param description the description, underscores read as spaces
 */
public record MigrationFileName(Kind kind, Layout layout, @Nullable Version version, String description) {

	/** Whether a file in a migrations folder is meant as a migration at all. */
	public static boolean isCandidate(String fileName) {
		// No lower-cased copy of every name; same answer, as no other char lower-cases to ".sql".
		return !fileName.startsWith(".") && endsWithIgnoreAsciiCase(fileName, ".sql");
	}

	/**
	 * Parses a candidate file name.
	 * @throws IllegalArgumentException saying why the name is not usable and what it should look like
	 */
	public static MigrationFileName parse(String fileName) {
		// Scanned by hand rather than with regular expressions: this runs for every file on every
		// start-up, mostly interpreted. Each branch accepts exactly what its pattern, matched ignoring
		// ASCII case, used to; the first char tells which one can match.
		int length = fileName.length();
		char first = (length > 0) ? fileName.charAt(0) : 0;
		if (endsWithIgnoreAsciiCase(fileName, REPEATABLE_SUFFIX)) {
			return repeatable(fileName);
		}
		if (isAsciiDigit(first) && endsWithIgnoreAsciiCase(fileName, SNAPSHOT_SUFFIX)) {
			// ([0-9]+)_(.+)\.snapshot\.sql: an initial-schema snapshot in the golang-migrate style
			int versionEnd = digitsEnd(fileName, 0);
			int descriptionEnd = length - SNAPSHOT_SUFFIX.length();
			if (versionEnd < length && fileName.charAt(versionEnd) == '_'
					&& isDescription(fileName, versionEnd + 1, descriptionEnd)) {
				return new MigrationFileName(Kind.SNAPSHOT, Layout.GOLANG_MIGRATE, version(fileName.substring(0, versionEnd)),
						description(fileName.substring(versionEnd + 1, descriptionEnd), fileName));
			}
		}
		else if (first == 'B') {
			// B([0-9]+(?:[._][0-9]+)*)__(.+)\.sql: Flyway's name for a baseline (snapshot) migration
			int versionEnd = versionEnd(fileName, 1);
			if (versionEnd > 1 && fileName.startsWith("__", versionEnd) && endsWithIgnoreAsciiCase(fileName, ".sql")
					&& isDescription(fileName, versionEnd + 2, length - 4)) {
				return new MigrationFileName(Kind.SNAPSHOT, Layout.FLYWAY, version(fileName.substring(1, versionEnd)),
						description(fileName.substring(versionEnd + 2, length - 4), fileName));
			}
		}
		if (isAsciiDigit(first)) {
			// ([0-9]+)_(.+)\.(up|down)\.sql
			int versionEnd = digitsEnd(fileName, 0);
			boolean up = endsWithIgnoreAsciiCase(fileName, ".up.sql");
			int descriptionEnd = length - (up ? ".up.sql" : ".down.sql").length();
			if (versionEnd < length && fileName.charAt(versionEnd) == '_'
					&& (up || endsWithIgnoreAsciiCase(fileName, ".down.sql"))
					&& isDescription(fileName, versionEnd + 1, descriptionEnd)) {
				return new MigrationFileName(up ? Kind.UP : Kind.DOWN, Layout.GOLANG_MIGRATE,
						version(fileName.substring(0, versionEnd)),
						description(fileName.substring(versionEnd + 1, descriptionEnd), fileName));
			}
		}
		else if (first == 'V' || first == 'U') {
			// ([VU])([0-9]+(?:[._][0-9]+)*)__(.+)\.sql with an upper case prefix. Only the longest version
			// can be followed by "__": a shorter one would end before a separator and a digit.
			int versionEnd = versionEnd(fileName, 1);
			if (versionEnd > 1 && fileName.startsWith("__", versionEnd) && endsWithIgnoreAsciiCase(fileName, ".sql")
					&& isDescription(fileName, versionEnd + 2, length - 4)) {
				return new MigrationFileName((first == 'V') ? Kind.UP : Kind.DOWN, Layout.FLYWAY,
						version(fileName.substring(1, versionEnd)),
						description(fileName.substring(versionEnd + 2, length - 4), fileName));
			}
		}
		else if (first == 'R') {
			// R__(.+)\.sql
			if (fileName.startsWith("__", 1) && endsWithIgnoreAsciiCase(fileName, ".sql")
					&& isDescription(fileName, 3, length - 4)) {
				return new MigrationFileName(Kind.REPEATABLE, Layout.FLYWAY, null,
						description(fileName.substring(3, length - 4), fileName));
			}
		}
		throw new IllegalArgumentException(explain(fileName));
	}

	/** The golang-migrate-layout snapshot suffix: {@code 000042_initial_schema.snapshot.sql}. */
	static final String SNAPSHOT_SUFFIX = ".snapshot.sql";

	/** The golang-migrate-layout repeatable suffix: {@code refresh_views.repeatable.sql}. */
	static final String REPEATABLE_SUFFIX = ".repeatable.sql";

	/**
	 * {@code <name>.repeatable.sql}: the golang-migrate layout has no repeatables of its own, so
	 * Cairn adds one in its style (a suffix, as {@code .up.sql}). A name that also starts like a
	 * versioned or Flyway name is refused rather than guessed at.
	 */
	private static MigrationFileName repeatable(String fileName) {
		String stem = fileName.substring(0, fileName.length() - REPEATABLE_SUFFIX.length());
		if (stem.startsWith("R__") || (stem.length() > 1 && (stem.charAt(0) == 'V' || stem.charAt(0) == 'U')
				&& isAsciiDigit(stem.charAt(1))) || (!stem.isEmpty() && isAsciiDigit(stem.charAt(0)))) {
			throw new IllegalArgumentException("a repeatable's name must not start with a version or a Flyway prefix:"
					+ " name it refresh_views.repeatable.sql or R__refresh_views.sql, not both");
		}
		if (!isDescription(stem, 0, stem.length())) {
			throw new IllegalArgumentException("the repeatable has no name: write it as refresh_views.repeatable.sql");
		}
		return new MigrationFileName(Kind.REPEATABLE, Layout.GOLANG_MIGRATE, null, description(stem, fileName));
	}

	/**
	 * The name a repeatable is known by in history and ordered by: the file name without
	 * {@code R__} or {@code .repeatable.sql} and {@code .sql}, exactly as written
	 * ({@code R__refresh_views.sql} and {@code refresh_views.repeatable.sql} are both
	 * {@code refresh_views}).
	 * @throws IllegalArgumentException if the file is not a repeatable
	 */
	public static String repeatableName(String fileName) {
		if (endsWithIgnoreAsciiCase(fileName, REPEATABLE_SUFFIX)) {
			return fileName.substring(0, fileName.length() - REPEATABLE_SUFFIX.length());
		}
		if (fileName.startsWith("R__") && endsWithIgnoreAsciiCase(fileName, ".sql")) {
			return fileName.substring(3, fileName.length() - 4);
		}
		throw new IllegalArgumentException(fileName + " is not a repeatable migration");
	}

	private static boolean isAsciiDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int digitsEnd(String text, int from) {
		int i = from;
		while (i < text.length() && isAsciiDigit(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** Where {@code [0-9]+(?:[._][0-9]+)*} starting at {@code from} ends, {@code from} if it does not match. */
	private static int versionEnd(String text, int from) {
		int end = digitsEnd(text, from);
		while (end > from && end + 1 < text.length() && (text.charAt(end) == '.' || text.charAt(end) == '_')
				&& isAsciiDigit(text.charAt(end + 1))) {
			end = digitsEnd(text, end + 1);
		}
		return end;
	}

	/**
	 * Whether {@code text} ends with {@code suffix} (lower case), ignoring the case of ASCII letters
	 * only, as the patterns did. Not {@code regionMatches(true, ...)}: that takes U+017F (long s) for s.
	 */
	private static boolean endsWithIgnoreAsciiCase(String text, String suffix) {
		int offset = text.length() - suffix.length();
		if (offset < 0) {
			return false;
		}
		for (int i = 0; i < suffix.length(); i++) {
			char c = text.charAt(offset + i);
			char expected = suffix.charAt(i);
			if (c != expected && !(expected >= 'a' && expected <= 'z' && (c | 0x20) == expected)) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code (.+)} matches the range: not empty, and no line terminator, which {@code .} skips. */
	private static boolean isDescription(String text, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
				return false;
			}
		}
		return true;
	}

	// Package-private, like description and explain, for the regular expressions kept as a test oracle.
	static Version version(String text) {
		try {
			return Version.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + ": versions must fit in 64-bit numbers per part");
		}
	}

	static String description(String raw, String fileName) {
		String description = raw.replace('_', ' ').strip();
		if (description.isEmpty()) {
			throw new IllegalArgumentException("the name has no description: add one after the version, as in "
					+ example(fileName));
		}
		return description;
	}

	static String explain(String fileName) {
		String lower = fileName.toLowerCase(Locale.ROOT);
		if (lower.matches("[0-9]+\\.(up|down)\\.sql") || lower.matches("[vu][0-9._]+(__)?\\.sql")) {
			return "the name has no description: add one after the version, as in " + example(fileName);
		}
		if (lower.matches("[0-9]+_.+\\.sql")) {
			return "golang-migrate names end in .up.sql or .down.sql, as in 000042_add_orders.up.sql";
		}
		if (lower.matches("[vu][0-9]+(?:[._][0-9]+)*_[^_].*\\.sql")) {
			return "Flyway names need two underscores after the version, as in V42__add_orders.sql";
		}
		if (fileName.matches("[vur]_?_.*\\.sql|[vu][0-9].*\\.sql")) {
			return "Flyway prefixes are upper case: V, U or R, as in V42__add_orders.sql";
		}
		return "the name follows neither layout: use 000042_add_orders.up.sql (with .down.sql) or V42__add_orders.sql;"
				+ " move files that are not migrations out of the folder";
	}

	private static String example(String fileName) {
		return Character.isDigit(fileName.charAt(0)) ? "000042_add_orders.up.sql" : "V42__add_orders.sql";
	}

	/** What a file does. */
	public enum Kind {

		/** Applies a version. */
		UP,

		/** Undoes a version ({@code .down.sql} or {@code U} file). */
		DOWN,

		/** Re-applied whenever it changes (Flyway {@code R__}, or {@code .repeatable.sql}). */
		REPEATABLE,

		/**
		 * The whole schema at its version, installing an empty database at once (Flyway
		 * {@code B42__x.sql}, or {@code 000042_x.snapshot.sql}).
		 */
		SNAPSHOT

	}

	/** The naming convention a file follows. */
	public enum Layout {

		GOLANG_MIGRATE, FLYWAY,

		/** goose: {@code 00042_name.sql} with sections; see {@link GooseLayout}. */
		GOOSE,

		/** dbmate: {@code 20240101120000_name.sql} with sections; see {@link DbmateLayout}. */
		DBMATE,

		/** Prisma Migrate: {@code 20240101120000_name/migration.sql}; see {@link PrismaLayout}. */
		PRISMA,

		/** Plain versioned scripts: {@code 2024010100.sql}, {@code 2.13.6_name.sql}; see {@link PlainLayout}. */
		PLAIN

	}

}
