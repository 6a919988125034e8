package dev.cairn.core.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * The list of a migrations folder's files with their checksums: committed beside the files
 * ({@value #FILE_NAME}) so a build can tell an edited, renamed or removed migration without a
 * database, and generated into a jar ({@link #indexPath}) so the runtime need not list and hash
 * what a jar cannot change. Plain text, one file a line, so that a pull request's diff shows
 * which migrations it adds:
 *
 * <pre>
 * # cairn manifest 1
 * # version  sha256  file; "late" after the version marks a file added below the highest listed one
 * 1  9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  000001_create_books.up.sql
 * 1  60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752  000001_create_books.down.sql
 * 3 late  fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13  000003_add_isbn.up.sql
 * R  ...  R__refresh_views.sql
 * </pre>
 *
 * Lines keep the order they were added in, so a file merged late stays visible where it was
 * added. Blank lines and lines starting with {@code #} are comments.
 *
 * @param entries the files, in the order they were listed
 */
public record Manifest(List<ManifestEntry> entries) {

	/** The committed manifest's name, inside the migrations folder it lists. */
	public static final String FILE_NAME = "cairn-manifest.txt";

	/**
	 * The name of a location's index inside its folder in a jar. Hidden, so no scan takes it for a
	 * migration, and inside the location rather than under {@code META-INF}, which Spring Boot's
	 * repackaging moves out of {@code BOOT-INF/classes}.
	 */
	public static final String INDEX_FILE_NAME = ".cairn-index";

	private static final String HEADER = "# cairn manifest 1";

	private static final String REPEATABLE = "R";

	private static final String LATE = "late";


	public Manifest {
		entries = List.copyOf(entries);
	}

	/**
	 * The resource a jar's index of a classpath location has, such as
	 * {@code db/migrations/.cairn-index}.
	 * @param classpathFolder the location's path, without {@code classpath:} and slashes around it
	 * @return the resource name
	 */
	public static String indexPath(String classpathFolder) {
		return classpathFolder + "/" + INDEX_FILE_NAME;
	}

	/**
	 * Reads a manifest.
	 * @param text the manifest's text
	 * @param source how messages name the manifest (its path)
	 * @return the manifest
	 * @throws ManifestFormatException naming the line that cannot be read and what to do
	 */
	public static Manifest parse(String text, String source) {
		List<ManifestEntry> entries = new ArrayList<>();
		Set<String> scripts = new HashSet<>();
		// Split by hand, not by a regex: a jar's index is read on every start, one line per migration.
		List<String> lines = lines(text);
		boolean headerSeen = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("# cairn manifest ")) {
				if (!line.equals(HEADER)) {
					throw new ManifestFormatException(source, i + 1, "this manifest was written in format '"
							+ line.substring(17) + "', which this version of Cairn does not read: upgrade Cairn");
				}
				headerSeen = true;
				continue;
			}
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			ManifestEntry entry = entry(line, source, i + 1);
			if (!scripts.add(entry.script())) {
				throw new ManifestFormatException(source, i + 1, entry.script() + " is listed twice: delete one of the lines"
						+ " (or write the manifest again with mvn cairn:manifest)");
			}
			entries.add(entry);
		}
		if (!headerSeen && !entries.isEmpty()) {
			throw new ManifestFormatException(source, 1, "the first line must be '" + HEADER
					+ "': this is not a Cairn manifest, or its header was deleted");
		}
		return new Manifest(entries);
	}

	/** The lines of a text split at LF or CRLF, a trailing empty one included (as split(text, -1)). */
	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
			int cut = (end > start && text.charAt(end - 1) == '\r') ? end - 1 : end;
			lines.add(text.substring(start, cut));
			start = end + 1;
		}
		lines.add(text.substring(start));
		return lines;
	}

	/** The first {@code limit - 1} whitespace-separated fields of a stripped line and the rest (as split("\\s+", limit)). */
	private static String[] fields(String line, int limit) {
		List<String> parts = new ArrayList<>(limit);
		int at = 0;
		int length = line.length();
		while (at < length && parts.size() < limit - 1) {
			int end = at;
			while (end < length && !isBlank(line.charAt(end))) {
				end++;
			}
			parts.add(line.substring(at, end));
			at = end;
			while (at < length && isBlank(line.charAt(at))) {
				at++;
			}
		}
		if (at < length) {
			parts.add(line.substring(at));
		}
		return parts.toArray(String[]::new);
	}

	/** What the regex {@code \s} matches: the separators a manifest line may use. */
	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	private static ManifestEntry entry(String line, String source, int number) {
		String[] parts = fields(line, 4);
		int next = 1;
		Version version = null;
		if (!parts[0].equals(REPEATABLE)) {
			try {
				version = Version.parse(parts[0]);
			}
			catch (IllegalArgumentException ex) {
				throw new ManifestFormatException(source, number, ex.getMessage()
						+ ": a line is 'version [late] sha256 file' (R as the version of a repeatable file)");
			}
		}
		boolean late = parts.length > next && parts[next].equals(LATE);
		if (late) {
			next++;
		}
		if (parts.length < next + 2) {
			throw new ManifestFormatException(source, number,
					"a line is 'version [late] sha256 file': this one has too few fields");
		}
		String checksum = parts[next];
		if (checksum.length() != 64 || !isLowerHex(checksum)) {
			throw new ManifestFormatException(source, number, "'" + checksum
					+ "' is not a SHA-256 (64 lower-case hex digits): write the manifest again with mvn cairn:manifest");
		}
		// The file name is the rest of the line, so names with spaces survive.
		String script = line.substring(line.indexOf(checksum) + checksum.length()).strip();
		if (script.isEmpty()) {
			throw new ManifestFormatException(source, number, "the line names no file after the checksum");
		}
		return new ManifestEntry(version, late, checksum, script);
	}

	// Plain comparisons: a start reads one checksum per migration, often before the JIT has run.
	private static boolean isLowerHex(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes the manifest in the form {@link #parse} reads, ending with a line break.
	 * @return the text
	 */
	public String format() {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		text.append("# version  sha256  file. Written by mvn cairn:manifest, checked by mvn cairn:verify: do not edit by hand.\n");
		text.append("# \"late\" after a version marks a file knowingly added below the highest version listed before it.\n");
		for (ManifestEntry entry : this.entries) {
			text.append((entry.version() != null) ? entry.version().toString() : REPEATABLE);
			if (entry.late()) {
				text.append(' ').append(LATE);
			}
			text.append("  ").append(entry.checksum()).append("  ").append(entry.script()).append('\n');
		}
		return text.toString();
	}

	/** The entry listing a script, or {@code null}. */
	public @Nullable ManifestEntry find(String script) {
		for (ManifestEntry entry : this.entries) {
			if (entry.script().equals(script)) {
				return entry;
			}
		}
		return null;
	}

}
