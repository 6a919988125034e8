package dev.cairn.core.internal.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A file's bytes cut at line feeds, for the layouts that keep sections in one file. Works on bytes,
 * not text, so a section keeps the file's exact bytes (and a bad UTF-8 byte is still reported by
 * the script reader at its real line).
 */
final class Lines {

	/** The directive a section of a no-transaction file starts with, in place of its marker line. */
	static final byte[] NO_TRANSACTION = "-- cairn:no-transaction".getBytes(StandardCharsets.US_ASCII);

	private final byte[] content;

	private final int[] starts;

	private final int count;

	Lines(byte[] content) {
		this.content = content;
		int[] starts = new int[16];
		int count = 0;
		int start = Checksums.hasBom(content) ? 3 : 0;
		starts[count++] = start;
		for (int i = start; i < content.length; i++) {
			if (content[i] == '\n') {
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i + 1;
			}
		}
		this.starts = starts;
		this.count = count;
	}

	/** How many lines, the last one possibly empty (after a final line feed). */
	int count() {
		return this.count;
	}

	/** Line {@code index} (0-based) without its line ending and surrounding blanks. */
	String text(int index) {
		int start = this.starts[index];
		int end = end(index);
		return new String(this.content, start, end - start, StandardCharsets.UTF_8).strip();
	}

	private int end(int index) {
		return (index + 1 < this.count) ? this.starts[index + 1] - 1 : this.content.length;
	}

	/**
	 * A section as a script of its own: lines before {@code marker} and the marker line itself
	 * emptied (the marker replaced by {@code -- cairn:no-transaction} when asked), the lines from
	 * {@code marker + 1} to {@code to} (exclusive) as they are except those in {@code blank}, and
	 * nothing after: the script's line numbers are the file's.
	 */
	byte[] section(int marker, int to, Set<Integer> blank, boolean noTransaction) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, this.starts[Math.min(to, this.count - 1)]));
		for (int i = 0; i < marker; i++) {
			out.write('\n');
		}
		if (noTransaction) {
			out.writeBytes(NO_TRANSACTION);
		}
		for (int i = marker + 1; i < to; i++) {
			out.write('\n');
			if (!blank.contains(i)) {
				int start = this.starts[i];
				int end = end(i);
				if (end > start && this.content[end - 1] == '\r') {
					end--; // the CR of a CRLF line; the checksum rule ignores it anyway
				}
				out.write(this.content, start, end - start);
			}
		}
		if (to < this.count) {
			out.write('\n'); // the last line's own line feed; at the end of the file, as the file ends
		}
		return out.toByteArray();
	}

	/** Whether a line holds SQL rather than only blanks or a line comment. */
	boolean isStatement(int index) {
		int first = firstNonBlank(index);
		return first >= 0 && !isComment(index);
	}

	/**
	 * Whether a line starts with {@code --} after blanks: the only lines a marker can be on. Read
	 * on the bytes, so most lines of a file cost no string.
	 */
	boolean isComment(int index) {
		int first = firstNonBlank(index);
		return first >= 0 && first + 1 < end(index) && this.content[first] == '-' && this.content[first + 1] == '-';
	}

	private int firstNonBlank(int index) {
		int end = end(index);
		for (int i = this.starts[index]; i < end; i++) {
			byte b = this.content[i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
				return i;
			}
		}
		return -1;
	}

	/** The lines of a file, for a marker search that reads the file only if it could hold one. */
	static boolean mayHold(byte[] content, String marker) {
		byte[] bytes = marker.getBytes(StandardCharsets.US_ASCII);
		byte first = bytes[0];
		outer: for (int i = 0; i + bytes.length <= content.length; i++) {
			if (content[i] != first) {
				continue;
			}
			for (int j = 1; j < bytes.length; j++) {
				if (content[i + j] != bytes[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
