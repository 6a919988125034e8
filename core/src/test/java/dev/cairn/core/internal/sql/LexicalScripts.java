package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.SqlForms.chance;
import static dev.cairn.core.internal.sql.SqlForms.pick;
import static dev.cairn.core.internal.sql.SqlForms.randomCase;
import static dev.cairn.core.internal.sql.SqlForms.small;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import dev.cairn.core.internal.sql.ScriptModel.Piece;
import dev.cairn.core.internal.sql.SqlForms.Alphabet;

/**
 * Scripts that need not be valid SQL but are lexically what PostgreSQL reads: statements of random tokens
 * in every quoting and comment form, with random content full of semicolons, quotes of the other kinds
 * and comment markers; parentheses and {@code BEGIN ATOMIC} bodies with semicolons inside; gaps of
 * whitespace, comments and empty statements.
 */
final class LexicalScripts {

	private static final Alphabet ALPHABET = Alphabet.ANY;

	private static final List<String> FIRST_WORDS = List.of(
			"SELECT", "select", "Insert", "UPDATE", "delete", "WITH", "values", "ALTER", "Create", "grant", "Do",
			"call", "comment", "drop", "explain", "set", "vacuum", "table", "merge", "reindex", "cluster", "prepare",
			"start", "x", "é");

	/** First words that are transaction control: allowed only in a no-transaction script. */
	private static final List<String> TRANSACTION_WORDS = List.of(
			"BEGIN", "commit", "End", "ROLLBACK", "abort", "savepoint", "release", "START TRANSACTION");

	private static final List<String> WORDS = List.of(
			"a", "x1", "a$b", "a$$b", "x$a$", "_", "é", "日本", "e", "u", "b", "x", "n", "E", "U", "N", "uescape", "from",
			"begin", "atomic", "end", "case", "BEGIN", "ATOMIC", "END", "CASE", "function", "procedure", "create");

	/** Anywhere but in a routine: BEGIN, ATOMIC, END and CASE mean nothing there. */
	private static final Set<String> NOTHING_EXCLUDED = Set.of();

	/**
	 * In a routine's header, outside parentheses: BEGIN must not come right before ATOMIC, while ATOMIC,
	 * END and CASE alone mean nothing yet.
	 */
	private static final Set<String> NOT_IN_HEADER = Set.of("begin");

	/** In a routine body, outside parentheses: END and CASE would close or open a level. */
	private static final Set<String> NOT_IN_BODY = Set.of("begin", "end", "case");

	private static final List<String> NUMBERS = List.of("42", "1.5e3", "0x1F", "1_000", ".5", "3.", "0", "1e-5");

	private static final List<String> OPERATORS = List.of(
			"+", "-", "*", "/", "::", "||", "<>", "->>", "@>", "=", ",", ".", "&", "!", "?", "#", "%", "^", "~", "|",
			"<", ">", "[", "]", "{", "}", ":", "$", "`", "=>", "<=");

	/**
	 * Put before a string that starts with a bare quote: after another string and a line end it would
	 * continue that string, in E'' mode if that was one, which is not what the model says.
	 */
	private static final List<Piece> CONCATENATE = List.of(Piece.token("||"), Piece.space(" "));

	private static final List<String> SPACES = List.of(" ", " ", " ", "\n", "\t", "\r\n", "  \n\t", "\f", "\u000B");

	private LexicalScripts() {
	}

	static ScriptModel generate(SplittableRandom random) {
		List<Piece> header = new ArrayList<>();
		boolean noTransaction = chance(random, 10);
		if (noTransaction) {
			if (random.nextBoolean()) {
				header.addAll(gap(random, false));
			}
			header.add(Piece.comment(pick(random,
					List.of("-- cairn:no-transaction", "--cairn:no-transaction", "-- CAIRN:No-Transaction  ",
							"--\tcairn: no-transaction"))));
			header.add(Piece.space(SqlForms.lineEnd(random)));
		}
		List<ScriptModel.Statement> statements = new ArrayList<>();
		int count = small(random, 8);
		for (int i = 0; i < count; i++) {
			boolean last = i == count - 1;
			statements.add(new ScriptModel.Statement(gap(random, true), statement(random, noTransaction),
					!last || random.nextBoolean()));
		}
		List<Piece> tail = new ArrayList<>();
		boolean open = count > 0 && !statements.get(count - 1).terminated();
		if (!open || chance(random, 20)) {
			if (open) {
				// Comments after an unterminated last statement are part of it; keep "-" "--" apart.
				tail.add(Piece.space(" "));
			}
			tail.addAll(gap(random, true));
			if (chance(random, 20)) {
				// A line comment may end the file without a line end.
				tail.add(Piece.space(" "));
				tail.add(Piece.comment(SqlForms.lineComment(random, ALPHABET)));
			}
		}
		return new ScriptModel(header, statements, tail);
	}

