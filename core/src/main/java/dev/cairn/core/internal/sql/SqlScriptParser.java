package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Splits a migration script into statements the way psql does, reads its {@code -- cairn:} directives,
 * and rejects what only psql understands (meta-commands, {@code COPY ... FROM STDIN}) and, in a
 * transactional script, transaction control.
 *
 * <p>A {@code ;} ends a statement only at top level: outside quotes and comments (which {@link SqlLexer}
 * takes whole), outside parentheses (as in psql, for rules such as {@code DO (INSERT ...; INSERT ...)}),
 * and outside the {@code BEGIN ATOMIC ... END} body of a {@code CREATE FUNCTION} or {@code CREATE
 * PROCEDURE}. One pass, linear in the length of the script.
 */
public final class SqlScriptParser {

	/** How many leading tokens of a statement are kept for the checks that look at its start. */
	private static final int PREFIX = 4;

	private final String script;
	private final SqlLexer lexer;
	private final Set<String> directives = new LinkedHashSet<>();
	private final List<SqlStatement> statements = new ArrayList<>();
	private final Map<String, String> settings = new LinkedHashMap<>();
	private final List<SqlScript.Suppression> suppressions = new ArrayList<>();

	// The statement being read; statementStart is -1 between statements.
	private int statementStart = -1;
	private int statementEnd;
	private int statementLine;
	private int tokenCount;
	private final int[] prefixStart = new int[PREFIX];
	private final int[] prefixEnd = new int[PREFIX];
	private final boolean[] prefixWord = new boolean[PREFIX];

	private int parenDepth;
	private int parenLine;

	// CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END: the ';' inside the body are the body's.
	private boolean routine;
	private boolean afterBegin;
	private int beginLine;
	private int atomicDepth;
	private int atomicLine;

	private SqlScriptParser(String script) {
		this.script = script;
		this.lexer = new SqlLexer(script);
	}

	/**
	 * Parses a whole script (without a byte order mark: the caller strips it).
	 *
	 * @throws SqlScriptException for an unterminated quote, comment, parenthesis or {@code BEGIN ATOMIC} body,
	 *     a misspelt or misplaced directive, or content that cannot run in a migration
	 */
	public static SqlScript parse(String script) {
		Objects.requireNonNull(script, "script");
		return new SqlScriptParser(script).run();
	}

