package dev.cairn.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Keyword checks on one statement. They look at tokens from {@link SqlLexer}, so a keyword inside a
 * string, a quoted identifier or a comment never counts.
 */
final class StatementClassifier {

	private static final Set<String> ROW_KEYWORDS =
			Set.of("SELECT", "VALUES", "TABLE", "WITH", "SHOW", "EXPLAIN", "FETCH", "CALL", "EXECUTE", "(");

	private StatementClassifier() {
	}

	static boolean mayReturnRows(String sql, String keyword) {
		if (ROW_KEYWORDS.contains(keyword)) {
			return true;
		}
		SqlLexer lexer = new SqlLexer(sql);
		while (lexer.next()) {
			if (lexer.is("RETURNING")) {
				return true;
			}
		}
		return false;
	}

	static boolean requiresNoTransaction(String sql, String keyword) {
		return switch (keyword) {
			case "VACUUM" -> true;
			// Only these can need it: the common statements (INSERT, CREATE TABLE...) skip the word list.
			case "CREATE", "DROP", "REINDEX", "ALTER", "CLUSTER", "DISCARD" -> requiresNoTransaction(Words.of(sql));
			default -> false;
		};
	}

	private static boolean requiresNoTransaction(Words words) {
		String second = words.top(1);
		return switch (words.top(0)) {
			case "CREATE" -> {
				int index = "UNIQUE".equals(second) ? 2 : 1;
				if ("INDEX".equals(words.top(index))) {
					yield "CONCURRENTLY".equals(words.top(index + 1));
				}
				yield switch (second) {
					case "DATABASE", "TABLESPACE" -> true;
					// create_slot defaults to true (false with connect = false); a slot cannot be rolled back.
					case "SUBSCRIPTION" -> !words.optionIsFalse("CREATE_SLOT") && !words.optionIsFalse("CONNECT");
					default -> false;
				};
			}
			case "DROP" -> switch (second) {
				case "INDEX" -> "CONCURRENTLY".equals(words.top(2));
				// DROP SUBSCRIPTION needs it when the subscription has a slot, which the script cannot show.
				case "DATABASE", "TABLESPACE", "SUBSCRIPTION" -> true;
				default -> false;
			};
			// CONCURRENTLY may also be an option in parentheses (PostgreSQL 14+).
			case "REINDEX" -> (words.contains("CONCURRENTLY") && !words.optionIsFalse("CONCURRENTLY"))
					|| Set.of("SCHEMA", "DATABASE", "SYSTEM").contains(second);
			case "ALTER" -> switch (second) {
				case "SYSTEM" -> true;
				case "DATABASE" -> words.topFollows("SET", "TABLESPACE");
				case "TABLE" -> words.topContains("DETACH") && words.topContains("CONCURRENTLY");
				// SET/ADD/DROP PUBLICATION refresh by default; REFRESH PUBLICATION always does.
				case "SUBSCRIPTION" -> words.topContains("REFRESH")
						|| (words.topContains("PUBLICATION") && !words.optionIsFalse("REFRESH"));
				default -> false;
			};
			// Only CLUSTER without a table (all tables) is refused in a transaction block.
			case "CLUSTER" -> words.topCountExcept("VERBOSE") == 1;
			case "DISCARD" -> "ALL".equals(second);
			default -> false;
		};
	}

	/**
	 * Why a COPY statement cannot run in a migration, or null if it can: Cairn sends statements over
	 * JDBC, so there is no client-side data to read from or write to.
	 */
	static @Nullable String copyProblem(String sql) {
		Words words = Words.of(sql);
		if (words.topFollows("FROM", "STDIN")) {
			return "COPY ... FROM STDIN cannot run in a migration: the data lines after it are a psql feature and"
					+ " are never sent; use INSERT statements, or COPY FROM a file on the database server";
		}
		if (words.topFollows("TO", "STDOUT")) {
			return "COPY ... TO STDOUT cannot run in a migration: there is no client to receive the rows;"
					+ " remove it, or COPY TO a file on the database server";
		}
		return null;
	}

	/**
	 * The words and quoted identifiers of one statement, words upper-cased, each with its parenthesis
	 * depth. Quoted identifiers keep their quotes, so they never equal a key word.
	 */
	static final class Words {

		private final List<String> all = new ArrayList<>();
		private final List<Integer> depths = new ArrayList<>();
		private final List<String> top = new ArrayList<>();

		static Words of(String sql) {
			Words words = new Words();
			SqlLexer lexer = new SqlLexer(sql);
			int depth = 0;
			while (lexer.next()) {
				switch (lexer.kind()) {
					case WORD -> words.add(lexer.text().toUpperCase(Locale.ROOT), depth);
					case QUOTED_IDENTIFIER -> words.add(lexer.text(), depth);
					case SYMBOL -> {
						if (lexer.isSymbol('(')) {
							depth++;
						}
						else if (lexer.isSymbol(')') && depth > 0) {
							depth--;
						}
					}
					default -> {
					}
				}
			}
			return words;
		}

		private void add(String word, int depth) {
			this.all.add(word);
			this.depths.add(depth);
			if (depth == 0) {
				this.top.add(word);
			}
		}

		/** The index-th word outside parentheses, or "" when there are fewer. */
		String top(int index) {
			return (index < this.top.size()) ? this.top.get(index) : "";
		}

		boolean topContains(String word) {
			return this.top.contains(word);
		}

		boolean contains(String word) {
			return this.all.contains(word);
		}

		/** Whether {@code first} is directly followed by {@code second} outside parentheses. */
		boolean topFollows(String first, String second) {
			for (int i = 0; i + 1 < this.top.size(); i++) {
				if (this.top.get(i).equals(first) && this.top.get(i + 1).equals(second)) {
					return true;
				}
			}
			return false;
		}

		int topCountExcept(String word) {
			return (int) this.top.stream().filter((each) -> !each.equals(word)).count();
		}

		/** Whether an option list in parentheses sets {@code option} to false or off ({@code (name = false)}). */
		boolean optionIsFalse(String option) {
			for (int i = 0; i + 1 < this.all.size(); i++) {
				if (this.depths.get(i) > 0 && this.all.get(i).equals(option)) {
					String value = this.all.get(i + 1);
					if (value.equals("FALSE") || value.equals("OFF")) {
						return true;
					}
				}
			}
			return false;
		}
	}
}
