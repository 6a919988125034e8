package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * What must hold for every split, checked without AssertJ so that a million cases stay cheap. Each check
 * throws an AssertionError saying what is wrong.
 */
final class SplitInvariants {

	private static final String NO_TRANSACTION_HEADER = "-- cairn:" + SqlScript.NO_TRANSACTION + "\n";

	private SplitInvariants() {
	}

	/**
	 * The script either splits, and then {@link #checkStructure} holds, or is refused with a
	 * SqlScriptException that has a message and a line inside the script. Anything else thrown propagates.
	 */
	static void checkSplitsOrRefuses(String script) {
		SqlScript parsed;
		try {
			parsed = SqlScriptParser.parse(script);
		}
		catch (SqlScriptException ex) {
			String message = ex.getMessage();
			check(message != null && !message.isBlank(), () -> "SqlScriptException without a message");
			int lines = lineCount(script);
			check(ex.line() >= 1 && ex.line() <= lines,
					() -> "SqlScriptException line " + ex.line() + " outside the script's " + lines + " lines: " + message);
			return;
		}
		checkStructure(script, parsed);
	}

	/**
	 * For a script the parser accepted: statements in order and inside the script, each exactly its text,
	 * trimmed, on the right line, starting and ending on token boundaries; between them only whitespace,
	 * comments and at least one {@code ;}; each statement parsed on its own is itself; and the statements
	 * joined again split into the same statements.
	 */
	static void checkStructure(String script, SqlScript parsed) {
		List<SqlStatement> statements = parsed.statements();
		BitSet tokenStarts = new BitSet(script.length() + 1);
		BitSet tokenEnds = new BitSet(script.length() + 1);
		SqlLexer lexer = new SqlLexer(script);
		while (lexer.next()) {
			tokenStarts.set(lexer.start());
			tokenEnds.set(lexer.end());
		}
		int previousEnd = 0;
		// Counted as the loop goes: lineOf for each statement would make a long script quadratic.
		int line = 1;
		int lineCounted = 0;
		for (int i = 0; i < statements.size(); i++) {
			SqlStatement statement = statements.get(i);
			int index = i;
			int start = statement.startOffset();
			int end = statement.endOffset();
			check(start >= previousEnd && start < end && end <= script.length(),
					() -> "statement " + index + " at [" + start + ", " + end + ") overlaps the previous one or leaves the script");
			check(script.substring(start, end).equals(statement.sql()),
					() -> "statement " + index + " is not the text at its offsets");
			check(!isSpace(statement.sql().charAt(0)) && !isSpace(statement.sql().charAt(statement.sql().length() - 1)),
					() -> "statement " + index + " is not trimmed");
			line += lineBreaks(script, lineCounted, start);
			lineCounted = start;
			int startLine = line;
			check(statement.line() == startLine,
					() -> "statement " + index + " says line " + statement.line() + " but starts on line " + startLine);
			check(!statement.keyword().isEmpty(), () -> "statement " + index + " has no keyword");
			check(tokenStarts.get(start) && tokenEnds.get(end),
					() -> "statement " + index + " starts or ends inside a token (a quote, comment or word)");
			checkGap(script, previousEnd, start, i > 0);
			previousEnd = end;
		}
		checkGap(script, previousEnd, script.length(), false);

		String header = parsed.transactional() ? "" : NO_TRANSACTION_HEADER;
		List<String> sqls = new ArrayList<>(statements.size());
		for (SqlStatement statement : statements) {
			sqls.add(statement.sql());
			List<SqlStatement> alone = SqlScriptParser.parse(header + statement.sql()).statements();
			check(alone.size() == 1 && alone.get(0).sql().equals(statement.sql()),
					() -> "statement " + Fuzz.literal(statement.sql()) + " splits differently on its own: " + alone);
		}
		// A statement may end in a line comment, so the ';' goes on a line of its own.
		List<String> rejoined = SqlScriptParser.parse(header + String.join("\n;\n", sqls)).statements().stream()
			.map(SqlStatement::sql)
			.toList();
		check(rejoined.equals(sqls), () -> "the statements joined again split into " + rejoined);
	}

	/** The splitter found exactly the statements the generator built, and no boundary inside a quote or comment. */
	static void checkExpected(ScriptModel.Rendered rendered, SqlScript parsed) {
		List<SqlStatement> actual = parsed.statements();
		List<SqlStatement> expected = rendered.statements();
		if (!actual.equals(expected)) {
			StringBuilder message = new StringBuilder("split into ").append(actual.size())
				.append(" statements, expected ").append(expected.size()).append(':');
			for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
				SqlStatement found = (i < actual.size()) ? actual.get(i) : null;
				SqlStatement wanted = (i < expected.size()) ? expected.get(i) : null;
				if (found == null || !found.equals(wanted)) {
					message.append(String.format("%n  first difference at statement %d:%n    found    %s%n    expected %s",
							i, describe(found), describe(wanted)));
					break;
				}
			}
			throw new AssertionError(message.toString());
		}
		for (ScriptModel.Span span : rendered.protectedSpans()) {
			for (SqlStatement statement : actual) {
				check(!inside(statement.startOffset(), span) && !inside(statement.endOffset(), span),
						() -> "a statement boundary falls inside the quoted form or comment at [" + span.start() + ", "
								+ span.end() + ")");
			}
		}
	}

	private static boolean inside(int offset, ScriptModel.Span span) {
		return offset > span.start() && offset < span.end();
	}

	/** Between statements: only comments and ';', at least one ';' when a statement came before. */
	private static void checkGap(String script, int from, int to, boolean needsSemicolon) {
		String gap = script.substring(from, to);
		SqlLexer lexer = new SqlLexer(gap);
		boolean semicolon = false;
		while (lexer.next()) {
			if (lexer.isSymbol(';')) {
				semicolon = true;
			}
			else {
				check(lexer.kind().isComment(),
						() -> "the gap " + Fuzz.literal(gap) + " at " + from + " holds a token that is in no statement");
			}
		}
		boolean found = semicolon;
		check(found || !needsSemicolon, () -> "no ';' between two statements, at " + from);
	}

	private static String describe(SqlStatement statement) {
		if (statement == null) {
			return "(none)";
		}
		return "[" + statement.startOffset() + ", " + statement.endOffset() + ") line " + statement.line() + " "
				+ statement.keyword() + ": " + Fuzz.literal(statement.sql());
	}

	static int lineCount(String script) {
		return 1 + lineBreaks(script, 0, script.length());
	}

	private static int lineBreaks(String script, int from, int to) {
		int count = 0;
		for (int i = from; i < to; i++) {
			if (script.charAt(i) == '\n') {
				count++;
			}
		}
		return count;
	}

	/** The whitespace the lexer skips. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
	}

	static void check(boolean condition, Supplier<String> message) {
		if (!condition) {
			throw new AssertionError(message.get());
		}
	}
}