	/** The 1-based line of a char offset of a script (0 to its length), for messages. */
	public static int lineOf(String script, int offset) {
		Objects.checkFromToIndex(0, offset, script.length());
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (script.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	private SqlScript run() {
		SqlLexer lexer = this.lexer;
		while (lexer.next()) {
			switch (lexer.kind()) {
				case LINE_COMMENT -> {
					readDirective();
					extendStatement();
				}
				case BLOCK_COMMENT -> extendStatement();
				case BACKSLASH -> throw metaCommand();
				default -> {
					if (lexer.isSymbol(';') && this.parenDepth == 0 && this.atomicDepth == 0) {
						finishStatement();
					}
					else {
						readToken();
					}
				}
			}
		}
		if (this.parenDepth > 0) {
			throw new SqlScriptException("unclosed parenthesis ( opened at line " + this.parenLine
					+ ": add the missing ) (until it is closed, ';' does not end the statement)", this.parenLine);
		}
		if (this.atomicDepth > 0) {
			throw new SqlScriptException("BEGIN ATOMIC body starting at line " + this.atomicLine
					+ " has no matching END: add the END that closes it (until then, ';' does not end the statement)",
					this.atomicLine);
		}
		finishStatement();
		return new SqlScript(this.directives, this.statements, this.settings, this.suppressions);
	}

	/** A comment inside a statement is part of it; one before it belongs to the gap. */
	private void extendStatement() {
		if (this.statementStart >= 0) {
			this.statementEnd = this.lexer.end();
		}
	}

	private void readToken() {
		SqlLexer lexer = this.lexer;
		if (this.statementStart < 0) {
			this.statementStart = lexer.start();
			this.statementLine = lexer.line();
			this.tokenCount = 0;
			this.routine = false;
			this.afterBegin = false;
		}
		this.statementEnd = lexer.end();
		if (this.tokenCount < PREFIX) {
			this.prefixStart[this.tokenCount] = lexer.start();
			this.prefixEnd[this.tokenCount] = lexer.end();
			this.prefixWord[this.tokenCount] = lexer.kind() == SqlLexer.Kind.WORD;
		}
		this.tokenCount++;
		if (this.tokenCount == 2 || this.tokenCount == 4) {
			this.routine = this.routine || isRoutineHeader();
		}
		boolean followsBegin = this.afterBegin;
		this.afterBegin = false;
		if (lexer.isSymbol('(')) {
			if (this.parenDepth++ == 0) {
				this.parenLine = lexer.line();
			}
		}
		else if (lexer.isSymbol(')')) {
			if (this.parenDepth > 0) {
				this.parenDepth--;
			}
		}
		else if (this.routine && this.parenDepth == 0 && lexer.kind() == SqlLexer.Kind.WORD) {
			trackAtomicBody(followsBegin);
		}
	}

	/**
	 * Like psql, counts CASE ... END inside the body; unlike psql, counts only BEGIN followed by ATOMIC, so
	 * that a routine or column named "begin" does not swallow the rest of the script.
	 */
	private void trackAtomicBody(boolean followsBegin) {
		SqlLexer lexer = this.lexer;
		if (lexer.is("BEGIN")) {
			this.afterBegin = true;
			this.beginLine = lexer.line();
		}
		else if (followsBegin && lexer.is("ATOMIC")) {
			if (this.atomicDepth++ == 0) {
				this.atomicLine = this.beginLine;
			}
		}
		else if (this.atomicDepth > 0 && lexer.is("CASE")) {
			this.atomicDepth++;
		}
		else if (this.atomicDepth > 0 && lexer.is("END")) {
			this.atomicDepth--;
		}
	}

	/** CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
	private boolean isRoutineHeader() {
		if (!prefixIs(0, "CREATE")) {
			return false;
		}
		if (this.tokenCount == 2) {
			return prefixIs(1, "FUNCTION") || prefixIs(1, "PROCEDURE");
		}
		return prefixIs(1, "OR") && prefixIs(2, "REPLACE") && (prefixIs(3, "FUNCTION") || prefixIs(3, "PROCEDURE"));
	}

	private boolean prefixIs(int index, String keyword) {
		if (index >= Math.min(this.tokenCount, PREFIX) || !this.prefixWord[index]) {
			return false;
		}
		int start = this.prefixStart[index];
		return this.prefixEnd[index] - start == keyword.length()
				&& this.script.regionMatches(true, start, keyword, 0, keyword.length());
	}

	private void finishStatement() {
		if (this.statementStart < 0) {
			return;
		}
		String sql = this.script.substring(this.statementStart, this.statementEnd);
		SqlStatement statement =
				new SqlStatement(sql, this.statementStart, this.statementEnd, this.statementLine, keyword());
		check(statement);
		this.statements.add(statement);
		this.statementStart = -1;
		this.atomicDepth = 0;
	}

	private String keyword() {
		int start = this.prefixStart[0];
		if (!this.prefixWord[0]) {
			return String.valueOf(this.script.charAt(start));
		}
		return this.script.substring(start, this.prefixEnd[0]).toUpperCase(Locale.ROOT);
	}

	private void check(SqlStatement statement) {
		if (!this.directives.contains(SqlScript.NO_TRANSACTION)) {
			String control = transactionControl();
			if (control != null) {
				throw new SqlScriptException("transaction control (" + control + ") inside a migration:"
						+ " Cairn runs each migration in its own transaction; remove it, or put `-- cairn:"
						+ SqlScript.NO_TRANSACTION + "` at the top of the file to run statements one by one"
						+ " without a transaction", statement.line());
			}
		}
		if (statement.keyword().equals("COPY")) {
			String problem = StatementClassifier.copyProblem(statement.sql());
			if (problem != null) {
				throw new SqlScriptException(problem, statement.line());
			}
		}
	}

	/** The transaction control command the statement is, such as "COMMIT PREPARED", or null. */
	private @Nullable String transactionControl() {
		if (prefixIs(0, "BEGIN") || prefixIs(0, "END") || prefixIs(0, "ABORT") || prefixIs(0, "SAVEPOINT")
				|| prefixIs(0, "RELEASE")) {
			return keyword();
		}
		if (prefixIs(0, "COMMIT") || prefixIs(0, "ROLLBACK")) {
			return prefixIs(1, "PREPARED") ? keyword() + " PREPARED" : keyword();
		}
		if ((prefixIs(0, "START") || prefixIs(0, "PREPARE")) && prefixIs(1, "TRANSACTION")) {
			return keyword() + " TRANSACTION";
		}
		return null;
	}

	/**
	 * A line comment {@code -- cairn:NAME}. Anything else in a comment is left alone, but a comment that
	 * starts with {@code cairn:} must be a known directive in the right place: a typo would otherwise
	 * silently run the script the wrong way.
	 */
	private void readDirective() {
		SqlLexer lexer = this.lexer;
		int end = lexer.end();
		int p = skipBlanks(lexer.start() + 2, end);
		String prefix = "cairn:";
		if (!this.script.regionMatches(true, p, prefix, 0, prefix.length())) {
			readForeignMarker(p, end);
			return;
		}
		int line = lexer.line();
		int nameStart = skipBlanks(p + prefix.length(), end);
		int nameEnd = nameStart;
		while (nameEnd < end && !isBlank(this.script.charAt(nameEnd))) {
			nameEnd++;
		}
		String name = this.script.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
		if (name.equals(SqlScript.LINT_IGNORE) || name.equals(SqlScript.LINT_IGNORE_FILE)) {
			readSuppression(name, nameEnd, end, line);
			return;
		}
		if (SqlScript.VALUE_DIRECTIVES.contains(name)) {
			readSetting(name, nameEnd, end, line);
			return;
		}
		if (this.statementStart >= 0 || !this.statements.isEmpty()) {
			int firstLine = this.statements.isEmpty() ? this.statementLine : this.statements.get(0).line();
			throw new SqlScriptException("directive cairn:" + name + " comes after the first statement (line "
					+ firstLine + "): directives apply to the whole file and must come before the first statement;"
					+ " move it to the comment block at the top of the file", line);
		}
		if (!SqlScript.KNOWN_DIRECTIVES.contains(name)) {
			throw new SqlScriptException("unknown directive cairn:" + name + "; known directives: "
					+ String.join(", ", allDirectives()), line);
		}
		int rest = skipBlanks(nameEnd, end);
		if (rest < end) {
			throw new SqlScriptException("unexpected text after directive cairn:" + name + ": \""
					+ this.script.substring(rest, end) + "\"; put the directive on a line of its own", line);
		}
		this.directives.add(name);
	}

	/**
	 * {@code -- cairn:lint-ignore RULE REASON} anywhere: applies to the statement it is in, or else to
	 * the next one; {@code lint-ignore-file} only in the directive block, for the whole file. The
	 * reason is required: an accepted risk must say why, and status shows it.
	 */
	private void readSuppression(String name, int from, int end, int line) {
		boolean file = name.equals(SqlScript.LINT_IGNORE_FILE);
		if (file) {
			checkInDirectiveBlock(name, line);
		}
		int ruleStart = skipBlanks(from, end);
		int ruleEnd = ruleStart;
		while (ruleEnd < end && !isBlank(this.script.charAt(ruleEnd))) {
			ruleEnd++;
		}
		String rule = this.script.substring(ruleStart, ruleEnd).toLowerCase(Locale.ROOT);
		String reason = this.script.substring(skipBlanks(ruleEnd, end), end).strip();
		if (rule.isEmpty() || reason.isEmpty()) {
			throw new SqlScriptException("directive cairn:" + name + " needs a rule and a reason, as in `-- cairn:" + name
					+ " create-index-blocking the table is created in this file`: say which finding is accepted and why",
					line);
		}
		int statement = file ? -1 : this.statements.size();
		this.suppressions.add(new SqlScript.Suppression(rule, reason, line, statement));
	}

	/** A lock-timeout / statement-timeout duration ({@code 0}, {@code 500ms}, {@code 30s}, {@code 10min}, {@code 2h}). */
	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)?");

	private void readSetting(String name, int from, int end, int line) {
		checkInDirectiveBlock(name, line);
		String value = this.script.substring(skipBlanks(from, end), end).strip();
		String normalised;
		if (name.equals(SqlScript.MAX_ATTEMPTS)) {
			if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 100) {
				throw new SqlScriptException("directive cairn:" + name + " needs a number of attempts from 1 to 100, as in"
						+ " `-- cairn:" + name + " 3` (1 tries once); found \"" + value + "\"", line);
			}
			normalised = String.valueOf(Integer.parseInt(value));
		}
		else {
			Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
			if (!matcher.matches() || (matcher.group(2) == null && Long.parseLong(matcher.group(1)) != 0)) {
				throw new SqlScriptException("directive cairn:" + name + " needs a duration with a unit (ms, s, min or h),"
						+ " as in `-- cairn:" + name + " 30s`, or 0 for no limit; found \"" + value + "\"", line);
			}
			long amount = Long.parseLong(matcher.group(1));
			String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
			long millis = switch (unit) {
				case "ms" -> amount;
				case "s" -> amount * 1_000L;
				case "min" -> amount * 60_000L;
				default -> amount * 3_600_000L;
			};
			if (millis > 86_400_000L) {
				throw new SqlScriptException("directive cairn:" + name + " " + value + " is longer than 24h: a migration"
						+ " that waits that long is stuck; use 0 for no limit", line);
			}
			normalised = String.valueOf(millis);
		}
		if (this.settings.put(name, normalised) != null) {
			throw new SqlScriptException("directive cairn:" + name + " is given twice: keep one", line);
		}
	}

