package dev.cairn.core.internal.sql;

import java.util.Objects;

/**
 * One statement of a migration script.
 *
 * @param sql the statement as it appears in the script: from its first token (comments before it are not
 *     part of it) up to, not including, the {@code ;} that ends it, without trailing whitespace. It may end
 *     in a {@code --} comment, so add a newline before appending anything to it.
 * @param startOffset where {@code sql} starts in the script (a char index)
 * @param endOffset where {@code sql} ends in the script: {@code script.substring(startOffset, endOffset)}
 *     is {@code sql}
 * @param line the 1-based line of the statement's first token
 * @param keyword the statement's first word in upper case ({@code CREATE}, {@code WITH}...); when the
 *     statement does not start with a word, its first character ({@code (} for a parenthesised query)
 */
public record SqlStatement(String sql, int startOffset, int endOffset, int line, String keyword) {

	public SqlStatement {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(keyword, "keyword");
		if (startOffset < 0 || endOffset - startOffset != sql.length()) {
			throw new IllegalArgumentException(
					"offsets [" + startOffset + ", " + endOffset + ") do not fit a statement of " + sql.length() + " chars");
		}
		if (line < 1) {
			throw new IllegalArgumentException("line must be 1 or more, was " + line);
		}
	}

	/**
	 * Whether running this statement may produce a result set (so the caller must read or discard it).
	 * A heuristic that errs towards true: a query keyword first, or {@code RETURNING} anywhere outside
	 * quotes and comments.
	 */
	public boolean mayReturnRows() {
		return StatementClassifier.mayReturnRows(this.sql, this.keyword);
	}

	/**
	 * Whether PostgreSQL refuses to run this statement inside a transaction block ({@code CREATE INDEX
	 * CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE}...), so its script needs
	 * {@code -- cairn:no-transaction}.
	 */
	public boolean requiresNoTransaction() {
		return StatementClassifier.requiresNoTransaction(this.sql, this.keyword);
	}
}
