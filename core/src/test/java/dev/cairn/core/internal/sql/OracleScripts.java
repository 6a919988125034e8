package dev.cairn.core.internal.sql;

import static dev.cairn.core.internal.sql.SqlForms.chance;
import static dev.cairn.core.internal.sql.SqlForms.pick;
import static dev.cairn.core.internal.sql.SqlForms.randomCase;
import static dev.cairn.core.internal.sql.SqlForms.small;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import dev.cairn.core.internal.sql.ScriptModel.Piece;
import dev.cairn.core.internal.sql.SqlForms.Alphabet;

/**
 * Scripts of real statements PostgreSQL runs: tables, rows, views, rules, comments, PL/pgSQL and SQL
 * functions and procedures (quoted bodies and BEGIN ATOMIC bodies), DO blocks, with string constants of
 * every form full of {@code ;}, quotes, comment markers and dollar signs, comments between tokens and
 * between statements, and empty statements. Every statement only uses what the script made before it, so
 * the whole script runs without error; {@code log} (seq, v) is made by the test before the script.
 */
final class OracleScripts {

	private static final Alphabet ALPHABET = Alphabet.SERVER;

	/** Characters for quoted identifiers: short, so that they stay under 63 bytes. */
	private static final List<String> IDENTIFIER_PARTS = List.of(
			"a", "b", "z", "T", "_", "1", ";", "'", "\"", "$", "$$", "--", "/*", "*/", " ", "(", ")", "é", "日", "\\",
			"end", "begin", "case");

	private final SplittableRandom random;

	private final List<Table> tables = new ArrayList<>();

	/** Functions of no arguments returning text, to be called. */
	private final List<String> functions = new ArrayList<>();

	private final List<String> procedures = new ArrayList<>();

	private int counter;

	private OracleScripts(SplittableRandom random) {
		this.random = random;
	}

	/** A table made by the script: its name as written and its text columns as written. */
	private record Table(String name, List<String> columns, int[] nextId) {
	}

	static ScriptModel generate(SplittableRandom random) {
		return new OracleScripts(random).script();
	}

	private ScriptModel script() {
		List<ScriptModel.Statement> statements = new ArrayList<>();
		int count = 1 + small(this.random, 12);
		for (int i = 0; i < count; i++) {
			boolean last = i == count - 1;
			statements.add(new ScriptModel.Statement(gap(), List.of(statement()), !last || this.random.nextBoolean()));
		}
		List<Piece> tail = new ArrayList<>();
		if (statements.get(count - 1).terminated()) {
			tail.addAll(gap());
		}
		return new ScriptModel(List.of(), statements, tail);
	}

	private List<Piece> gap() {
		List<Piece> pieces = new ArrayList<>();
		int parts = small(this.random, 4);
		for (int i = 0; i < parts; i++) {
			switch (this.random.nextInt(5)) {
				case 0, 1 -> pieces.add(Piece.space(pick(this.random, List.of(" ", "\n", "\n\n", "\t", "\r\n"))));
				case 2 -> pieces.add(Piece.comment(SqlForms.blockComment(this.random, ALPHABET)));
				case 3 -> {
					pieces.add(Piece.comment(SqlForms.lineComment(this.random, ALPHABET)));
					pieces.add(Piece.space(SqlForms.lineEnd(this.random)));
				}
				default -> pieces.add(Piece.end());
			}
		}
		return pieces;
	}

	/** One statement, as one group: dropping a part of it would only make invalid SQL. */
	private List<Piece> statement() {
		while (true) {
			Tokens tokens = new Tokens();
			boolean made = switch (this.random.nextInt(20)) {
				case 0, 1 -> createTable(tokens);
				case 2, 3, 4 -> insert(tokens);
				case 5, 6 -> insertLog(tokens);
				case 7 -> update(tokens);
				case 8 -> delete(tokens);
				case 9 -> plpgsqlFunction(tokens);
				case 10 -> atomicFunction(tokens);
				case 11 -> atomicProcedure(tokens);
				case 12 -> sqlFunction(tokens);
				case 13 -> doBlock(tokens);
				case 14 -> comment(tokens);
				case 15 -> view(tokens);
				case 16 -> rule(tokens);
				case 17 -> call(tokens);
				case 18 -> select(tokens);
				default -> alterTable(tokens);
			};
			if (made) {
				return tokens.pieces;
			}
		}
	}

