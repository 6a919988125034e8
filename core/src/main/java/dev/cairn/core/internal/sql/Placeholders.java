package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * {@code ${name}} placeholders in SQL files and the values they stand for: a track's own
 * ({@code cairn.placeholders.<name>}) and the built-ins {@code ${cairn:schema}},
 * {@code ${cairn:table}}, {@code ${cairn:track}} and {@code ${cairn:user}}.
 *
 * <p>The text is read with the {@link SqlLexer}, so where a placeholder stands is known:
 * <ul>
 * <li>in SQL code and in dollar-quoted bodies the value goes in as written (a body is not
 * parsed, so its value must not contain the body's closing tag);</li>
 * <li>in a string constant its quotes are doubled ({@code ''}; in an {@code E''} string also
 * its backslashes), and in a quoted identifier its double quotes, so a value always stays
 * inside the quotes it was written in;</li>
 * <li>in comments nothing is replaced: commented-out SQL never fails on a placeholder.</li>
 * </ul>
 * {@code ${$}} is a literal {@code $}, so {@code ${$}{name}} is the text {@code ${name}}. A
 * {@code ${} that is not a placeholder, and a name without a value, are errors naming the line.
 */
public final class Placeholders {

	/** The prefix of the built-in names. */
	public static final String BUILT_IN = "cairn:";

	private static final String LITERAL_DOLLAR = "${$}";

	/** Names whose values are masked wherever Cairn shows text that may carry them. */
	private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "secret", "token",
			"credential", "key");

	/** Values shorter than this are not masked: a one-letter mask would garble every message. */
	private static final int SHORTEST_MASKED = 3;

	private static final java.util.Comparator<String> LONGEST_FIRST = new java.util.Comparator<>() {

		@Override
		public int compare(String a, String b) {
			return (a.length() != b.length()) ? Integer.compare(b.length(), a.length()) : a.compareTo(b);
		}

	};

	private final Map<String, String> values;

	private final Set<String> secrets;

	private Placeholders(Map<String, String> values) {
		this.values = values;
		// Longest first, so a secret containing another is masked whole. Loops rather than lambdas: every
		// run makes one, on every start.
		Set<String> secrets = new TreeSet<>(LONGEST_FIRST);
		for (Map.Entry<String, String> entry : values.entrySet()) {
			if (entry.getValue().length() >= SHORTEST_MASKED && isSecretName(entry.getKey())) {
				secrets.add(entry.getValue());
			}
		}
		this.secrets = Collections.unmodifiableSet(secrets);
	}

	/**
	 * A track's placeholders.
	 * @param own the configured values, names already checked
	 * @param user the database user running the migrations, {@code null} if not known here
	 */
	public static Placeholders of(Map<String, String> own, String schema, String table, String track,
			@Nullable String user) {
		Map<String, String> values = new LinkedHashMap<>(own);
		values.put(BUILT_IN + "schema", schema);
		values.put(BUILT_IN + "table", table);
		values.put(BUILT_IN + "track", track);
		if (user != null) {
			values.put(BUILT_IN + "user", user);
		}
		return new Placeholders(Collections.unmodifiableMap(values));
	}

	private static boolean isSecretName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (String word : SECRET_WORDS) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** The values masked in messages and logs: those of placeholders named like a secret ({@code db_password}). */
	public Set<String> secrets() {
		return this.secrets;
	}

	/**
	 * The text with every placeholder replaced, or the same instance if it has none.
	 * @throws SqlScriptException naming the line of the first bad placeholder (and the others)
	 */
	public String substitute(String text) {
		if (text.indexOf("${") < 0) {
			return text;
		}
		Substitution substitution = new Substitution(text);
		SqlLexer lexer = new SqlLexer(text);
		int code = 0;
		while (lexer.next()) {
			SqlLexer.Kind kind = lexer.kind();
			if (kind.isComment() || kind == SqlLexer.Kind.STRING || kind == SqlLexer.Kind.QUOTED_IDENTIFIER
					|| kind == SqlLexer.Kind.DOLLAR_STRING) {
				substitution.scan(code, lexer.start(), Context.CODE, null);
				if (!kind.isComment()) {
					substitution.scan(lexer.start(), lexer.end(), contextOf(kind, text.charAt(lexer.start())),
							(kind == SqlLexer.Kind.DOLLAR_STRING) ? tag(text, lexer.start()) : null);
				}
				code = lexer.end();
			}
		}
		substitution.scan(code, text.length(), Context.CODE, null);
		return substitution.finish();
	}

	private static Context contextOf(SqlLexer.Kind kind, char first) {
		return switch (kind) {
			case QUOTED_IDENTIFIER -> Context.QUOTED_IDENTIFIER;
			case DOLLAR_STRING -> Context.DOLLAR_BODY;
			default -> (first == 'E' || first == 'e') ? Context.ESCAPE_STRING : Context.STRING;
		};
	}

	private static String tag(String text, int start) {
		return text.substring(start, text.indexOf('$', start + 1) + 1);
	}

	/** Where a placeholder stands, which decides how its value is written. */
	private enum Context {

		CODE, STRING, ESCAPE_STRING, QUOTED_IDENTIFIER, DOLLAR_BODY

	}

	/** One pass of replacements over a text, in increasing positions, collecting every problem. */
	private final class Substitution {

		private final String text;

		private final StringBuilder out;

		private final List<String> problems = new ArrayList<>();

		private int copied;

		private int line = 1;

		private int lineCounted;

		private int firstProblemLine;

		Substitution(String text) {
			this.text = text;
			this.out = new StringBuilder(text.length() + 64);
		}

		void scan(int from, int to, Context context, @Nullable String tag) {
			int at = this.text.indexOf("${", from);
			while (at >= 0 && at < to) {
				if (this.text.startsWith(LITERAL_DOLLAR, at) && at + LITERAL_DOLLAR.length() <= to) {
					replace(at, at + LITERAL_DOLLAR.length(), "$");
					at = this.text.indexOf("${", at + LITERAL_DOLLAR.length());
					continue;
				}
				int close = this.text.indexOf('}', at + 2);
				String name = (close >= 0 && close < to) ? this.text.substring(at + 2, close) : null;
				if (name == null || !isName(name)) {
					problem(at, "'" + abbreviate(this.text.substring(at, (name != null && close - at < 40) ? close + 1 : Math.min(to, at + 20))) + "' is not a placeholder:"
							+ " write ${name} (letters, digits, '_', '.', '-'), ${$} for a literal $, or put -- cairn:"
							+ SqlScript.NO_PLACEHOLDERS + " at the top of the file");
					at = this.text.indexOf("${", at + 2);
					continue;
				}
				String value = Placeholders.this.values.get(name);
				if (value == null) {
					problem(at, "unknown placeholder ${" + name + "}: " + known());
				}
				else if (context == Context.DOLLAR_BODY && tag != null && value.contains(tag)) {
					problem(at, "the value of ${" + name + "} contains " + tag + ", which would end the dollar-quoted body"
							+ " it stands in: quote the body with another tag ($body$ ... $body$)");
				}
				else {
					replace(at, close + 1, written(value, context));
				}
				at = this.text.indexOf("${", close + 1);
			}
		}

		private void replace(int start, int end, String replacement) {
			this.out.append(this.text, this.copied, start).append(replacement);
			this.copied = end;
		}

		private void problem(int at, String message) {
			for (; this.lineCounted < at; this.lineCounted++) {
				if (this.text.charAt(this.lineCounted) == '\n') {
					this.line++;
				}
			}
			if (this.problems.isEmpty()) {
				this.firstProblemLine = this.line;
			}
			this.problems.add("line " + this.line + ": " + message);
		}

		String finish() {
			if (!this.problems.isEmpty()) {
				String message = (this.problems.size() == 1) ? this.problems.get(0).replaceFirst("^line \\d+: ", "")
						: this.problems.size() + " placeholder problems: " + String.join("; ", this.problems);
				throw new SqlScriptException(message, this.firstProblemLine);
			}
			if (this.copied == 0) {
				return this.text;
			}
			return this.out.append(this.text, this.copied, this.text.length()).toString();
		}

	}

	private String known() {
		List<String> own = this.values.keySet().stream().filter((name) -> !name.startsWith(BUILT_IN)).toList();
		return (own.isEmpty() ? "no placeholders are configured (set cairn.placeholders.<name>)"
				: "configured are " + String.join(", ", own))
				+ "; built in are " + String.join(", ", this.values.keySet().stream().filter((name) -> name.startsWith(BUILT_IN)).toList())
				+ ". Give it a value, or write ${$}{ for a literal ${";
	}

	private static boolean isName(String name) {
		String plain = name.startsWith(BUILT_IN) ? name.substring(BUILT_IN.length()) : name;
		if (plain.isEmpty() || !(Character.isLetter(plain.charAt(0)) && plain.charAt(0) < 128 || plain.charAt(0) == '_')) {
			return false;
		}
		for (int i = 1; i < plain.length(); i++) {
			char c = plain.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static String written(String value, Context context) {
		return switch (context) {
			case CODE, DOLLAR_BODY -> value;
			case STRING -> value.replace("'", "''");
			case ESCAPE_STRING -> value.replace("\\", "\\\\").replace("'", "''");
			case QUOTED_IDENTIFIER -> value.replace("\"", "\"\"");
		};
	}

	private static String abbreviate(String text) {
		int end = text.indexOf('\n');
		return (end >= 0) ? text.substring(0, end) : text;
	}

	/** The text with every secret value replaced by {@code ***}; {@code null} stays {@code null}. */
	public @Nullable String mask(@Nullable String text) {
		if (text == null || this.secrets.isEmpty()) {
			return text;
		}
		String masked = text;
		for (String secret : this.secrets) {
			masked = masked.replace(secret, "***");
		}
		return masked;
	}

}
