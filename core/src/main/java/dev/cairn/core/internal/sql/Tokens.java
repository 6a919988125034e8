package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One statement as {@link SqlLexer} reads it, comments left out: what the linter and other checks
 * look at instead of the raw text, so a key word inside a string, a quoted identifier or a
 * comment never counts.
 */
public final class Tokens {

	/** What a token is. */
	public enum Type {

		/** An unquoted word; {@link Token#text()} is upper-cased. */
		WORD,

		/** A {@code "quoted"} identifier; {@link Token#text()} keeps its quotes, so it never equals a key word. */
		QUOTED,

		/** A string constant (any quoting) or a dollar-quoted string. */
		STRING,

		NUMBER,

		/** A single symbol character, such as {@code (} or {@code ,}. */
		SYMBOL,

		/** A parameter such as {@code $1}. */
		OTHER

	}

	/**
	 * One token.
	 * @param type what it is
	 * @param text upper-cased for a word, as written otherwise
	 * @param depth how many parentheses enclose it
	 * @param line its 1-based line within the statement
	 */
	public record Token(Type type, String text, int depth, int line) {

		public boolean is(String word) {
			return this.type == Type.WORD && this.text.equals(word);
		}

		/** Whether it names something: a word or a quoted identifier. */
		public boolean isName() {
			return this.type == Type.WORD || this.type == Type.QUOTED;
		}

	}

	private final List<Token> all;

	private Tokens(List<Token> all) {
		this.all = List.copyOf(all);
	}

	/** The tokens of one statement's text. */
	public static Tokens of(String sql) {
		List<Token> tokens = new ArrayList<>();
		SqlLexer lexer = new SqlLexer(sql);
		int depth = 0;
		while (lexer.next()) {
			switch (lexer.kind()) {
				case LINE_COMMENT, BLOCK_COMMENT -> {
				}
				case WORD -> tokens.add(new Token(Type.WORD, lexer.text().toUpperCase(Locale.ROOT), depth, lexer.line()));
				case QUOTED_IDENTIFIER -> tokens.add(new Token(Type.QUOTED, lexer.text(), depth, lexer.line()));
				case STRING, DOLLAR_STRING -> tokens.add(new Token(Type.STRING, lexer.text(), depth, lexer.line()));
				case NUMBER -> tokens.add(new Token(Type.NUMBER, lexer.text(), depth, lexer.line()));
				case SYMBOL -> {
					if (lexer.isSymbol(')') && depth > 0) {
						depth--;
					}
					tokens.add(new Token(Type.SYMBOL, lexer.text(), depth, lexer.line()));
					if (lexer.isSymbol('(')) {
						depth++;
					}
				}
				default -> tokens.add(new Token(Type.OTHER, lexer.text(), depth, lexer.line()));
			}
		}
		return new Tokens(tokens);
	}

	public List<Token> all() {
		return this.all;
	}

	public int size() {
		return this.all.size();
	}

	public Token get(int index) {
		return this.all.get(index);
	}

	/** Whether token {@code index} is the word {@code word} (false past the end). */
	public boolean is(int index, String word) {
		return index >= 0 && index < this.all.size() && this.all.get(index).is(word);
	}

	/** Whether the words follow each other from {@code index} on. */
	public boolean isSequence(int index, String... words) {
		for (int i = 0; i < words.length; i++) {
			if (!is(index + i, words[i])) {
				return false;
			}
		}
		return true;
	}

	/** The index of the first top-level (outside parentheses) {@code word} at or after {@code from}, or -1. */
	public int indexOf(String word, int from) {
		for (int i = Math.max(0, from); i < this.all.size(); i++) {
			Token token = this.all.get(i);
			if (token.depth() == 0 && token.is(word)) {
				return i;
			}
		}
		return -1;
	}

	/** Whether {@code word} appears anywhere, at any depth. */
	public boolean containsAnywhere(String word) {
		return this.all.stream().anyMatch((token) -> token.is(word));
	}

	/**
	 * A name starting at {@code index}: {@code a}, {@code a.b} or {@code "A"."b"}, as written (quotes
	 * kept, words lower-cased as PostgreSQL folds them); empty when there is no name there.
	 */
	public String nameAt(int index) {
		StringBuilder name = new StringBuilder();
		int i = index;
		while (i < this.all.size() && this.all.get(i).isName()) {
			Token token = this.all.get(i);
			name.append((token.type() == Type.WORD) ? token.text().toLowerCase(Locale.ROOT) : token.text());
			if (i + 2 < this.all.size() && this.all.get(i + 1).type() == Type.SYMBOL
					&& this.all.get(i + 1).text().equals(".")) {
				name.append('.');
				i += 2;
			}
			else {
				break;
			}
		}
		return name.toString();
	}

	/** How many tokens {@link #nameAt(int)} reads at {@code index}. */
	public int nameLength(int index) {
		int i = index;
		int length = 0;
		while (i < this.all.size() && this.all.get(i).isName()) {
			length++;
			if (i + 2 < this.all.size() && this.all.get(i + 1).type() == Type.SYMBOL
					&& this.all.get(i + 1).text().equals(".")) {
				length += 2;
				i += 2;
			}
			else {
				break;
			}
		}
		return length;
	}

	/**
	 * The first few words of a statement, never a constant: for naming another session's statement in
	 * a log without its values (which may be passwords).
	 */
	public static String firstWords(String sql, int max) {
		StringBuilder words = new StringBuilder();
		int count = 0;
		boolean dot = false;
		SqlLexer lexer = new SqlLexer(sql);
		while (lexer.next()) {
			SqlLexer.Kind kind = lexer.kind();
			if (kind.isComment()) {
				continue;
			}
			if (count > 0 && !dot && lexer.isSymbol('.')) {
				// A qualified name (public.orders) counts as one word.
				dot = true;
				words.append('.');
				continue;
			}
			if ((kind != SqlLexer.Kind.WORD && kind != SqlLexer.Kind.QUOTED_IDENTIFIER) || (count >= max && !dot)) {
				break;
			}
			words.append((count == 0 || dot) ? "" : " ").append(lexer.text());
			count += dot ? 0 : 1;
			dot = false;
		}
		return words.toString();
	}

}
