package dev.cairn.core.scan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * A parsed migration file name. Both layouts are read:
 * <ul>
 * <li>golang-migrate: {@code 000042_add_orders.up.sql}, {@code 000042_add_orders.down.sql}</li>
 * <li>Flyway: {@code V42__add_orders.sql}, undo {@code U42__add_orders.sql}, repeatable
 * {@code R__refresh_views.sql}; version parts separated by {@code .} or {@code _}</li>
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

	private static final Pattern GOLANG_MIGRATE = Pattern.compile("([0-9]+)_(.+)\\.(up|down)\\.sql",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FLYWAY = Pattern.compile("([VU])([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql", Pattern.CASE_INSENSITIVE);

	/** Whether a file in a migrations folder is meant as a migration at all. */
	public static boolean isCandidate(String fileName) {
		return !fileName.startsWith(".") && fileName.toLowerCase(Locale.ROOT).endsWith(".sql");
	}

	/**
	 * Parses a candidate file name.
	 * @throws IllegalArgumentException saying why the name is not usable and what it should look like
	 */
	public static MigrationFileName parse(String fileName) {
		Matcher matcher = GOLANG_MIGRATE.matcher(fileName);
		if (matcher.matches()) {
			Kind kind = matcher.group(3).equalsIgnoreCase("up") ? Kind.UP : Kind.DOWN;
			return new MigrationFileName(kind, Layout.GOLANG_MIGRATE, version(matcher.group(1)),
					description(matcher.group(2), fileName));
		}
		matcher = FLYWAY.matcher(fileName);
		if (matcher.matches() && Character.isUpperCase(fileName.charAt(0))) {
			Kind kind = (matcher.group(1).equals("V")) ? Kind.UP : Kind.DOWN;
			return new MigrationFileName(kind, Layout.FLYWAY, version(matcher.group(2)),
					description(matcher.group(3), fileName));
		}
		matcher = FLYWAY_REPEATABLE.matcher(fileName);
		if (matcher.matches() && fileName.charAt(0) == 'R') {
			return new MigrationFileName(Kind.REPEATABLE, Layout.FLYWAY, null, description(matcher.group(1), fileName));
		}
		throw new IllegalArgumentException(explain(fileName));
	}

	private static Version version(String text) {
		try {
			return Version.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + ": versions must fit in 64-bit numbers per part");
		}
	}

	private static String description(String raw, String fileName) {
		String description = raw.replace('_', ' ').strip();
		if (description.isEmpty()) {
			throw new IllegalArgumentException("the name has no description: add one after the version, as in "
					+ example(fileName));
		}
		return description;
	}

	private static String explain(String fileName) {
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

		/** Re-applied whenever it changes (Flyway {@code R__}). */
		REPEATABLE

	}

	/** The naming convention a file follows. */
	public enum Layout {

		GOLANG_MIGRATE, FLYWAY

	}

}