	private boolean createTable(Tokens tokens) {
		String name = tableName();
		List<String> columns = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		tokens.words("CREATE TABLE").add(identifier(name)).symbol("(").words("id int PRIMARY KEY");
		int count = 1 + this.random.nextInt(3);
		for (int i = 0; i < count; i++) {
			String column = columnName(seen);
			columns.add(column);
			tokens.symbol(",").add(identifier(column)).words("text");
			if (chance(this.random, 30)) {
				tokens.words("DEFAULT").add(expression(0, false));
			}
		}
		tokens.symbol(")");
		this.tables.add(new Table(name, columns, new int[] {1}));
		return true;
	}

	private boolean insert(Tokens tokens) {
		if (this.tables.isEmpty()) {
			return false;
		}
		Table table = pick(this.random, this.tables);
		tokens.words("INSERT INTO").add(identifier(table.name())).symbol("(").words("id");
		table.columns().forEach((column) -> tokens.symbol(",").add(identifier(column)));
		tokens.symbol(")").words("VALUES");
		int rows = 1 + small(this.random, 3);
		for (int r = 0; r < rows; r++) {
			if (r > 0) {
				tokens.symbol(",");
			}
			tokens.symbol("(").token(Integer.toString(table.nextId()[0]++));
			table.columns().forEach((column) -> tokens.symbol(",").add(expression(0, false)));
			tokens.symbol(")");
		}
		if (chance(this.random, 20)) {
			tokens.words("RETURNING id");
		}
		return true;
	}

	private boolean insertLog(Tokens tokens) {
		tokens.words("INSERT INTO log").symbol("(").words("v").symbol(")");
		if (this.random.nextBoolean()) {
			tokens.words("VALUES").symbol("(").add(expression(0, false)).symbol(")");
		}
		else {
			tokens.words("SELECT").add(expression(0, false));
		}
		return true;
	}

	private boolean update(Tokens tokens) {
		if (this.tables.isEmpty()) {
			return false;
		}
		Table table = pick(this.random, this.tables);
		String column = pick(this.random, table.columns());
		tokens.words("UPDATE").add(identifier(table.name())).words("SET").add(identifier(column)).symbol("=")
			.add(identifier(column)).token("||").add(expression(0, false)).words("WHERE id").symbol("=")
			.token(Integer.toString(1 + this.random.nextInt(table.nextId()[0])));
		return true;
	}

	private boolean delete(Tokens tokens) {
		if (this.tables.isEmpty()) {
			return false;
		}
		Table table = pick(this.random, this.tables);
		tokens.words("DELETE FROM").add(identifier(table.name())).words("WHERE")
			.add(identifier(pick(this.random, table.columns()))).symbol("=").add(expression(0, false));
		return true;
	}

	/** A PL/pgSQL function whose body, itself full of quotes and comments, is quoted in any form. */
	private boolean plpgsqlFunction(Tokens tokens) {
		String name = "f" + next();
		String body = "DECLARE\n  x text := " + text(expression(0, false)) + ";" + innerComment() + "\nBEGIN\n  x := x || "
				+ text(expression(0, false)) + ";\n" + (chance(this.random, 50)
						? "  INSERT INTO log (v) VALUES (" + text(expression(0, false)) + ");" + innerComment() + "\n" : "")
				+ "  RETURN x;\nEND";
		tokens.words(chance(this.random, 30) ? "CREATE OR REPLACE FUNCTION" : "CREATE FUNCTION").token(name)
			.symbol("(").symbol(")").words("RETURNS text");
		if (this.random.nextBoolean()) {
			tokens.words("LANGUAGE plpgsql AS").add(stringConstant(body));
		}
		else {
			tokens.words("AS").add(stringConstant(body)).words("LANGUAGE plpgsql");
		}
		this.functions.add(name);
		return true;
	}

	/** {@code BEGIN ATOMIC ... END}: semicolons and CASE ... END inside the body. */
	private boolean atomicFunction(Tokens tokens) {
		String name = "g" + next();
		tokens.words("CREATE FUNCTION").token(name).symbol("(").symbol(")").words("RETURNS text LANGUAGE sql");
		atomicBody(tokens, true);
		this.functions.add(name);
		return true;
	}