	private static Set<String> allDirectives() {
		Set<String> all = new TreeSet<>(SqlScript.KNOWN_DIRECTIVES);
		all.addAll(SqlScript.VALUE_DIRECTIVES);
		all.add(SqlScript.LINT_IGNORE);
		all.add(SqlScript.LINT_IGNORE_FILE);
		return all;
	}

	private void checkInDirectiveBlock(String name, int line) {
		if (this.statementStart >= 0 || !this.statements.isEmpty()) {
			int firstLine = this.statements.isEmpty() ? this.statementLine : this.statements.get(0).line();
			throw new SqlScriptException("directive cairn:" + name + " comes after the first statement (line "
					+ firstLine + "): directives apply to the whole file and must come before the first statement;"
					+ " move it to the comment block at the top of the file", line);
		}
	}

	/**
	 * Other tools' file-wide no-transaction markers count as {@code -- cairn:no-transaction}, so their
	 * files run as they did: morph's {@code -- morph:nontransactional} and Atlas's
	 * {@code -- atlas:txmode none} ({@code txmode file} is the default, a transaction). goose's and
	 * dbmate's markers belong to their layouts, which turn them into the directive.
	 */
	private void readForeignMarker(int from, int end) {
		if (from >= end || !(this.script.regionMatches(true, from, "morph:", 0, 6)
				|| this.script.regionMatches(true, from, "atlas:", 0, 6))) {
			return; // most comments: no copy made
		}
		String comment = this.script.substring(from, end).strip().replaceAll("[ \t]+", " ").toLowerCase(Locale.ROOT);
		String tool;
		if (comment.equals("morph:nontransactional")) {
			tool = "morph";
		}
		else if (comment.equals("atlas:txmode none")) {
			tool = "Atlas";
		}
		else {
			if (comment.startsWith("atlas:txmode ") && !comment.equals("atlas:txmode file")) {
				throw new SqlScriptException("Atlas's -- " + comment + " has no Cairn equivalent: Cairn runs a file in one"
						+ " transaction, or statement by statement with -- atlas:txmode none (or -- cairn:"
						+ SqlScript.NO_TRANSACTION + ")", this.lexer.line());
			}
			return;
		}
		if (this.statementStart >= 0 || !this.statements.isEmpty()) {
			int firstLine = this.statements.isEmpty() ? this.statementLine : this.statements.get(0).line();
			throw new SqlScriptException(tool + "'s marker -- " + comment + " comes after the first statement (line "
					+ firstLine + "): like Cairn's directives it applies to the whole file only at its top; move it"
					+ " there", this.lexer.line());
		}
		this.directives.add(SqlScript.NO_TRANSACTION);
	}

