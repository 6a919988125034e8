package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated script as its generator built it, piece by piece, so that where its statements are is known
 * from the construction rather than from lexing the text: the expectation the splitter is held to.
 *
 * <p>A statement starts at its first token and ends at its last token or comment; whitespace and comments
 * before it belong to the gap, and a {@code ;} outside it ends it. Every quoted form and every comment is
 * recorded as a span no statement boundary may fall into.
 *
 * @param header pieces before the first statement's gap (directive comments)
 * @param statements the statements, in order
 * @param tail pieces after the last statement
 */
record ScriptModel(List<Piece> header, List<Statement> statements, List<Piece> tail) {

	ScriptModel {
		header = List.copyOf(header);
		statements = List.copyOf(statements);
		tail = List.copyOf(tail);
	}

	enum Kind {
		/** Whitespace. */
		SPACE,
		/** A word, number or symbol, including a {@code ;} inside parentheses or a routine body. */
		TOKEN,
		/** A string constant, quoted identifier or dollar-quoted string: nothing inside it counts. */
		QUOTED,
		COMMENT,
		/** A {@code ;} that ends a statement, or stands alone as an empty one. */
		END
	}

	record Piece(String text, Kind kind) {

		static Piece space(String text) {
			return new Piece(text, Kind.SPACE);
		}

		static Piece token(String text) {
			return new Piece(text, Kind.TOKEN);
		}

		static Piece quoted(String text) {
			return new Piece(text, Kind.QUOTED);
		}

		static Piece comment(String text) {
			return new Piece(text, Kind.COMMENT);
		}

		static Piece end() {
			return new Piece(";", Kind.END);
		}
	}

	/**
	 * One statement: the gap before it, then its groups. A group is the unit shrinking may drop; every
	 * group but the first starts with its own separator, so dropping one leaves the rest well formed.
	 *
	 * @param terminated whether a {@code ;} follows it (only the last statement may lack one)
	 */
	record Statement(List<Piece> gap, List<List<Piece>> groups, boolean terminated) {

		Statement {
			gap = List.copyOf(gap);
			groups = groups.stream().map(List::copyOf).toList();
		}
	}

	/** A span of the text that is one quoted form or comment. */
	record Span(int start, int end) {
	}

	/** The text, and what the splitter must make of it. */
	record Rendered(String text, List<SqlStatement> statements, List<Span> protectedSpans) {
	}

	Rendered render() {
		Renderer renderer = new Renderer();
		this.header.forEach(renderer::add);
		for (Statement statement : this.statements) {
			statement.gap().forEach(renderer::add);
			statement.groups().forEach((group) -> group.forEach(renderer::add));
			if (statement.terminated()) {
				renderer.add(Piece.end());
			}
		}
		this.tail.forEach(renderer::add);
		return renderer.finish();
	}

	/** Smaller models, biggest cuts first: whole statements, then groups, then gaps, header and tail. */
	List<ScriptModel> shrink() {
		List<ScriptModel> candidates = new ArrayList<>();
		for (int i = 0; i < this.statements.size(); i++) {
			List<Statement> fewer = new ArrayList<>(this.statements);
			fewer.remove(i);
			candidates.add(new ScriptModel(this.header, fewer, this.tail));
		}
		for (int i = 0; i < this.statements.size(); i++) {
			Statement statement = this.statements.get(i);
			for (int g = statement.groups().size() - 1; g >= 1; g--) {
				List<List<Piece>> groups = new ArrayList<>(statement.groups());
				groups.remove(g);
				candidates.add(with(i, new Statement(statement.gap(), groups, statement.terminated())));
			}
		}
		for (int i = 0; i < this.statements.size(); i++) {
			Statement statement = this.statements.get(i);
			if (!statement.gap().isEmpty()) {
				candidates.add(with(i, new Statement(List.of(), statement.groups(), statement.terminated())));
			}
		}
		if (!this.header.isEmpty()) {
			candidates.add(new ScriptModel(List.of(), this.statements, this.tail));
		}
		if (!this.tail.isEmpty()) {
			candidates.add(new ScriptModel(this.header, this.statements, List.of()));
		}
		return candidates;
	}

	private ScriptModel with(int index, Statement statement) {
		List<Statement> changed = new ArrayList<>(this.statements);
		changed.set(index, statement);
		return new ScriptModel(this.header, changed, this.tail);
	}

	/** Appends pieces and applies the statement rule above as it goes. */
	private static final class Renderer {

		private final StringBuilder text = new StringBuilder();

		private final List<SqlStatement> statements = new ArrayList<>();

		private final List<Span> spans = new ArrayList<>();

		private int start = -1;

		private int end;

		private Piece first;

		void add(Piece piece) {
			int from = this.text.length();
			this.text.append(piece.text());
			int to = this.text.length();
			switch (piece.kind()) {
				case SPACE -> {
				}
				case COMMENT -> {
					this.spans.add(new Span(from, to));
					if (this.start >= 0) {
						this.end = to;
					}
				}
				case QUOTED, TOKEN -> {
					if (piece.kind() == Kind.QUOTED) {
						this.spans.add(new Span(from, to));
					}
					if (this.start < 0) {
						this.start = from;
						this.first = piece;
					}
					this.end = to;
				}
				case END -> finishStatement();
			}
		}

		Rendered finish() {
			finishStatement();
			return new Rendered(this.text.toString(), List.copyOf(this.statements), List.copyOf(this.spans));
		}

		private void finishStatement() {
			if (this.start < 0) {
				return;
			}
			String sql = this.text.substring(this.start, this.end);
			int line = 1;
			for (int i = 0; i < this.start; i++) {
				if (this.text.charAt(i) == '\n') {
					line++;
				}
			}
			this.statements.add(new SqlStatement(sql, this.start, this.end, line, keyword(this.first)));
			this.start = -1;
		}

		/** A word's upper case; the first character of anything else (as SqlStatement documents). */
		private static String keyword(Piece first) {
			String text = first.text();
			if (first.kind() == Kind.TOKEN && SqlLexer.isIdentifierStart(text.charAt(0))) {
				return text.toUpperCase(Locale.ROOT);
			}
			return String.valueOf(text.charAt(0));
		}
	}
}
