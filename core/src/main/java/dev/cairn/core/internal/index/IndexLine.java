package dev.cairn.core.internal.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.files.ManifestFormatException;

/**
 * A file a jar's index lists: its name and checksum, the two things the runtime takes from it.
 * The lines {@code cairn:index} writes ({@code version[ late]  sha256  file}) are cut with a
 * few {@code indexOf} calls, as a start reads one per migration before the JIT has run; any
 * other shape, and every error, goes through {@link Manifest#parse}, so the index reads as the
 * manifest format defines it. One check is left out: that the checksum is hex. A checksum that
 * is not one never matches, so a corrupted index shows as drift of an applied migration or as a
 * mismatch when a pending file is read, never as a match.
 *
 * @param script the path relative to the location
 * @param checksum the checksum the index lists
 */
record IndexLine(String script, String checksum) {

	private static final String HEADER = "# cairn manifest 1\n";

	private static final int SHA256_HEX = 64;

	/**
	 * The lines of an index.
	 * @param bytes the index
	 * @param source how messages name it
	 * @throws ManifestFormatException as {@link Manifest#parse} throws it
	 */
	static List<IndexLine> parse(byte[] bytes, String source) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		List<IndexLine> lines = text.startsWith(HEADER) ? written(text) : null;
		if (lines != null) {
			return lines;
		}
		List<IndexLine> parsed = new ArrayList<>();
		for (ManifestEntry entry : Manifest.parse(text, source).entries()) {
			parsed.add(new IndexLine(entry.script(), entry.checksum()));
		}
		return parsed;
	}

	/** The lines of an index in the shape {@code cairn:index} writes, or {@code null} if one differs. */
	private static List<IndexLine> written(String text) {
		List<IndexLine> lines = new ArrayList<>();
		Set<String> scripts = new HashSet<>();
		int start = HEADER.length();
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			if (text.charAt(start) != '#') {
				int gap = text.indexOf("  ", start);
				int checksumEnd = gap + 2 + SHA256_HEX;
				// version[ late], two spaces, the checksum, two spaces, a name without surrounding blanks.
				if (gap <= start || checksumEnd + 2 >= end || text.charAt(checksumEnd) != ' '
						|| text.charAt(checksumEnd + 1) != ' ' || text.charAt(checksumEnd + 2) <= ' '
						|| text.charAt(end - 1) <= ' ') {
					return null;
				}
				String script = text.substring(checksumEnd + 2, end);
				if (!scripts.add(script)) {
					return null; // listed twice: let the manifest's parser say so
				}
				lines.add(new IndexLine(script, text.substring(gap + 2, checksumEnd)));
			}
			start = end + 1;
		}
		return lines;
	}

}