	private boolean atomicProcedure(Tokens tokens) {
		String name = "p" + next();
		tokens.words(chance(this.random, 30) ? "CREATE OR REPLACE PROCEDURE" : "CREATE PROCEDURE").token(name)
			.symbol("(").symbol(")").words("LANGUAGE sql");
		atomicBody(tokens, false);
		this.procedures.add(name);
		return true;
	}

	private void atomicBody(Tokens tokens, boolean returnsText) {
		tokens.words("BEGIN");
		if (chance(this.random, 20)) {
			tokens.comment();
		}
		tokens.words("ATOMIC");
		int inserts = small(this.random, 3);
		for (int i = 0; i < inserts; i++) {
			tokens.words("INSERT INTO log").symbol("(").words("v").symbol(")").words("VALUES").symbol("(")
				.add(expression(0, false)).symbol(")").token(";");
		}
		if (returnsText || inserts == 0) {
			tokens.words("SELECT").add(expression(0, true)).token(";");
		}
		tokens.words("END");
	}

	/** A SQL function with a quoted body of two statements. */
	private boolean sqlFunction(Tokens tokens) {
		String name = "s" + next();
		String body = "INSERT INTO log (v) VALUES (" + text(expression(0, false)) + ");" + innerComment() + "\nSELECT "
				+ text(expression(0, true));
		tokens.words("CREATE FUNCTION").token(name).symbol("(").symbol(")").words("RETURNS text LANGUAGE sql AS")
			.add(stringConstant(body));
		this.functions.add(name);
		return true;
	}

	private boolean doBlock(Tokens tokens) {
		String block = (chance(this.random, 30) ? "DECLARE\n  y text := " + text(expression(0, false)) + ";\n" : "")
				+ "BEGIN\n  INSERT INTO log (v) VALUES (" + text(expression(0, false)) + ");" + innerComment()
				+ "\n  PERFORM 1;\nEND";
		tokens.words("DO");
		switch (this.random.nextInt(3)) {
			case 0 -> tokens.add(stringConstant(block));
			case 1 -> tokens.words("LANGUAGE plpgsql").add(stringConstant(block));
			default -> tokens.add(stringConstant(block)).words("LANGUAGE plpgsql");
		}
		return true;
	}

	private boolean comment(Tokens tokens) {
		if (this.tables.isEmpty() && this.functions.isEmpty()) {
			return false;
		}
		tokens.words("COMMENT ON");
		if (!this.tables.isEmpty() && (this.functions.isEmpty() || this.random.nextBoolean())) {
			Table table = pick(this.random, this.tables);
			if (this.random.nextBoolean()) {
				tokens.words("TABLE").add(identifier(table.name()));
			}
			else {
				tokens.words("COLUMN").add(identifier(table.name())).symbol(".")
					.add(identifier(pick(this.random, table.columns())));
			}
		}
		else {
			tokens.words("FUNCTION").token(pick(this.random, this.functions)).symbol("(").symbol(")");
		}
		tokens.words("IS").add(stringConstant(SqlForms.content(this.random, ALPHABET, 12)));
		return true;
	}

	private boolean view(Tokens tokens) {
		Set<String> seen = new LinkedHashSet<>();
		tokens.words("CREATE VIEW").token("v" + next()).words("AS SELECT");
		int columns = 1 + this.random.nextInt(3);
		for (int i = 0; i < columns; i++) {
			if (i > 0) {
				tokens.symbol(",");
			}
			tokens.add(expression(0, false)).words("AS").add(identifier(columnName(seen)));
		}
		return true;
	}

	/** A rule with several actions: the semicolons between them are inside parentheses. */
	private boolean rule(Tokens tokens) {
		if (this.tables.isEmpty()) {
			return false;
		}
		Table table = pick(this.random, this.tables);
		tokens.words("CREATE RULE").token("r" + next()).words("AS ON UPDATE TO").add(identifier(table.name()))
			.words("DO ALSO").symbol("(");
		int actions = 1 + this.random.nextInt(3);
		for (int i = 0; i < actions; i++) {
			if (i > 0) {
				tokens.token(";");
			}
			tokens.words("INSERT INTO log").symbol("(").words("v").symbol(")").words("VALUES").symbol("(")
				.add(expression(0, false)).symbol(")");
		}
		if (this.random.nextBoolean()) {
			tokens.token(";");
		}
		tokens.symbol(")");
		return true;
	}

