package dev.cairn.core.internal.sql;

/**
 * One pass over PostgreSQL's lexical structure, as far as splitting and keyword checks need it: where
 * words, quotes and comments start and end. Everything else is a one-character {@link Kind#SYMBOL}.
 *
 * <p>Cursor style ({@link #next()} then the accessors) rather than token objects, so that a script of
 * a few megabytes costs no allocation per token. Lines are counted as the scan goes; only {@code \n}
 * counts, which also covers {@code \r\n}.
 */
final class SqlLexer {

	enum Kind {
		/** An identifier or key word, unquoted; may contain {@code $} after the first character. */
		WORD,
		NUMBER,
		/** A positional parameter such as {@code $1}. */
		PARAMETER,
		/** Any single-quoted constant: standard, {@code E''}, {@code U&''}, {@code B''}, {@code X''}, {@code N''}. */
		STRING,
		QUOTED_IDENTIFIER,
		DOLLAR_STRING,
		LINE_COMMENT,
		BLOCK_COMMENT,
		/** A backslash outside quotes and comments: never SQL, always a psql meta-command. */
		BACKSLASH,
		SYMBOL;

		boolean isComment() {
			return this == LINE_COMMENT || this == BLOCK_COMMENT;
		}
	}

	private final String text;
	private final int length;
	private int pos;
	private int line = 1;

	private Kind kind = Kind.SYMBOL;
	private int start;
	private int end;
	private int startLine = 1;

	SqlLexer(String text) {
		this.text = text;
		this.length = text.length();
	}

	/** Moves to the next token; false at the end of the text. Throws on unterminated quotes and comments. */
	boolean next() {
		skipWhitespace();
		this.start = this.pos;
		this.startLine = this.line;
		if (this.pos >= this.length) {
			this.end = this.pos;
			return false;
		}
		char c = this.text.charAt(this.pos);
		char following = charAt(this.pos + 1);
		if (c == '-' && following == '-') {
			lineComment();
		}
		else if (c == '/' && following == '*') {
			blockComment();
		}
		else if (c == '\'') {
			string(this.pos, false);
		}
		else if (c == '"') {
			quotedIdentifier();
		}
		else if (c == '$') {
			dollar();
		}
		else if (isIdentifierStart(c)) {
			word();
		}
		else if (c >= '0' && c <= '9') {
			number();
		}
		else {
			this.pos++;
			this.kind = (c == '\\') ? Kind.BACKSLASH : Kind.SYMBOL;
		}
		this.end = this.pos;
		return true;
	}

	Kind kind() {
		return this.kind;
	}

	int start() {
		return this.start;
	}

	int end() {
		return this.end;
	}

	/** The 1-based line where the current token starts. */
	int line() {
		return this.startLine;
	}

	/** The first character of the current token. */
	char firstChar() {
		return this.text.charAt(this.start);
	}

	boolean isSymbol(char symbol) {
		return this.kind == Kind.SYMBOL && this.text.charAt(this.start) == symbol;
	}

	/** Whether the current token is the unquoted word {@code keyword} (given in upper case), ignoring case. */
	boolean is(String keyword) {
		return this.kind == Kind.WORD && this.end - this.start == keyword.length()
				&& this.text.regionMatches(true, this.start, keyword, 0, keyword.length());
	}

	String text() {
		return this.text.substring(this.start, this.end);
	}

