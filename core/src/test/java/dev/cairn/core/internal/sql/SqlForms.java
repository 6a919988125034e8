package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random text, and PostgreSQL's quoted forms and comments holding it: every way a {@code ;}, a quote of
 * another kind or a comment marker can hide inside something the splitter must take whole.
 */
final class SqlForms {

	/** Which characters content may hold. */
	enum Alphabet {
		/** Anything a Java string can hold: NUL, lone surrogates, control characters. */
		ANY,
		/** What PostgreSQL stores in UTF-8 text: no NUL, no lone surrogates. */
		SERVER
	}

	/** Pieces that matter to a lexer; content is mostly made of these. */
	private static final List<String> TRICKY = List.of(
			";", ";", ";", "'", "''", "\"", "\"\"", "$", "$$", "$a$", "$_1$", "$é$", "$1", "--", "/*", "*/", "/**/",
			"\\", "\\\\", "\\'", "E'", "e'", "U&'", "u&\"", "B'", "X'", "N'", "(", ")", "begin", "BEGIN ATOMIC",
			"atomic", "end", "END;", "case", "\n", "\r", "\r\n", "\t", " ", "  ", "\f", "é", "ß", "日本", "😀", "\u00a0",
			"\u2028", "\uFEFF", "-", "*", "/", "cairn:", "\\.", "\\i x", "\\x41", "\\u00e9", "\\n", "COMMIT",
			"COPY x FROM STDIN", ":=", "::", "%", "?", "a$b", "UESCAPE");

	private static final List<String> ANY_ONLY = List.of("\u0000", "\uD800", "\uDC00", "\uDBFF\uDBFF", "\u000B");

	private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

	private static final String TAG_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_é";

	private static final String TAG_PART = TAG_START + "0123456789";

	/** Block comments whose ends PostgreSQL finds by rules that are easy to get wrong. */
	private static final List<String> TRICKY_COMMENTS = List.of(
			"/**/", "/***/", "/* **/", "/*** x ***/", "/*/ x */", "/* /*/ x */ */", "/*/**/*/", "/* a /* b; */ c; */",
			"/* -- ; */", "/* ' \" $$ */", "/*\n;\n*/");

	private SqlForms() {
	}

	static <T> T pick(SplittableRandom random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	static boolean chance(SplittableRandom random, int percent) {
		return random.nextInt(100) < percent;
	}

	/** A count from 0 to max, small ones much more often. */
	static int small(SplittableRandom random, int max) {
		return random.nextInt(random.nextInt(max + 1) + 1);
	}

	static String randomCase(SplittableRandom random, String word) {
		StringBuilder out = new StringBuilder(word.length());
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
		}
		return out.toString();
	}