	private boolean call(Tokens tokens) {
		if (!this.procedures.isEmpty() && (this.functions.isEmpty() || this.random.nextBoolean())) {
			tokens.words("CALL").token(pick(this.random, this.procedures)).symbol("(").symbol(")");
			return true;
		}
		if (this.functions.isEmpty()) {
			return false;
		}
		tokens.words("INSERT INTO log").symbol("(").words("v").symbol(")").words("SELECT")
			.token(pick(this.random, this.functions)).symbol("(").symbol(")");
		return true;
	}

	private boolean select(Tokens tokens) {
		tokens.words("SELECT").add(expression(0, false));
		if (this.random.nextBoolean()) {
			tokens.words("AS").add(identifier(columnName(new LinkedHashSet<>())));
		}
		return true;
	}

	private boolean alterTable(Tokens tokens) {
		if (this.tables.isEmpty()) {
			return false;
		}
		Table table = pick(this.random, this.tables);
		Set<String> seen = new LinkedHashSet<>(table.columns());
		String column = columnName(seen);
		tokens.words("ALTER TABLE").add(identifier(table.name())).words("ADD COLUMN").add(identifier(column))
			.words("text DEFAULT").add(expression(0, false));
		table.columns().add(column);
		return true;
	}

	/** A text-valued expression of string constants in every form. */
	private List<Piece> expression(int depth, boolean textOnly) {
		Tokens tokens = new Tokens();
		int roll = this.random.nextInt(depth < 2 ? 20 : 12);
		switch (roll) {
			// N'' is of type character, which a SQL function's last statement may not return as text.
			case 0 -> tokens.add((textOnly) ? stringConstant(content())
					: List.of(Piece.quoted(SqlForms.standard(pick(this.random, List.of("N", "n")), content()))));
			case 1 -> tokens.add(Piece.quoted(SqlForms.standard(pick(this.random, List.of("B", "b")), bits())))
				.token("::").words("text");
			case 2 -> tokens.add(Piece.quoted(SqlForms.standard(pick(this.random, List.of("X", "x")), hex())))
				.token("::").words("text");
			case 12, 13 -> tokens.add(expression(depth + 1, textOnly)).token("||").add(expression(depth + 1, textOnly));
			case 14 -> tokens.symbol("(").add(expression(depth + 1, textOnly)).symbol(")");
			case 15 -> tokens.words("CASE WHEN").add(expression(depth + 1, textOnly)).symbol("=")
				.add(expression(depth + 1, textOnly)).words("THEN").add(expression(depth + 1, textOnly))
				.words("ELSE").add(expression(depth + 1, textOnly)).words("END");
			case 16 -> tokens.words("concat").symbol("(").add(expression(depth + 1, textOnly)).symbol(",")
				.add(expression(depth + 1, textOnly)).symbol(")");
			default -> tokens.add(stringConstant(content()));
		}
		return tokens.pieces;
	}

	/**
	 * A string constant in a form that may stand where the grammar wants a string (a function body, a
	 * comment): standard, E'', U&'' (with UESCAPE now and then), dollar-quoted, or standard strings
	 * continued over lines.
	 */
	private List<Piece> stringConstant(String value) {
		return switch (this.random.nextInt(9)) {
			case 0, 1 -> List.of(Piece.quoted(SqlForms.standard("", value)));
			case 2, 3 -> List.of(Piece.quoted(SqlForms.escape(this.random, value, ALPHABET)));
			case 4 -> SqlForms.unicodeString(this.random, value, ALPHABET);
			case 5 -> SqlForms.continued(this.random, pick(this.random, List.of(SqlForms.Continued.values())), value,
					ALPHABET);
			default -> List.of(Piece.quoted(SqlForms.dollar(this.random, value)));
		};
	}