	/** Whitespace, comments and (optionally) empty statements. */
	static List<Piece> gap(SplittableRandom random, boolean emptyStatements) {
		List<Piece> pieces = new ArrayList<>();
		int parts = small(random, 4);
		for (int i = 0; i < parts; i++) {
			switch (random.nextInt(emptyStatements ? 5 : 4)) {
				case 0, 1 -> pieces.add(Piece.space(pick(random, SPACES)));
				case 2 -> pieces.add(Piece.comment(SqlForms.blockComment(random, ALPHABET)));
				case 3 -> {
					pieces.add(Piece.comment(SqlForms.lineComment(random, ALPHABET)));
					pieces.add(Piece.space(SqlForms.lineEnd(random)));
				}
				default -> pieces.add(Piece.end());
			}
		}
		return pieces;
	}

	private static List<List<Piece>> statement(SplittableRandom random, boolean noTransaction) {
		int kind = random.nextInt(20);
		if (kind < 3) {
			return routine(random);
		}
		List<List<Piece>> groups = new ArrayList<>();
		if (noTransaction && kind == 3) {
			groups.add(words(random, pick(random, TRANSACTION_WORDS)));
		}
		else if (kind == 4) {
			// A parenthesised query: the keyword is "(".
			groups.add(parentheses(random, 0));
		}
		else {
			groups.add(List.of(Piece.token(pick(random, FIRST_WORDS))));
		}
		int atoms = small(random, 10);
		for (int i = 0; i < atoms; i++) {
			groups.add(separated(random, atom(random, 0, NOTHING_EXCLUDED)));
		}
		return groups;
	}

	/** One token, or a composite such as a string continued over lines or a parenthesised group. */
	static List<Piece> atom(SplittableRandom random, int depth, Set<String> excluded) {
		List<Piece> pieces = new ArrayList<>();
		switch (random.nextInt(18)) {
			case 0, 1 -> {
				String prefix = pick(random, List.of("", "", "", "N", "n", "B", "b", "X", "x"));
				if (prefix.isEmpty()) {
					pieces.addAll(CONCATENATE);
				}
				pieces.add(Piece.quoted(SqlForms.standard(prefix, content(random))));
			}
			case 2, 3 -> pieces.add(Piece.quoted(SqlForms.escape(random, content(random), ALPHABET)));
			case 4 -> pieces.addAll(SqlForms.unicodeString(random, content(random), ALPHABET));
			case 5 -> {
				SqlForms.Continued kind = pick(random, List.of(SqlForms.Continued.values()));
				if (kind == SqlForms.Continued.STANDARD) {
					pieces.addAll(CONCATENATE);
				}
				pieces.addAll(SqlForms.continued(random, kind, content(random), ALPHABET));
			}
			case 6 -> pieces.add(Piece.quoted(random.nextInt(3) == 0
					? SqlForms.unicodeIdentifier(random, content(random), ALPHABET)
					: SqlForms.identifier(content(random))));
			case 7, 8 -> pieces.add(Piece.quoted(SqlForms.dollar(random, content(random))));
			case 9 -> pieces.add(Piece.token("$" + (1 + random.nextInt(999))));
			case 10 -> {
				String word = pick(random, WORDS);
				if (excluded.contains(SqlForms.lowerCase(word))) {
					word = word + "_";
				}
				pieces.add(Piece.token(word));
			}
			case 11 -> pieces.add(Piece.token(pick(random, NUMBERS)));
			case 12 -> pieces.add(Piece.token(pick(random, OPERATORS)));
			case 13 -> pieces.add(Piece.comment(SqlForms.blockComment(random, ALPHABET)));
			case 14 -> {
				pieces.add(Piece.comment(SqlForms.lineComment(random, ALPHABET)));
				pieces.add(Piece.space(SqlForms.lineEnd(random)));
			}
			default -> pieces.addAll((depth < 3) ? parentheses(random, depth + 1) : List.of(Piece.token("x")));
		}
		return pieces;
	}

	/** {@code ( ... )} holding anything, semicolons and BEGIN/END/CASE words included. */
	private static List<Piece> parentheses(SplittableRandom random, int depth) {
		List<Piece> pieces = new ArrayList<>();
		pieces.add(Piece.token("("));
		int atoms = small(random, 6);
		for (int i = 0; i < atoms; i++) {
			if (i > 0 || random.nextBoolean()) {
				pieces.addAll(separator(random));
			}
			pieces.addAll(random.nextInt(5) == 0 ? List.of(Piece.token(";")) : atom(random, depth, NOTHING_EXCLUDED));
		}
		if (random.nextBoolean()) {
			pieces.addAll(separator(random));
		}
		pieces.add(Piece.token(")"));
		return pieces;
	}

