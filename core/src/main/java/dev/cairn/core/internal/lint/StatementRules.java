package dev.cairn.core.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.LintRule;
import dev.cairn.core.internal.sql.Tokens;
import dev.cairn.core.internal.sql.Tokens.Token;

/**
 * Finds what one statement does that a rule is about, from its tokens (never the raw text): a
 * key word in a string, a quoted identifier or a comment never counts.
 */
final class StatementRules {

	/** Functions whose result differs per row: a default calling one is computed for every existing row. */
	private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1",
			"UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "UUIDV7", "UUIDV4", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL",
			"TXID_CURRENT", "RANDOM_NORMAL");

	private static final Set<String> SERIAL = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8",
			"SERIAL2");

	private StatementRules() {
	}

	/** Also records tables the statement creates and constraints it adds, into {@code scope}. */
	static List<Hit> of(Tokens tokens, Scope scope) {
		List<Hit> hits = new ArrayList<>();
		if (tokens.size() == 0) {
			return hits;
		}
		if (tokens.is(0, "CREATE")) {
			create(tokens, scope, hits);
		}
		else if (tokens.isSequence(0, "ALTER", "TABLE")) {
			alterTable(tokens, scope, hits);
		}
		else if (tokens.isSequence(0, "DROP", "TABLE")) {
			int i = 2;
			if (tokens.isSequence(i, "IF", "EXISTS")) {
				i += 2;
			}
			// DROP TABLE a, b: each name.
			while (i < tokens.size() && tokens.get(i).isName()) {
				String table = tokens.nameAt(i);
				hits.add(new Hit(LintRule.DROP, table, "DROP TABLE " + table, tokens.get(i).line()));
				i += tokens.nameLength(i);
				if (i < tokens.size() && tokens.get(i).text().equals(",")) {
					i++;
				}
				else {
					break;
				}
			}
		}
		else if (tokens.is(0, "REINDEX")) {
			if (!concurrently(tokens)) {
				int i = 1;
				if (i < tokens.size() && tokens.get(i).text().equals("(")) {
					i = afterParentheses(tokens, i);
				}
				String kind = (i < tokens.size()) ? tokens.get(i).text() : "";
				String name = tokens.nameAt(i + 1);
				hits.add(new Hit(LintRule.REINDEX_BLOCKING, kind.equals("TABLE") ? name : null,
						"REINDEX " + kind + " " + name + " without CONCURRENTLY", 1));
			}
		}
		else if (tokens.is(0, "LOCK")) {
			int i = tokens.is(1, "TABLE") ? 2 : 1;
			if (tokens.is(i, "ONLY")) {
				i++;
			}
			String table = tokens.nameAt(i);
			hits.add(new Hit(LintRule.LOCK_TABLE, table.isEmpty() ? null : table, "LOCK TABLE " + table, 1));
		}
		else if (tokens.is(0, "VACUUM")) {
			boolean full = tokens.is(1, "FULL");
			int i = 1;
			if (i < tokens.size() && tokens.get(i).text().equals("(")) {
				int end = afterParentheses(tokens, i);
				for (int j = i + 1; j < end; j++) {
					if (tokens.get(j).is("FULL") && !(tokens.is(j + 1, "FALSE") || tokens.is(j + 1, "OFF"))) {
						full = true;
					}
				}
				i = end;
			}
			else {
				while (i < tokens.size() && (tokens.is(i, "FULL") || tokens.is(i, "FREEZE") || tokens.is(i, "VERBOSE")
						|| tokens.is(i, "ANALYZE"))) {
					i++;
				}
			}
			if (full) {
				String table = tokens.nameAt(i);
				hits.add(new Hit(LintRule.VACUUM_FULL, table.isEmpty() ? null : table,
						"VACUUM FULL" + (table.isEmpty() ? " of every table" : " " + table), 1));
			}
		}
		else if (tokens.is(0, "CLUSTER")) {
			int i = tokens.is(1, "VERBOSE") ? 2 : 1;
			String table = tokens.nameAt(i);
			hits.add(new Hit(LintRule.CLUSTER, table.isEmpty() ? null : table,
					"CLUSTER" + (table.isEmpty() ? " of every clustered table" : " " + table), 1));
		}
		return hits;
	}

	private static void create(Tokens tokens, Scope scope, List<Hit> hits) {
		int i = 1;
		if (tokens.isSequence(i, "OR", "REPLACE")) {
			i += 2;
		}
		while (tokens.is(i, "GLOBAL") || tokens.is(i, "LOCAL") || tokens.is(i, "TEMPORARY") || tokens.is(i, "TEMP")
				|| tokens.is(i, "UNLOGGED")) {
			i++;
		}
		if (tokens.is(i, "TABLE")) {
			i++;
			if (tokens.isSequence(i, "IF", "NOT", "EXISTS")) {
				i += 3;
			}
			scope.created(tokens.nameAt(i));
			return;
		}
		if (tokens.is(i, "UNIQUE")) {
			i++;
		}
		if (!tokens.is(i, "INDEX")) {
			return;
		}
		if (tokens.is(i + 1, "CONCURRENTLY")) {
			return;
		}
		int on = tokens.indexOf("ON", i);
		if (on < 0) {
			return;
		}
		int table = tokens.is(on + 1, "ONLY") ? on + 2 : on + 1;
		String name = tokens.nameAt(table);
		hits.add(new Hit(LintRule.CREATE_INDEX_BLOCKING, name, "CREATE INDEX on " + name + " without CONCURRENTLY",
				1));
	}

	private static void alterTable(Tokens tokens, Scope scope, List<Hit> hits) {
		int i = 2;
		if (tokens.isSequence(i, "IF", "EXISTS")) {
			i += 2;
		}
		if (tokens.is(i, "ONLY")) {
			i++;
		}
		String table = tokens.nameAt(i);
		if (table.isEmpty()) {
			return;
		}
		i += tokens.nameLength(i);
		if (i < tokens.size() && tokens.get(i).text().equals("*")) {
			i++;
		}
		// The actions, split at top-level commas.
		int start = i;
		for (int j = i; j <= tokens.size(); j++) {
			if (j == tokens.size() || (tokens.get(j).depth() == 0 && tokens.get(j).text().equals(","))) {
				if (j > start) {
					action(tokens, start, j, table, scope, hits);
				}
				start = j + 1;
			}
		}
	}

	private static void action(Tokens tokens, int from, int to, String table, Scope scope, List<Hit> hits) {
		int line = tokens.get(from).line();
		if (tokens.is(from, "ADD")) {
			int i = from + 1;
			if (tokens.is(i, "CONSTRAINT")) {
				String constraint = tokens.nameAt(i + 1);
				i += 1 + tokens.nameLength(i + 1);
				addConstraint(tokens, i, to, table, constraint, line, scope, hits);
				return;
			}
			if (tokens.is(i, "FOREIGN") || tokens.is(i, "CHECK") || tokens.is(i, "PRIMARY") || tokens.is(i, "UNIQUE")
					|| tokens.is(i, "EXCLUDE")) {
				addConstraint(tokens, i, to, table, null, line, scope, hits);
				return;
			}
			if (tokens.is(i, "COLUMN")) {
				i++;
			}
			if (tokens.isSequence(i, "IF", "NOT", "EXISTS")) {
				i += 3;
			}
			String column = tokens.nameAt(i);
			String volatility = volatileDefault(tokens, i + 1, to);
			if (volatility != null) {
				hits.add(new Hit(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, table,
						"ADD COLUMN " + column + " to " + table + " with " + volatility, line));
			}
		}
		else if (tokens.is(from, "ALTER")) {
			int i = from + 1;
			if (tokens.is(i, "COLUMN")) {
				i++;
			}
			if (tokens.is(i, "CONSTRAINT")) {
				return;
			}
			String column = tokens.nameAt(i);
			i += tokens.nameLength(i);
			if (tokens.is(i, "TYPE") || tokens.isSequence(i, "SET", "DATA", "TYPE")) {
				hits.add(new Hit(LintRule.ALTER_COLUMN_TYPE, table,
						"ALTER COLUMN " + column + " TYPE on " + table, line));
			}
			else if (tokens.isSequence(i, "SET", "NOT", "NULL") && !scope.hasValidatedNotNull(table, column)) {
				hits.add(new Hit(LintRule.SET_NOT_NULL, table, "SET NOT NULL on " + table + "." + column, line, column));
			}
		}
		else if (tokens.is(from, "DROP")) {
			int i = from + 1;
			if (tokens.is(i, "CONSTRAINT") || tokens.is(i, "DEFAULT") || tokens.is(i, "NOT") || tokens.is(i, "IDENTITY")
					|| tokens.is(i, "EXPRESSION") || tokens.is(i, "TRIGGER") || tokens.is(i, "RULE")) {
				return;
			}
			if (tokens.is(i, "COLUMN")) {
				i++;
			}
			if (tokens.isSequence(i, "IF", "EXISTS")) {
				i += 2;
			}
			hits.add(new Hit(LintRule.DROP, table, "DROP COLUMN " + tokens.nameAt(i) + " of " + table, line));
		}
		else if (tokens.is(from, "RENAME")) {
			int i = from + 1;
			if (tokens.is(i, "CONSTRAINT")) {
				return;
			}
			if (tokens.is(i, "TO")) {
				hits.add(new Hit(LintRule.RENAME, table, "RENAME of table " + table + " to " + tokens.nameAt(i + 1),
						line));
				return;
			}
			if (tokens.is(i, "COLUMN")) {
				i++;
			}
			String column = tokens.nameAt(i);
			int to2 = i + tokens.nameLength(i);
			hits.add(new Hit(LintRule.RENAME, table, "RENAME of column " + table + "." + column
					+ (tokens.is(to2, "TO") ? " to " + tokens.nameAt(to2 + 1) : ""), line));
		}
		else if (tokens.isSequence(from, "VALIDATE", "CONSTRAINT")) {
			String constraint = tokens.nameAt(from + 2);
			if (scope.addedNotValidInThisTransaction(table, constraint)) {
				hits.add(new Hit(LintRule.VALIDATE_IN_SAME_TRANSACTION, table,
						"VALIDATE CONSTRAINT " + constraint + " on " + table + ", added NOT VALID in the same transaction",
						line));
			}
			scope.validated(table, constraint);
		}
	}

	private static void addConstraint(Tokens tokens, int from, int to, String table, @Nullable String constraint,
			int line, Scope scope, List<Hit> hits) {
		boolean notValid = false;
		for (int j = from; j + 1 < to; j++) {
			if (tokens.get(j).depth() == 0 && tokens.get(j).is("NOT") && tokens.get(j + 1).is("VALID")) {
				notValid = true;
			}
		}
		String label = (constraint != null) ? " " + constraint : "";
		if (tokens.is(from, "FOREIGN") || tokens.is(from, "CHECK")) {
			if (notValid) {
				if (constraint != null) {
					scope.addedNotValid(table, constraint, checkedColumn(tokens, from, to));
				}
			}
			else {
				hits.add(new Hit(LintRule.ADD_CONSTRAINT_WITHOUT_NOT_VALID, table, "ADD CONSTRAINT" + label + " "
						+ (tokens.is(from, "FOREIGN") ? "FOREIGN KEY" : "CHECK") + " on " + table + " without NOT VALID",
						line));
			}
		}
		else if ((tokens.is(from, "PRIMARY") || tokens.is(from, "UNIQUE")) && !hasUsingIndex(tokens, from, to)) {
			hits.add(new Hit(LintRule.CREATE_INDEX_BLOCKING, table, "ADD CONSTRAINT" + label + " "
					+ (tokens.is(from, "PRIMARY") ? "PRIMARY KEY" : "UNIQUE") + " on " + table
					+ " builds its index without CONCURRENTLY", line));
		}
	}

	private static boolean hasUsingIndex(Tokens tokens, int from, int to) {
		for (int j = from; j + 1 < to; j++) {
			if (tokens.get(j).depth() == 0 && tokens.get(j).is("USING") && tokens.get(j + 1).is("INDEX")) {
				return true;
			}
		}
		return false;
	}

	/** For {@code CHECK (col IS NOT NULL)}: the column; otherwise null. */
	private static @Nullable String checkedColumn(Tokens tokens, int from, int to) {
		int i = from + 1;
		if (!tokens.is(from, "CHECK") || i >= to || !tokens.get(i).text().equals("(")) {
			return null;
		}
		String column = tokens.nameAt(i + 1);
		int after = i + 1 + tokens.nameLength(i + 1);
		return (tokens.isSequence(after, "IS", "NOT", "NULL") && after + 3 < tokens.size()
				&& tokens.get(after + 3).text().equals(")")) ? column : null;
	}

	/** What makes the new column's default volatile, or null. */
	private static @Nullable String volatileDefault(Tokens tokens, int from, int to) {
		if (from < to && tokens.get(from).type() == Tokens.Type.WORD && SERIAL.contains(tokens.get(from).text())) {
			return "type " + tokens.get(from).text().toLowerCase(java.util.Locale.ROOT) + " (a nextval default)";
		}
		boolean inDefault = false;
		for (int j = from; j < to; j++) {
			Token token = tokens.get(j);
			if (token.depth() == 0 && token.is("DEFAULT")) {
				inDefault = true;
			}
			else if (token.depth() == 0 && (token.is("GENERATED") && tokens.is(j + 1, "ALWAYS")
					&& tokens.indexOf("STORED", j) >= 0 && tokens.indexOf("STORED", j) < to)) {
				return "a stored generated column (computed for every row)";
			}
			else if (inDefault && token.type() == Tokens.Type.WORD && VOLATILE.contains(token.text())
					&& j + 1 < to && tokens.get(j + 1).text().equals("(")) {
				return "volatile default " + token.text().toLowerCase(java.util.Locale.ROOT) + "()";
			}
			else if (token.depth() == 0 && inDefault && (token.is("NOT") || token.is("NULL") || token.is("CHECK")
					|| token.is("REFERENCES") || token.is("CONSTRAINT") || token.is("COLLATE"))) {
				inDefault = false;
			}
		}
		return null;
	}

	private static boolean concurrently(Tokens tokens) {
		for (int j = 0; j < tokens.size(); j++) {
			if (tokens.get(j).is("CONCURRENTLY") && !(tokens.is(j + 1, "FALSE") || tokens.is(j + 1, "OFF"))) {
				return true;
			}
		}
		return false;
	}

	private static int afterParentheses(Tokens tokens, int open) {
		int depth = tokens.get(open).depth();
		for (int j = open + 1; j < tokens.size(); j++) {
			if (tokens.get(j).depth() == depth && tokens.get(j).text().equals(")")) {
				return j + 1;
			}
		}
		return tokens.size();
	}

}
