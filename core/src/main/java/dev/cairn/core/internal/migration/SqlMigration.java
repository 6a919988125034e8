package dev.cairn.core.internal.migration;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.Checksums;
import dev.cairn.core.internal.scan.ScannedFile;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlScriptException;
import dev.cairn.core.internal.sql.SqlScriptParser;
import dev.cairn.core.internal.sql.SqlStatement;

/**
 * A versioned migration on disk: its up file and, if there is one, its down file.
 *
 * @param version the version
 * @param description the description from the up file's name
 * @param up the file that applies it
 * @param down the file that undoes it, if any
 * @param checksum the up file's checksum (see {@link Checksums})
 */
public record SqlMigration(Version version, String description, ScannedFile up, @Nullable ScannedFile down,
		String checksum) implements Migration {

	/** The up file's name relative to its location: what the history table records. */
	@Override
	public String script() {
		return this.up.name();
	}

	@Override
	public String displayName() {
		return this.up.displayName();
	}

	@Override
	public String identity() {
		return this.up.fileName();
	}

	@Override
	public boolean undoable() {
		return this.down != null;
	}

	@Override
	public @Nullable String undoName() {
		return (this.down != null) ? this.down.name() : null;
	}

	/**
	 * Reads and parses the up file; a statement PostgreSQL refuses inside a transaction needs
	 * the file to say {@code -- cairn:no-transaction}.
	 */
	@Override
	public PreparedSql prepare() {
		return checked(parse(this.up), this.up);
	}

	static PreparedSql checked(PreparedSql prepared, ScannedFile file) {
		return checked(prepared, file.displayName());
	}

	static PreparedSql checked(PreparedSql prepared, String displayName) {
		if (prepared.script().transactional()) {
			Optional<SqlStatement> refused = prepared.script().firstRequiringNoTransaction();
			if (refused.isPresent()) {
				throw new InvalidMigrationException(displayName + ":" + refused.get().line() + ": "
						+ refused.get().keyword() + " statement " + prepared.mask(abbreviate(refused.get().sql()))
						+ " cannot run inside a transaction: put -- cairn:no-transaction as the first line of the file"
						+ " (and keep such statements in a migration of their own)");
			}
		}
		return prepared;
	}

	/**
	 * Reads and parses the down file, with the up file's checks: a statement PostgreSQL refuses
	 * inside a transaction needs {@code -- cairn:no-transaction} here too.
	 * @throws InvalidMigrationException if it is not UTF-8, does not parse or lacks the marker
	 * @throws IllegalStateException if there is no down file
	 */
	@Override
	public PreparedSql prepareUndo() {
		if (this.down == null) {
			throw new IllegalStateException(displayName() + " has no down file");
		}
		return checked(parse(this.down), this.down);
	}

	private PreparedSql parse(ScannedFile file) {
		return parse(this, file);
	}

	/** Reads and parses one file of {@code owner}, as every SQL kind does. */
	static PreparedSql parse(Migration owner, ScannedFile file) {
		String text;
		try {
			text = text(file);
		}
		catch (InvalidEncodingException | IllegalStateException ex) {
			// IllegalStateException: a file listed in a jar's index that cannot be read or does not match it
			throw new InvalidMigrationException(ex.getMessage());
		}
		try {
			return new PreparedSql(owner, file.displayName(), text, SqlScriptParser.parse(text));
		}
		catch (SqlScriptException ex) {
			throw new InvalidMigrationException(file.displayName() + ":" + ex.line() + ": " + ex.getMessage());
		}
	}

	private static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return (flat.length() > 60) ? flat.substring(0, 57) + "..." : flat;
	}

	/**
	 * The up file's text, without a leading byte order mark.
	 * @throws InvalidEncodingException if the file is not valid UTF-8
	 */
	public String upText() {
		return text(this.up);
	}

	public static String text(ScannedFile file) {
		byte[] content = file.content();
		int start = Checksums.hasBom(content) ? 3 : 0;
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		String text;
		try {
			text = decoder.decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidEncodingException(file, firstBadByte(content, start));
		}
		// Valid UTF-8, but PostgreSQL text cannot hold it and the wire protocol breaks on it.
		for (int i = start; i < content.length; i++) {
			if (content[i] == 0) {
				throw new InvalidEncodingException(file, i, "the file contains a NUL byte (byte " + (i + 1)
						+ "), which PostgreSQL text cannot hold: remove it (write binary data as a bytea literal"
						+ " such as '\\x00'::bytea)");
			}
		}
		return text;
	}

	private static int firstBadByte(byte[] content, int start) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		int low = start;
		int high = content.length;
		// Binary search for the longest valid prefix; cut points inside a character are tolerated by the end check.
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (decodes(decoder, content, start, mid)) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return low;
	}

	private static boolean decodes(CharsetDecoder decoder, byte[] content, int start, int end) {
		try {
			decoder.reset().decode(ByteBuffer.wrap(content, start, end - start));
			return true;
		}
		catch (CharacterCodingException ex) {
			// A prefix cut in the middle of a valid character fails too; accept it if a few more bytes decode.
			for (int extra = 1; extra <= 3 && end + extra <= content.length; extra++) {
				try {
					decoder.reset().decode(ByteBuffer.wrap(content, start, end + extra - start));
					return true;
				}
				catch (CharacterCodingException ignored) {
					// try a longer cut
				}
			}
			return false;
		}
	}

	/**
	 * A migration file that is not valid UTF-8.
	 */
	public static final class InvalidEncodingException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int line;

		public InvalidEncodingException(ScannedFile file, int offset) {
			this(file, offset, "the file is not valid UTF-8 (byte " + (offset + 1) + "): save it as UTF-8");
		}

		InvalidEncodingException(ScannedFile file, int offset, String reason) {
			super(file.displayName() + ":" + lineOf(file.content(), offset) + ": " + reason);
			this.line = lineOf(file.content(), offset);
		}

		public int line() {
			return this.line;
		}

		private static int lineOf(byte[] content, int offset) {
			int line = 1;
			for (int i = 0; i < offset && i < content.length; i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			return line;
		}

	}

}