	/** Up to {@code max} parts of tricky pieces, letters and random characters. */
	static String content(SplittableRandom random, Alphabet alphabet, int max) {
		int parts = small(random, max);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < parts; i++) {
			int roll = random.nextInt(20);
			if (roll < 11) {
				out.append(pick(random, TRICKY));
			}
			else if (roll < 17) {
				out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
			}
			else if (alphabet == Alphabet.ANY && roll == 17) {
				out.append(pick(random, ANY_ONLY));
			}
			else {
				out.appendCodePoint(codePoint(random, alphabet));
			}
		}
		return out.toString();
	}

	/** A random character: any UTF-16 unit for ANY, a valid non-NUL code point (mostly in the BMP) for SERVER. */
	static int codePoint(SplittableRandom random, Alphabet alphabet) {
		if (alphabet == Alphabet.ANY) {
			return random.nextInt(0x10000);
		}
		while (true) {
			int codePoint = random.nextBoolean() ? 1 + random.nextInt(0x7FF) : 1 + random.nextInt(0x10FFFF);
			if (!(codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
				return codePoint;
			}
		}
	}

	/** {@code '...'} with {@code ''} for a quote, after a prefix such as {@code N}, {@code B} or {@code X}. */
	static String standard(String prefix, String content) {
		return prefix + "'" + content.replace("'", "''") + "'";
	}

	/** {@code E'...'}: backslash escapes of every kind, and {@code \'} or {@code ''} for a quote. */
	static String escape(SplittableRandom random, String content, Alphabet alphabet) {
		return (random.nextBoolean() ? "E'" : "e'") + escapeBody(random, content, alphabet, false) + "'";
	}

	/**
	 * The text between the quotes of an E'...' string holding the content. For ANY, each quote becomes
	 * {@code \'} or {@code ''} at random. For SERVER, whose statements go through pgjdbc's own parser, one
	 * way per string: pgjdbc (issue 944, still so in 42.7) reads an E'' string only up to a {@code ''} and
	 * the rest as a standard string, so a later {@code \'} makes it split the statement wrongly (see
	 * {@code SqlScriptParserOracleTest}).
	 *
	 * <p>In a continuation ({@code E'a'}, a line end, {@code 'b'}) always {@code ''}: PostgreSQL reads
	 * {@code 'b'} as an escape string too, where {@code \'} does not end it, but Cairn's lexer (like psql)
	 * reads it as a standard string. A known difference, see src/docs/splitter-fuzzing.md.
	 */
	private static String escapeBody(SplittableRandom random, String content, Alphabet alphabet,
			boolean continuation) {
		StringBuilder out = new StringBuilder();
		String serverQuote = random.nextBoolean() ? "''" : "\\'";
		content.codePoints().forEach((c) -> {
			if (c == '\\') {
				out.append("\\\\");
			}
			else if (c == '\'') {
				out.append(continuation ? "''" : (alphabet == Alphabet.SERVER) ? serverQuote
						: random.nextBoolean() ? "\\'" : "''");
			}
			else if (random.nextInt(5) == 0 && c != 0) {
				out.append(escaped(random, c, alphabet));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	private static String escaped(SplittableRandom random, int c, Alphabet alphabet) {
		switch (c) {
			case '\n' -> {
				return "\\n";
			}
			case '\t' -> {
				return "\\t";
			}
			case '\r' -> {
				return "\\r";
			}
			case '\f' -> {
				return "\\f";
			}
			case '\b' -> {
				return "\\b";
			}
			default -> {
			}
		}
		if (c < 0x80) {
			return switch (random.nextInt(alphabet == Alphabet.ANY ? 4 : 3)) {
				case 0 -> String.format("\\x%02x", c);
				case 1 -> String.format("\\%03o", c);
				case 2 -> String.format("\\u%04x", c);
				// A backslash before any other character stands for that character.
				default -> ("01234567xuU".indexOf(c) >= 0) ? String.format("\\x%02X", c) : "\\" + (char) c;
			};
		}
		return (c <= 0xFFFF) ? String.format("\\u%04X", c) : String.format("\\U%08X", c);
	}

	/**
	 * {@code U&'...'} with {@code \XXXX} and {@code \+XXXXXX} escapes, sometimes with another escape
	 * character named by {@code UESCAPE}.
	 */
	static List<ScriptModel.Piece> unicodeString(SplittableRandom random, String content, Alphabet alphabet) {
		String escape = chance(random, 30) ? pick(random, List.of("!", "#", "~", "*", "%", "&")) : "\\";
		StringBuilder out = new StringBuilder(random.nextBoolean() ? "U&'" : "u&'");
		unicodeEscape(random, content, alphabet, escape.charAt(0), '\'', out);
		out.append('\'');
		if (escape.equals("\\")) {
			return List.of(ScriptModel.Piece.quoted(out.toString()));
		}
		return List.of(ScriptModel.Piece.quoted(out.toString()), ScriptModel.Piece.space(" "),
				ScriptModel.Piece.token(randomCase(random, "UESCAPE")), ScriptModel.Piece.space(" "),
				ScriptModel.Piece.quoted("'" + escape + "'"));
	}

	/** The content with Unicode escapes now and then, the quote doubled, the escape character doubled. */
	private static void unicodeEscape(SplittableRandom random, String content, Alphabet alphabet, char escape,
			char quote, StringBuilder out) {
		content.codePoints().forEach((c) -> {
			if (c == quote) {
				out.append(quote).append(quote);
			}
			else if (c == escape) {
				out.append(escape).append(escape);
			}
			else if (random.nextInt(4) == 0 && c != 0 && !(c >= 0xD800 && c <= 0xDFFF)) {
				out.append(escape).append((c <= 0xFFFF) ? String.format("%04X", c) : String.format("+%06X", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
	}

	/** The three kinds of string constant a continuation keeps reading in their own way. */
	enum Continued {
		STANDARD, ESCAPE, UNICODE
	}

	/**
	 * A string constant continued over lines: {@code 'a'}, whitespace holding a line end (and perhaps
	 * {@code --} comments), {@code 'b'}, which PostgreSQL reads as one constant, the continuation in the
	 * mode of the first part: after {@code E'a'} a backslash in {@code 'b'} escapes.
	 */
	static List<ScriptModel.Piece> continued(SplittableRandom random, Continued kind, String content,
			Alphabet alphabet) {
		List<ScriptModel.Piece> pieces = new ArrayList<>();
		int parts = 2 + random.nextInt(2);
		int from = 0;
		for (int part = 0; part < parts; part++) {
			int to = (part == parts - 1) ? content.length() : from + random.nextInt(content.length() - from + 1);
			if (to > from && to < content.length() && Character.isLowSurrogate(content.charAt(to))) {
				to++;
			}
			String value = content.substring(from, to);
			from = to;
			if (part > 0) {
				pieces.add(ScriptModel.Piece.space(pick(random, List.of("\n", " \n", "\n  ", "\r\n", "\r", "\t\n\n"))));
				if (chance(random, 30)) {
					pieces.add(ScriptModel.Piece.comment(lineComment(random, alphabet)));
					pieces.add(ScriptModel.Piece.space(lineEnd(random)));
				}
			}
			String text = switch (kind) {
				case STANDARD -> standard("", value);
				case ESCAPE -> ((part == 0) ? (random.nextBoolean() ? "E" : "e") : "") + "'"
						+ escapeBody(random, value, alphabet, part > 0) + "'";
				case UNICODE -> {
					StringBuilder out = new StringBuilder((part == 0) ? (random.nextBoolean() ? "U&'" : "u&'") : "'");
					unicodeEscape(random, value, alphabet, '\\', '\'', out);
					yield out.append('\'').toString();
				}
			};
			pieces.add(ScriptModel.Piece.quoted(text));
		}
		return pieces;
	}

	/** {@code $tag$...$tag$} with a tag (or none) that does not occur in the content. */
	static String dollar(SplittableRandom random, String content) {
		for (int attempt = 0;; attempt++) {
			StringBuilder tag = new StringBuilder();
			if (attempt > 0 || random.nextInt(5) > 1) {
				tag.append(TAG_START.charAt(random.nextInt(TAG_START.length())));
				int length = random.nextInt(3 + attempt);
				for (int i = 0; i < length; i++) {
					tag.append(TAG_PART.charAt(random.nextInt(TAG_PART.length())));
				}
			}
			String delimiter = "$" + tag + "$";
			if ((content + delimiter).indexOf(delimiter) == content.length()) {
				return delimiter + content + delimiter;
			}
		}
	}

	/** {@code "..."} with {@code ""} for a double quote. */
	static String identifier(String content) {
		return "\"" + content.replace("\"", "\"\"") + "\"";
	}

	/** {@code U&"..."} with Unicode escapes. */
	static String unicodeIdentifier(SplittableRandom random, String content, Alphabet alphabet) {
		StringBuilder out = new StringBuilder(random.nextBoolean() ? "U&\"" : "u&\"");
		unicodeEscape(random, content, alphabet, '\\', '"', out);
		return out.append('"').toString();
	}

	/**
	 * A block comment, with nested ones inside now and then. Those for the server never open with
	 * {@code /}{@code *}{@code /}: pgjdbc (42.7) takes that for a whole comment and splits what follows as SQL
	 * (see {@code SqlScriptParserOracleTest}).
	 */
	static String blockComment(SplittableRandom random, Alphabet alphabet) {
		if (chance(random, 15)) {
			String comment = pick(random, TRICKY_COMMENTS);
			return (alphabet == Alphabet.SERVER && comment.startsWith("/*/")) ? "/* /*/ */ */" : comment;
		}
		return blockComment(random, alphabet, 0);
	}

	private static String blockComment(SplittableRandom random, Alphabet alphabet, int depth) {
		String body = "";
		int parts = small(random, 4);
		for (int i = 0; i < parts; i++) {
			String part = (depth < 3 && random.nextInt(4) == 0) ? blockComment(random, alphabet, depth + 1)
					: withoutCommentMarkers(content(random, alphabet, 8));
			body = join(body, part);
		}
		return join(join("/*", body), "*/");
	}

	/**
	 * Two texts next to each other, with a space between when they would otherwise form a {@code /*} or
	 * {@code *}{@code /} across the join.
	 */
	private static String join(String left, String right) {
		if (!left.isEmpty() && !right.isEmpty() && "*/".indexOf(left.charAt(left.length() - 1)) >= 0
				&& "*/".indexOf(right.charAt(0)) >= 0) {
			return left + " " + right;
		}
		return left + right;
	}

	private static String withoutCommentMarkers(String text) {
		String out = text;
		while (out.contains("/*") || out.contains("*/")) {
			out = out.replace("/*", "/ *").replace("*/", "* /");
		}
		return out;
	}

	/**
	 * A {@code --} comment without its line end. Never a {@code cairn:} directive, which the parser would
	 * rightly refuse anywhere but at the top.
	 */
	static String lineComment(SplittableRandom random, Alphabet alphabet) {
		String text = content(random, alphabet, 10).replace("\n", " ").replace("\r", " ");
		int p = 0;
		while (p < text.length() && " \t\f\u000B".indexOf(text.charAt(p)) >= 0) {
			p++;
		}
		if (text.regionMatches(true, p, "cairn:", 0, 6)) {
			text = "x" + text;
		}
		int end = text.length();
		while (end > 0 && " \t\f\u000B".indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		return "--" + text.substring(0, end);
	}

	/**
	 * What ends a line comment: PostgreSQL takes {@code \r} as a line end too. Blanks before it are not part
	 * of the comment.
	 */
	static String lineEnd(SplittableRandom random) {
		return pick(random, List.of("\n", "\n", "\n", "\r\n", "\r", " \n", "\t \r\n"));
	}

	static String lowerCase(String text) {
		return text.toLowerCase(Locale.ROOT);
	}
}