	private int skipBlanks(int from, int end) {
		int p = from;
		while (p < end && isBlank(this.script.charAt(p))) {
			p++;
		}
		return p;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
	}

	private SqlScriptException metaCommand() {
		int start = this.lexer.end();
		int end = start;
		while (end < this.script.length() && end - start < 40) {
			char c = this.script.charAt(end);
			if (c == '\\' || Character.isWhitespace(c)) {
				break;
			}
			end++;
		}
		String name = this.script.substring(start, end);
		String advice = switch (name.toLowerCase(Locale.ROOT)) {
			case "c", "connect" -> "remove it (connect with a separate track or datasource)";
			case "i", "ir", "include", "include_relative" ->
					"Cairn does not include files; put those statements in this migration or in a migration of their own";
			case "copy" -> "use INSERT statements, or COPY FROM a file on the database server";
			case "." -> "it ends the data of COPY ... FROM STDIN, which cannot run in a migration;"
					+ " use INSERT statements, or COPY FROM a file on the database server";
			case "set", "unset", "setenv", "getenv" ->
					"psql variables do not exist here; write the values into the SQL";
			case "g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch" ->
					"query results are not fed back into the script; write the statements out, or use EXECUTE in a DO block";
			case "if", "elif", "else", "endif" -> "for conditional logic use a DO block with IF";
			case "echo", "qecho", "warn" -> "remove it (RAISE NOTICE in a DO block writes a message to the log)";
			default -> "remove it";
		};
		return new SqlScriptException("psql meta-command \\" + name + " is not SQL: Cairn sends statements to the"
				+ " server directly; " + advice, this.lexer.line());
	}
}