	/** A comment inside a quoted body (PL/pgSQL and SQL bodies have the same comments). */
	private String innerComment() {
		return switch (this.random.nextInt(3)) {
			case 0 -> " " + SqlForms.lineComment(this.random, ALPHABET) + "\n";
			case 1 -> " " + SqlForms.blockComment(this.random, ALPHABET);
			default -> "";
		};
	}

	private String tableName() {
		String name = "t" + next();
		return this.random.nextBoolean() ? name : name + identifierContent();
	}

	private String columnName(Set<String> seen) {
		while (true) {
			String name = this.random.nextInt(4) == 0 ? "c" + next() : identifierContent() + next();
			if (seen.add(name)) {
				return name;
			}
		}
	}

	private String identifierContent() {
		StringBuilder name = new StringBuilder();
		int parts = 1 + this.random.nextInt(4);
		for (int i = 0; i < parts; i++) {
			name.append(pick(this.random, IDENTIFIER_PARTS));
		}
		return name.toString();
	}

	/** An identifier as written: bare when it may be, else quoted, sometimes with Unicode escapes. */
	private Piece identifier(String name) {
		if (name.matches("[a-z][a-z0-9_]*") && this.random.nextInt(3) > 0) {
			return Piece.token(this.random.nextBoolean() ? name : randomCase(this.random, name));
		}
		return Piece.quoted(this.random.nextInt(4) == 0 ? SqlForms.unicodeIdentifier(this.random, name, ALPHABET)
				: SqlForms.identifier(name));
	}

	private String content() {
		return SqlForms.content(this.random, ALPHABET, 12);
	}

	private String bits() {
		StringBuilder bits = new StringBuilder();
		int length = this.random.nextInt(12);
		for (int i = 0; i < length; i++) {
			bits.append(this.random.nextBoolean() ? '1' : '0');
		}
		return bits.toString();
	}

	private String hex() {
		StringBuilder hex = new StringBuilder();
		int length = this.random.nextInt(12);
		for (int i = 0; i < length; i++) {
			hex.append("0123456789abcdefABCDEF".charAt(this.random.nextInt(22)));
		}
		return hex.toString();
	}

	private int next() {
		return ++this.counter;
	}

	/** Flattens pieces to the text they make (for bodies that are quoted as a whole). */
	private static String text(List<Piece> pieces) {
		StringBuilder text = new StringBuilder();
		pieces.forEach((piece) -> text.append(piece.text()));
		return text.toString();
	}

	/** Tokens of one statement, with random separators (whitespace or comments) between them. */
	private final class Tokens {

		private final List<Piece> pieces = new ArrayList<>();

		/** Key words, each in random case. */
		Tokens words(String words) {
			for (String word : words.split(" ")) {
				token(randomCase(OracleScripts.this.random, word));
			}
			return this;
		}

		Tokens token(String text) {
			return add(Piece.token(text));
		}

		/** A symbol that may touch its neighbours. */
		Tokens symbol(String text) {
			if (!this.pieces.isEmpty() && OracleScripts.this.random.nextBoolean()) {
				this.pieces.add(Piece.token(text));
				return this;
			}
			return token(text);
		}

		Tokens comment() {
			this.pieces.add(Piece.space(" "));
			this.pieces.add(Piece.comment(SqlForms.blockComment(OracleScripts.this.random, ALPHABET)));
			return this;
		}

		Tokens add(Piece piece) {
			return add(List.of(piece));
		}

		Tokens add(List<Piece> more) {
			if (!this.pieces.isEmpty()) {
				this.pieces.addAll(separator());
			}
			this.pieces.addAll(more);
			return this;
		}

		private List<Piece> separator() {
			SplittableRandom random = OracleScripts.this.random;
			return switch (random.nextInt(14)) {
				case 0 -> List.of(Piece.space(" "), Piece.comment(SqlForms.blockComment(random, ALPHABET)),
						Piece.space(" "));
				case 1 -> List.of(Piece.space(" "), Piece.comment(SqlForms.lineComment(random, ALPHABET)),
						Piece.space(SqlForms.lineEnd(random)));
				case 2 -> List.of(Piece.space("\n"));
				case 3 -> List.of(Piece.space("\t"));
				case 4 -> List.of(Piece.space("\r\n  "));
				default -> List.of(Piece.space(" "));
			};
		}
	}
}
