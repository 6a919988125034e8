package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.internal.sql.SqlStatement;
import dev.cairn.core.internal.sql.Tokens;

/**
 * The invalid index a {@code CREATE INDEX CONCURRENTLY} leaves when it fails after creating its
 * catalog entry (a lock timeout while it waits for older transactions does). Only an index the
 * statement names is dropped, and only while it is invalid: an unnamed build, or one whose name
 * cannot be read, is never guessed at, since another session's build in progress is invalid too.
 */
final class IndexLeftover {

	private static final Logger logger = LoggerFactory.getLogger(IndexLeftover.class);

	private static final String FIND = "SELECT c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_index i"
			+ " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
			+ " WHERE NOT i.indisvalid AND i.indrelid = pg_catalog.to_regclass(?) AND c.relname = ?";

	private IndexLeftover() {
	}

	/**
	 * The invalid index the statement named, as SQL names it (schema-qualified where needed).
	 * @return the index, or null when the statement names none, or no such invalid index is there
	 */
	static @Nullable String find(Connection connection, SqlStatement statement) {
		Tokens tokens = Tokens.of(statement.sql());
		int i = tokens.is(1, "UNIQUE") ? 2 : 1;
		if (!tokens.is(0, "CREATE") || !tokens.isSequence(i, "INDEX", "CONCURRENTLY")) {
			return null;
		}
		i += 2;
		if (tokens.isSequence(i, "IF", "NOT", "EXISTS")) {
			i += 3;
		}
		if (i >= tokens.size() || !tokens.get(i).isName() || tokens.is(i, "ON")) {
			return null; // unnamed: PostgreSQL chose the name
		}
		String name = relname(tokens.get(i));
		if (!tokens.is(i + 1, "ON")) {
			return null;
		}
		int table = tokens.is(i + 2, "ONLY") ? i + 3 : i + 2;
		String tableName = tokens.nameAt(table);
		if (tableName.isEmpty()) {
			return null;
		}
		try {
			String index = null;
			try (PreparedStatement query = connection.prepareStatement(FIND)) {
				query.setString(1, tableName);
				query.setString(2, name);
				try (ResultSet result = query.executeQuery()) {
					if (result.next()) {
						index = result.getString(1);
					}
				}
			}
			return index;
		}
		catch (SQLException ex) {
			logger.warn("Could not look up the invalid index a timed-out concurrent build left ({})", ex.getMessage());
			return null;
		}
	}

	private static String relname(Tokens.Token token) {
		if (token.type() == Tokens.Type.QUOTED) {
			String text = token.text();
			return text.substring(1, text.length() - 1).replace("\"\"", "\"");
		}
		return token.text().toLowerCase(java.util.Locale.ROOT);
	}

}
