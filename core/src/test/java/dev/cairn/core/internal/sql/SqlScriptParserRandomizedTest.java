package dev.cairn.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Scripts built from random fragments of every quoting form, each holding semicolons, must split into
 * exactly the statements they were built from.
 */
class SqlScriptParserRandomizedTest {

	private static final long SEED = 20240607L;

	private static final int SCRIPTS = 4000;

	/** Tokens that may go anywhere inside a statement; most contain a ';' that must not split. */
	private static final List<String> FRAGMENTS = List.of(
			"'a;b'", "'it''s; ok'", "'multi;\nline'", "''", "'C:\\dir\\'",
			"E'\\';'", "e'a\\\\;'", "E'x''y;\\n'",
			"U&'d\\0061;t'", "u&'x;'", "B'0101'", "X'1F'", "N'na;me'",
			"$$a;b$$", "$$$$", "$body$ x; $$ y; $body$", "$a$ $b$ ; $a$", "$_t1$;\n$_t1$", "$T$ ; $t$ ; $T$",
			"$1", "$12",
			"\"a;b\"", "\"x\"\";y\"", "U&\"i;d\"",
			"/* c; */", "/* a /* b; */ c; */", "/**/", "/* ' \" $$ -- */",
			"-- line; comment ' \" $$ /*\n",
			"(a; b)", "(1, ('x;', (2; 3)))",
			"a$$b", "namE'a\\'", "x", "42", "1.5e3", "::", "+", "begin", "atomic", "end", "case");

	private static final List<String> FIRST_WORDS = List.of("SELECT", "insert", "Update", "WITH", "delete", "values");

	/** Whole statements whose inner semicolons belong to a routine body. */
	private static final List<String> ROUTINES = List.of(
			"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
			"create or replace procedure p()\nbegin atomic\n  insert into t values (';');\n  delete from t;\nend");

	private static final List<String> SEPARATORS = List.of(" ", "\n", "\r\n", "\t", "  \n  ");

	private static final List<String> GAPS = List.of(
			"", " ", "\n", "\r\n", " -- gap; comment\n", "/* gap; */", "/* a /* b; */ */\n", "\n\n", "-- x\r\n");

	@Test
	void randomScriptsSplitIntoExactlyTheStatementsTheyWereBuiltFrom() {
		Random random = new Random(SEED);
		for (int i = 0; i < SCRIPTS; i++) {
			Built built = build(random);
			SqlScript parsed = SqlScriptParser.parse(built.script);
			assertThat(parsed.statements()).as("statements of script %d:%n%s", i, built.script)
					.containsExactlyElementsOf(built.statements);
			Scripts.assertRebuilds(built.script, parsed);
		}
	}

	private record Built(String script, List<SqlStatement> statements) {
	}

	private static Built build(Random random) {
		StringBuilder script = new StringBuilder();
		List<SqlStatement> statements = new ArrayList<>();
		appendGap(random, script);
		int count = 1 + random.nextInt(8);
		for (int s = 0; s < count; s++) {
			if (s > 0) {
				script.append(';');
				appendGap(random, script);
				if (random.nextInt(5) == 0) {
					script.append(';');
					appendGap(random, script);
				}
			}
			// Appended whole: a line comment at its end keeps its newline, so the ';' stays outside it.
			String text = statement(random);
			String sql = stripTrailingBlanks(text);
			int start = script.length();
			int line = countLineBreaks(script, 0, start) + 1;
			script.append(text);
			statements.add(new SqlStatement(sql, start, start + sql.length(), line, keywordOf(sql)));
		}
		switch (random.nextInt(4)) {
			case 0 -> {
				// the last statement without ';'
			}
			case 1 -> script.append(';');
			case 2 -> script.append(";\n");
			default -> {
				script.append(';');
				appendGap(random, script);
				script.append(";\n-- the end");
			}
		}
		return new Built(script.toString(), statements);
	}

	private static String statement(Random random) {
		if (random.nextInt(10) == 0) {
			return pick(random, ROUTINES);
		}
		StringBuilder sql = new StringBuilder(pick(random, FIRST_WORDS));
		int fragments = random.nextInt(9);
		// PostgreSQL joins a quoted fragment that follows an E'' string across a line end to it and reads it
		// as an escape string too; '\' then no longer ends it, so such a fragment may hold no backslash.
		boolean escapeString = false;
		for (int f = 0; f < fragments; f++) {
			String separator = pick(random, SEPARATORS);
			String fragment = pick(random, FRAGMENTS);
			boolean continues = escapeString && fragment.startsWith("'")
					&& (lineEndSince(sql) || separator.contains("\n"));
			while (continues && fragment.contains("\\")) {
				fragment = pick(random, FRAGMENTS);
				continues = fragment.startsWith("'");
			}
			sql.append(separator).append(fragment);
			if (!continues && !fragment.startsWith("--")) {
				escapeString = fragment.startsWith("E'") || fragment.startsWith("e'");
			}
		}
		return sql.toString();
	}

	/** Whether the statement so far ends in blanks and line comments holding a line end. */
	private static boolean lineEndSince(StringBuilder sql) {
		int end = sql.length();
		while (end > 0 && " \t\r\n".indexOf(sql.charAt(end - 1)) >= 0) {
			if (sql.charAt(end - 1) == '\n') {
				return true;
			}
			end--;
		}
		return false;
	}

	private static void appendGap(Random random, StringBuilder script) {
		int parts = random.nextInt(4);
		for (int p = 0; p < parts; p++) {
			script.append(pick(random, GAPS));
		}
		// A gap must end in whitespace or a comment before the next statement's first word.
		script.append(' ');
	}

	private static String keywordOf(String sql) {
		int end = 0;
		while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
			end++;
		}
		return sql.substring(0, end).toUpperCase(Locale.ROOT);
	}

	private static String stripTrailingBlanks(String sql) {
		int end = sql.length();
		while (end > 0 && " \t\r\n".indexOf(sql.charAt(end - 1)) >= 0) {
			end--;
		}
		return sql.substring(0, end);
	}

	private static int countLineBreaks(CharSequence text, int from, int to) {
		int count = 0;
		for (int i = from; i < to; i++) {
			if (text.charAt(i) == '\n') {
				count++;
			}
		}
		return count;
	}

	private static String pick(Random random, List<String> choices) {
		return choices.get(random.nextInt(choices.size()));
	}
}