	/**
	 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END}: the semicolons inside the
	 * body, CASE ... END included, are the body's. Two groups: "CREATE" and the rest, which only makes sense
	 * whole.
	 */
	private static List<List<Piece>> routine(SplittableRandom random) {
		List<Piece> rest = new ArrayList<>();
		if (random.nextBoolean()) {
			rest.addAll(separated(random, words(random, "OR")));
			rest.addAll(separated(random, words(random, "REPLACE")));
		}
		rest.addAll(separated(random, words(random, random.nextBoolean() ? "FUNCTION" : "PROCEDURE")));
		rest.addAll(separator(random));
		rest.add(random.nextBoolean() ? Piece.token("f") : Piece.quoted(SqlForms.identifier("end;begin atomic")));
		rest.addAll(parentheses(random, 1));
		int header = small(random, 4);
		for (int i = 0; i < header; i++) {
			if (random.nextInt(5) == 0) {
				// BEGIN not followed by ATOMIC opens nothing.
				rest.addAll(separated(random, words(random, "BEGIN")));
				rest.addAll(separated(random, List.of(Piece.token("x"))));
			}
			else {
				rest.addAll(separated(random, atom(random, 1, NOT_IN_HEADER)));
			}
		}
		rest.addAll(separated(random, words(random, "BEGIN")));
		if (random.nextInt(4) == 0) {
			// Comments between BEGIN and ATOMIC do not separate them.
			rest.addAll(separated(random, List.of(Piece.comment(SqlForms.blockComment(random, ALPHABET)))));
		}
		rest.addAll(separated(random, words(random, "ATOMIC")));
		int statements = small(random, 4);
		for (int i = 0; i < statements; i++) {
			rest.addAll(separated(random, words(random, pick(random, List.of("SELECT", "insert", "Update")))));
			rest.addAll(bodyTokens(random, 0));
			rest.addAll(separated(random, List.of(Piece.token(";"))));
		}
		rest.addAll(separated(random, words(random, "END")));
		if (random.nextBoolean()) {
			rest.addAll(separated(random, List.of(Piece.comment(SqlForms.blockComment(random, ALPHABET)))));
		}
		return List.of(words(random, "CREATE"), rest);
	}

	/** Tokens of one statement of a routine body: never a bare BEGIN, END or CASE, except as CASE ... END. */
	private static List<Piece> bodyTokens(SplittableRandom random, int caseDepth) {
		List<Piece> pieces = new ArrayList<>();
		int atoms = small(random, 6);
		for (int i = 0; i < atoms; i++) {
			if (caseDepth < 2 && random.nextInt(6) == 0) {
				pieces.addAll(separated(random, words(random, "CASE")));
				pieces.addAll(separated(random, words(random, "WHEN")));
				pieces.addAll(bodyTokens(random, caseDepth + 1));
				pieces.addAll(separated(random, words(random, "END")));
			}
			else {
				pieces.addAll(separated(random, atom(random, 1, NOT_IN_BODY)));
			}
		}
		return pieces;
	}

	/** Keywords separated by single spaces, each in random case. */
	private static List<Piece> words(SplittableRandom random, String keywords) {
		List<Piece> pieces = new ArrayList<>();
		for (String word : keywords.split(" ")) {
			if (!pieces.isEmpty()) {
				pieces.add(Piece.space(" "));
			}
			pieces.add(Piece.token(randomCase(random, word)));
		}
		return pieces;
	}

	private static List<Piece> separated(SplittableRandom random, List<Piece> pieces) {
		List<Piece> out = new ArrayList<>(separator(random));
		out.addAll(pieces);
		return out;
	}

	/** What goes between two tokens: whitespace, or a comment with a space before it. */
	static List<Piece> separator(SplittableRandom random) {
		return switch (random.nextInt(12)) {
			case 0 -> List.of(Piece.space(" "), Piece.comment(SqlForms.blockComment(random, ALPHABET)),
					Piece.space(pick(random, List.of("", " ", "\n"))));
			case 1 -> List.of(Piece.space(" "), Piece.comment(SqlForms.lineComment(random, ALPHABET)),
					Piece.space(SqlForms.lineEnd(random)));
			default -> List.of(Piece.space(pick(random, SPACES)));
		};
	}

	private static String content(SplittableRandom random) {
		return SqlForms.content(random, ALPHABET, 12);
	}
}