	private void skipWhitespace() {
		while (this.pos < this.length) {
			char c = this.text.charAt(this.pos);
			if (c == '\n') {
				this.line++;
			}
			else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\u000B') {
				return;
			}
			this.pos++;
		}
	}

	/**
	 * {@code --} up to, not including, the end of the line ({@code \n} or {@code \r}, as PostgreSQL has it),
	 * and without the blanks before it, so that a statement ending in a comment ends without whitespace.
	 */
	private void lineComment() {
		int p = this.pos + 2;
		while (p < this.length) {
			char c = this.text.charAt(p);
			if (c == '\n' || c == '\r') {
				break;
			}
			p++;
		}
		while (p > this.pos + 2 && isBlank(this.text.charAt(p - 1))) {
			p--;
		}
		this.pos = p;
		this.kind = Kind.LINE_COMMENT;
	}

	/** Whitespace that does not end a line. */
	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
	}

	/** Block comments nest in PostgreSQL, unlike in the SQL standard's reading by most other tools. */
	private void blockComment() {
		int depth = 1;
		int p = this.pos + 2;
		while (depth > 0) {
			if (p >= this.length) {
				throw new SqlScriptException("unterminated block comment starting at line " + this.startLine
						+ ": add the closing */ (block comments nest, so every /* inside needs its own */)",
						this.startLine);
			}
			char c = this.text.charAt(p);
			char following = charAt(p + 1);
			if (c == '/' && following == '*') {
				depth++;
				p += 2;
			}
			else if (c == '*' && following == '/') {
				depth--;
				p += 2;
			}
			else {
				if (c == '\n') {
					this.line++;
				}
				p++;
			}
		}
		this.pos = p;
		this.kind = Kind.BLOCK_COMMENT;
	}

	/**
	 * A single-quoted constant whose opening quote is at {@code quote} (a prefix such as {@code E} may come
	 * before it). With standard_conforming_strings on, only {@code E''} strings treat backslash as an escape.
	 */
	private void string(int quote, boolean backslashEscapes) {
		int p = quote + 1;
		while (true) {
			if (p >= this.length) {
				throw unterminatedString(backslashEscapes);
			}
			char c = this.text.charAt(p);
			if (c == '\'') {
				if (charAt(p + 1) != '\'') {
					p++;
					int continued = backslashEscapes ? continuation(p) : -1;
					if (continued < 0) {
						break;
					}
					for (int i = p; i < continued; i++) {
						if (this.text.charAt(i) == '\n') {
							this.line++;
						}
					}
					p = continued;
					continue;
				}
				p += 2;
				continue;
			}
			if (c == '\\' && backslashEscapes) {
				p++;
				if (p >= this.length) {
					throw unterminatedString(true);
				}
				c = this.text.charAt(p);
			}
			if (c == '\n') {
				this.line++;
			}
			p++;
		}
		this.pos = p;
		this.kind = Kind.STRING;
	}

	/**
	 * Where an {@code E''} string that closed just before {@code p} goes on: PostgreSQL's
	 * {@code quotecontinue} (blanks and {@code --} comments, a line end, any whitespace and whole comment
	 * lines, then a quote) joins the next quoted part to it, and that part is read as an escape string too.
	 * A standard string continues the same way, but reading the next part as a string of its own splits
	 * alike, so only escape strings need this.
	 * @return the position after the continuing part's opening quote, or -1 if the string ends at {@code p}
	 */
	private int continuation(int p) {
		int q = p;
		while (q < this.length) {
			char c = this.text.charAt(q);
			if (isBlank(c)) {
				q++;
			}
			else if (c == '-' && charAt(q + 1) == '-') {
				q = endOfLine(q + 2);
			}
			else {
				break;
			}
		}
		if (q >= this.length || (this.text.charAt(q) != '\n' && this.text.charAt(q) != '\r')) {
			return -1;
		}
		q++;
		while (q < this.length) {
			char c = this.text.charAt(q);
			if (isBlank(c) || c == '\n' || c == '\r') {
				q++;
			}
			else if (c == '-' && charAt(q + 1) == '-') {
				q = endOfLine(q + 2);
				if (q >= this.length) {
					return -1;
				}
				q++;
			}
			else {
				break;
			}
		}
		return (q < this.length && this.text.charAt(q) == '\'') ? q + 1 : -1;
	}

	/** The position of the first {@code \n} or {@code \r} from {@code p}, or the end of the text. */
	private int endOfLine(int p) {
		int q = p;
		while (q < this.length && this.text.charAt(q) != '\n' && this.text.charAt(q) != '\r') {
			q++;
		}
		return q;
	}

	private SqlScriptException unterminatedString(boolean backslashEscapes) {
		String hint = backslashEscapes
				? " (in an E'...' string a backslash escapes the next character, so \\' does not end it)"
				: " (inside a string write '' for a quote: a backslash escapes nothing in a standard string)";
		String what = backslashEscapes ? "escape string E'...'" : "string constant";
		return new SqlScriptException(
				"unterminated " + what + " starting at line " + this.startLine + ": add the closing '" + hint,
				this.startLine);
	}

	private void quotedIdentifier() {
		int p = this.pos + 1;
		while (true) {
			if (p >= this.length) {
				throw new SqlScriptException("unterminated quoted identifier starting at line " + this.startLine
						+ ": add the closing \" (inside a quoted identifier write \"\" for a double quote)",
						this.startLine);
			}
			char c = this.text.charAt(p);
			if (c == '"') {
				if (charAt(p + 1) != '"') {
					p++;
					break;
				}
				p += 2;
				continue;
			}
			if (c == '\n') {
				this.line++;
			}
			p++;
		}
		this.pos = p;
		this.kind = Kind.QUOTED_IDENTIFIER;
	}

	/** {@code $1} is a parameter; {@code $$} or {@code $tag$} opens a dollar quote closed by the same text. */
	private void dollar() {
		int p = this.pos + 1;
		char c = charAt(p);
		if (c >= '0' && c <= '9') {
			do {
				p++;
			}
			while (isDigit(charAt(p)));
			this.pos = p;
			this.kind = Kind.PARAMETER;
			return;
		}
		if (isTagStart(c)) {
			do {
				p++;
			}
			while (isTagPart(charAt(p)));
		}
		if (p >= this.length || this.text.charAt(p) != '$') {
			this.pos++;
			this.kind = Kind.SYMBOL;
			return;
		}
		int bodyStart = p + 1;
		String delimiter = this.text.substring(this.pos, bodyStart);
		int close = this.text.indexOf(delimiter, bodyStart);
		if (close < 0) {
			throw new SqlScriptException("unterminated dollar-quoted string " + delimiter + " starting at line "
					+ this.startLine + ": add the closing " + delimiter, this.startLine);
		}
		for (int i = bodyStart; i < close; i++) {
			if (this.text.charAt(i) == '\n') {
				this.line++;
			}
		}
		this.pos = close + delimiter.length();
		this.kind = Kind.DOLLAR_STRING;
	}

	/**
	 * A word, taken whole so that {@code namE'x'} is a word then a string and {@code a$b$} one identifier.
	 * A one-letter word right before a quote is the prefix of a string constant instead.
	 */
	private void word() {
		int p = this.pos + 1;
		while (p < this.length && isIdentifierPart(this.text.charAt(p))) {
			p++;
		}
		if (p == this.pos + 1) {
			char letter = this.text.charAt(this.pos);
			char following = charAt(p);
			if (following == '\'') {
				switch (letter) {
					case 'E', 'e' -> {
						string(p, true);
						return;
					}
					case 'B', 'b', 'X', 'x', 'N', 'n' -> {
						string(p, false);
						return;
					}
					default -> {
					}
				}
			}
			else if ((letter == 'U' || letter == 'u') && following == '&' && charAt(p + 1) == '\'') {
				string(p + 1, false);
				return;
			}
		}
		this.pos = p;
		this.kind = Kind.WORD;
	}

	/** Loose on purpose: digits, letters, underscores and dots, enough to not mistake {@code 1e5} for a word. */
	private void number() {
		int p = this.pos + 1;
		while (p < this.length) {
			char c = this.text.charAt(p);
			if (!(isDigit(c) || c == '.' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				break;
			}
			p++;
		}
		this.pos = p;
		this.kind = Kind.NUMBER;
	}

	private char charAt(int index) {
		return (index < this.length) ? this.text.charAt(index) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** PostgreSQL takes every non-ASCII character as a letter. */
	static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
	}

	static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}

	private static boolean isTagStart(char c) {
		return isIdentifierStart(c);
	}

	private static boolean isTagPart(char c) {
		return isIdentifierStart(c) || isDigit(c);
	}
}
