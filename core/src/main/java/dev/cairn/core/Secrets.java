package dev.cairn.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Masks passwords in text Cairn puts into messages, logs, events, health details and HTTP
 * responses. The one masker of the engine and the Spring Boot starter.
 *
 * <p>It reads the text the way the places that carry passwords write them, rather than
 * matching patterns: a value is read to its real end, through quotes, doubled quotes and
 * escapes, so a password with spaces or quotes in it is masked whole.
 * <ul>
 * <li>{@code key=value} where the key ends in {@code password} ({@code sslpassword},
 * {@code PGPASSWORD}, {@code db_password}) or is {@code passwd} or {@code pwd}: JDBC URLs,
 * libpq connection strings (also inside a SQL literal, with doubled quotes:
 * {@code 'password=''a b'''}), semicolon lists; {@code "password": "..."} as in JSON.</li>
 * <li>SQL's {@code PASSWORD <literal>} (roles, user mappings; also a quoted {@code "password"}
 * option), for every literal form: {@code '...'}, {@code E'...'}, {@code U&'...'} and
 * dollar quotes. An unterminated literal (text cut off) is masked to the end.</li>
 * <li>{@code user:password@host} after {@code //}, and as a whole word (the driver reports
 * an unknown host {@code app:secret@db} that way); the password runs to the last {@code @}.</li>
 * </ul>
 * Over-masking is preferred to leaking. An empty password hides nothing and is left alone.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "***";

	private Secrets() {
	}

	/** The text with every password it carries replaced by {@value #MASK}; {@code null} stays {@code null}. */
	public static @Nullable String mask(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		return new Masker(text).run();
	}

	/** Whether {@link #mask} would change the text. */
	public static boolean contains(@Nullable String text) {
		return text != null && !text.equals(mask(text));
	}

	/**
	 * The exception, or a copy of its whole cause chain with every message masked when any of
	 * them (or of an SQLException's next exceptions) carries a password: causes end up in logs
	 * with the exception. A copy keeps each exception's class name in its message, its stack
	 * trace, and an SQLException's SQLSTATE; next exceptions are left out of it.
	 */
	public static <T extends Throwable> Throwable masked(T exception) {
		List<Throwable> chain = new ArrayList<>();
		boolean secret = false;
		for (Throwable each = exception; each != null && !chain.contains(each); each = each.getCause()) {
			chain.add(each);
			secret |= contains(each.getMessage());
			// The driver hangs further errors of a batch on the next-exception chain, which logs print too.
			for (SQLException next = (each instanceof SQLException sql) ? sql.getNextException() : null; next != null
					&& !secret; next = next.getNextException()) {
				secret |= contains(next.getMessage());
			}
		}
		if (!secret) {
			return exception;
		}
		Throwable copy = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			copy = copyOf(chain.get(i), copy);
		}
		return copy;
	}

	private static Throwable copyOf(Throwable original, @Nullable Throwable cause) {
		String message = original.getClass().getName() + ": " + mask(original.getMessage());
		Throwable copy = (original instanceof SQLException sql)
				? new SQLException(message, sql.getSQLState(), sql.getErrorCode(), cause)
				: new MaskedException(message, cause);
		copy.setStackTrace(original.getStackTrace());
		return copy;
	}

	/** An exception of the chain whose message was masked; its message starts with the original class. */
	static final class MaskedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MaskedException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	/** One pass over a text, copying it with the secrets left out. */
	private static final class Masker {

		private final String text;

		private final int length;

		private final StringBuilder out;

		private int at;

		Masker(String text) {
			this.text = text;
			this.length = text.length();
			this.out = new StringBuilder(text.length());
		}

		String run() {
			while (this.at < this.length) {
				if (!(userInfo() || keyed())) {
					this.out.append(this.text.charAt(this.at++));
				}
			}
			return this.out.toString();
		}

		/** {@code user:secret@host} after {@code //} or as a whole word. */
		private boolean userInfo() {
			int start = this.at;
			boolean slashes = this.text.startsWith("//", start);
			if (slashes) {
				start += 2;
			}
			else if (start > 0 && !isWordBoundary(this.text.charAt(start - 1))) {
				return false;
			}
			int end = start;
			while (end < this.length && !isAuthorityEnd(this.text.charAt(end))) {
				end++;
			}
			int at = this.text.lastIndexOf('@', end - 1);
			if (at < start) {
				return false;
			}
			int colon = this.text.indexOf(':', start);
			if (colon < 0 || colon >= at || colon + 1 == at) {
				return false;
			}
			String user = this.text.substring(start, colon);
			if (user.indexOf('@') >= 0 || user.indexOf('/') >= 0 || (!slashes && (user.isEmpty() || !isHost(at + 1, end)))) {
				return false;
			}
			this.out.append(this.text, this.at, colon + 1).append(MASK);
			this.at = at;
			return true;
		}

		private boolean isHost(int from, int to) {
			if (from >= to) {
				return false;
			}
			for (int i = from; i < to; i++) {
				char c = this.text.charAt(i);
				if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']')) {
					return false;
				}
			}
			return true;
		}

		/** A password key here: its value masked, whatever form it has. */
		private boolean keyed() {
			int keyEnd = keyEnd();
			if (keyEnd < 0) {
				return false;
			}
			// Only the word itself is SQL's PASSWORD keyword; sslpassword or db_password never are.
			boolean sqlKeyword = keyEnd - this.at == 8 && this.text.regionMatches(true, this.at, "password", 0, 8);
			int p = keyEnd;
			char before = (this.at > 0) ? this.text.charAt(this.at - 1) : ' ';
			boolean quotedKey = (before == '"' || before == '\'') && p < this.length && this.text.charAt(p) == before;
			if (quotedKey) {
				p++;
			}
			p = skipBlanks(p);
			if (p < this.length && (this.text.charAt(p) == '=' || (quotedKey && this.text.charAt(p) == ':'))) {
				int valueStart = skipBlanks(p + 1);
				int valueEnd = valueEnd(valueStart);
				if (valueEnd < 0) {
					return false;
				}
				this.out.append(this.text, this.at, valueStart);
				appendMaskedValue(valueStart, valueEnd);
				this.at = valueEnd;
				return true;
			}
			if ((sqlKeyword || quotedKey) && p > keyEnd) {
				int literalEnd = literalEnd(p);
				if (literalEnd > p) {
					this.out.append(this.text, this.at, p).append('\'').append(MASK).append('\'');
					this.at = literalEnd;
					return true;
				}
			}
			return false;
		}

		/** The end of a key that names a password starting here, or -1. */
		private int keyEnd() {
			if (this.at > 0 && isWordChar(this.text.charAt(this.at - 1))) {
				return -1;
			}
			int end = this.at;
			while (end < this.length && isWordChar(this.text.charAt(end))) {
				end++;
			}
			int word = end - this.at;
			if (word >= 8 && this.text.regionMatches(true, end - 8, "password", 0, 8)) {
				return end;
			}
			if ((word == 6 && this.text.regionMatches(true, this.at, "passwd", 0, 6))
					|| (word == 3 && this.text.regionMatches(true, this.at, "pwd", 0, 3))) {
				return end;
			}
			return -1;
		}

		/** The end of a {@code key=} value starting here, or -1 when it is empty. */
		private int valueEnd(int start) {
			if (start >= this.length) {
				return -1;
			}
			if (this.text.startsWith("''", start)) {
				// A connection string inside a SQL literal: its quotes are doubled.
				if (start + 2 < this.length && this.text.charAt(start + 2) != '\'') {
					int close = this.text.indexOf("''", start + 2);
					return (close < 0) ? this.length : close + 2;
				}
				return -1;
			}
			char first = this.text.charAt(start);
			if (first == '\'' || first == '"') {
				int p = start + 1;
				while (p < this.length && this.text.charAt(p) != first) {
					p += (this.text.charAt(p) == '\\') ? 2 : 1;
				}
				return (p + 1 == start + 2) ? -1 : Math.min(p + 1, this.length);
			}
			int p = start;
			while (p < this.length && !isValueEnd(this.text.charAt(p))) {
				p++;
			}
			return (p == start) ? -1 : p;
		}

		private void appendMaskedValue(int start, int end) {
			if (this.text.startsWith("''", start)) {
				this.out.append("''").append(MASK).append((end - start >= 4 && this.text.startsWith("''", end - 2)) ? "''" : "");
				return;
			}
			char first = this.text.charAt(start);
			if (first == '\'' || first == '"') {
				this.out.append(first).append(MASK).append((end - start >= 2 && this.text.charAt(end - 1) == first) ? first : "");
				return;
			}
			this.out.append(MASK);
		}

		/** The end of a SQL literal starting here, in any of its forms, or -1. */
		private int literalEnd(int start) {
			int p = start;
			boolean escapes = false;
			if (p + 1 < this.length && (this.text.charAt(p) == 'E' || this.text.charAt(p) == 'e')
					&& this.text.charAt(p + 1) == '\'') {
				p++;
				escapes = true;
			}
			else if (this.text.regionMatches(true, p, "U&'", 0, 3)) {
				p += 2;
			}
			if (p < this.length && this.text.charAt(p) == '\'') {
				p++;
				while (p < this.length) {
					char c = this.text.charAt(p);
					if (c == '\\' && escapes) {
						p += 2;
					}
					else if (c == '\'') {
						if (p + 1 < this.length && this.text.charAt(p + 1) == '\'') {
							p += 2;
						}
						else {
							return p + 1;
						}
					}
					else {
						p++;
					}
				}
				return this.length;
			}
			if (p < this.length && this.text.charAt(p) == '$') {
				int tagEnd = this.text.indexOf('$', p + 1);
				if (tagEnd < 0) {
					return -1;
				}
				String tag = this.text.substring(p, tagEnd + 1);
				for (int i = p + 1; i < tagEnd; i++) {
					if (!isWordChar(this.text.charAt(i))) {
						return -1;
					}
				}
				int close = this.text.indexOf(tag, tagEnd + 1);
				return (close < 0) ? this.length : close + tag.length();
			}
			return -1;
		}

		private int skipBlanks(int p) {
			while (p < this.length && Character.isWhitespace(this.text.charAt(p))) {
				p++;
			}
			return p;
		}

		private static boolean isWordChar(char c) {
			return Character.isLetterOrDigit(c) || c == '_';
		}

		private static boolean isWordBoundary(char c) {
			return Character.isWhitespace(c) || c == '(' || c == '"' || c == '\'' || c == '=' || c == ',';
		}

		private static boolean isAuthorityEnd(char c) {
			return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == ')' || c == ','
					|| Character.isWhitespace(c);
		}

		private static boolean isValueEnd(char c) {
			return c == '&' || c == ';' || c == '\'' || c == '"' || c == ')' || c == ',' || c == '}'
					|| Character.isWhitespace(c);
		}

	}

}
