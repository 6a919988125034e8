package dev.cairn.core.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.cairn.core.Version;

/**
 * The next migration of a folder, in the folder's own layout: a golang-migrate up/down pair or
 * a Flyway {@code V} file (with its {@code U} file when the folder has undo files), numbered
 * one above the highest version (same width, same separator), or a timestamp when the folder's
 * versions are timestamps. A version is never reused or skipped: the new one is the highest
 * plus one in the last part, and a timestamp that would not be above the highest version is
 * replaced by the highest plus one.
 */
public final class NewMigration {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

	private NewMigration() {
	}

	/**
	 * The files the next migration consists of, not yet written.
	 * @param folder the folder as it is now
	 * @param name the description, such as {@code add_orders} (spaces and hyphens become underscores)
	 * @param noTransaction whether the files start with {@code -- cairn:no-transaction}
	 * @param now the time, for folders numbered by timestamps
	 * @return the files, up file first
	 * @throws IllegalArgumentException if the name is unusable or the folder has unreadable or
	 * unparseable files (one of which might hold the next version)
	 */
	public static List<NewFile> plan(MigrationFolder folder, String name, boolean noTransaction, Instant now) {
		String description = description(name);
		if (!folder.problems().isEmpty()) {
			throw new IllegalArgumentException("the folder " + folder.root() + " has files Cairn cannot read, one of which"
					+ " might hold the next version; fix them first: " + String.join("; ", folder.problems()));
		}
		FolderFile highest = folder.highest().orElse(null);
		FolderFile.Layout layout = (highest != null) ? highest.layout() : FolderFile.Layout.GOLANG_MIGRATE;
		String version = (highest != null) ? nextVersion(highest, now) : "000001";
		String prefix = (highest != null && highest.script().contains("/"))
				? highest.script().substring(0, highest.script().lastIndexOf('/') + 1) : "";
		String header = (noTransaction ? "-- cairn:no-transaction\n" : "") + "-- " + description.replace('_', ' ') + "\n\n";
		List<NewFile> files = new ArrayList<>();
		if (layout == FolderFile.Layout.GOLANG_MIGRATE) {
			files.add(new NewFile(prefix + version + "_" + description + ".up.sql", header));
			files.add(new NewFile(prefix + version + "_" + description + ".down.sql", header));
		}
		else {
			files.add(new NewFile(prefix + "V" + version + "__" + description + ".sql", header));
			boolean undoFiles = folder.files().stream()
				.anyMatch((file) -> file.layout() == FolderFile.Layout.FLYWAY && file.kind() == FolderFile.Kind.DOWN);
			if (undoFiles) {
				files.add(new NewFile(prefix + "U" + version + "__" + description + ".sql", header));
			}
		}
		for (NewFile file : files) {
			if (folder.find(file.script()).isPresent()) {
				throw new IllegalArgumentException(folder.root().resolve(file.script()) + " exists already");
			}
		}
		return List.copyOf(files);
	}

	private static String description(String name) {
		String description = name.strip().replaceAll("[\\s-]+", "_");
		if (description.isEmpty() || !NAME.matcher(description).matches()) {
			throw new IllegalArgumentException("the name '" + name + "' cannot be part of a file name: use letters, digits"
					+ " and underscores, as in -Dname=add_orders");
		}
		return description;
	}

	/** One above the highest version, written like it. */
	static String nextVersion(FolderFile highest, Instant now) {
		String text = highest.versionText();
		Version current = highest.version();
		String timestamp = timestamp(text, now);
		if (timestamp != null) {
			return (Version.parse(timestamp).compareTo(current) > 0) ? timestamp : increment(text);
		}
		return increment(text);
	}

	/** The time in the folder's timestamp format, or {@code null} when its versions are not timestamps. */
	private static String timestamp(String text, Instant now) {
		if (!text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		if (text.length() == 14 && (text.startsWith("19") || text.startsWith("20"))) {
			return SECONDS.format(now);
		}
		if (text.length() == 12 && (text.startsWith("19") || text.startsWith("20"))) {
			return MINUTES.format(now);
		}
		if (text.length() == 10 && text.charAt(0) != '0') {
			return Long.toString(now.getEpochSecond());
		}
		return null;
	}

	/** The last part plus one, keeping its width ({@code 000041} to {@code 000042}, {@code 1.9} to {@code 1.10}). */
	private static String increment(String text) {
		int start = Math.max(text.lastIndexOf('.'), text.lastIndexOf('_')) + 1;
		String last = text.substring(start);
		String next = new java.math.BigInteger(last).add(java.math.BigInteger.ONE).toString();
		if (next.length() < last.length()) {
			next = "0".repeat(last.length() - next.length()) + next;
		}
		Version.parse(next); // a version part must fit 64 bits
		return text.substring(0, start) + next;
	}

	/**
	 * A file to create.
	 *
	 * @param script its path relative to the migrations folder
	 * @param content what it starts with
	 */
	public record NewFile(String script, String content) {

	}

}
