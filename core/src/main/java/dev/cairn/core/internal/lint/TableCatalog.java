package dev.cairn.core.internal.lint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the live database says about the tables pending migrations touch: whether each exists,
 * its total size, and its validated CHECK constraints. Read in one query, only when something is
 * pending.
 */
public final class TableCatalog {

	private static final Logger logger = LoggerFactory.getLogger(TableCatalog.class);

	private static final String QUERY = "SELECT n, c.oid IS NOT NULL, pg_catalog.pg_total_relation_size(c.oid),"
			+ " ARRAY(SELECT pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k"
			+ " WHERE k.conrelid = c.oid AND k.contype = 'c' AND k.convalidated)"
			+ " FROM pg_catalog.unnest(?::text[]) AS n"
			+ " LEFT JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(n) AND c.relkind IN ('r', 'p', 'm')";

	/** What is known of one table. */
	public record Table(boolean exists, long bytes, List<String> validatedChecks) {
	}

	private final Map<String, Table> tables;

	private TableCatalog(Map<String, Table> tables) {
		this.tables = tables;
	}

	/** No database: nothing is known. */
	public static TableCatalog offline() {
		return new TableCatalog(Map.of());
	}

	/** For tests: a catalog of known tables. */
	public static TableCatalog of(Map<String, Table> tables) {
		return new TableCatalog(Map.copyOf(tables));
	}

	/**
	 * Reads the tables, names as statements wrote them. A name the server cannot parse, or a
	 * failed read, leaves the catalog unknown for that name (or all): the rules then report as
	 * offline.
	 */
	public static TableCatalog read(Connection connection, Collection<String> names) {
		Map<String, Table> tables = new HashMap<>();
		if (names.isEmpty()) {
			return new TableCatalog(tables);
		}
		try (PreparedStatement query = connection.prepareStatement(QUERY)) {
			Array array = connection.createArrayOf("text", names.toArray());
			query.setArray(1, array);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					Array checks = result.getArray(4);
					List<String> defs = (checks != null) ? List.of((String[]) checks.getArray()) : List.of();
					tables.put(result.getString(1), new Table(result.getBoolean(2), result.getLong(3), defs));
				}
			}
		}
		catch (SQLException ex) {
			// A name to_regclass cannot parse fails the whole query: lint as offline.
			logger.debug("Could not read the tables the pending migrations touch; linting without the catalog", ex);
			return offline();
		}
		return new TableCatalog(tables);
	}

	/** The table as the database knows it; null when not known (offline, or the read failed). */
	public @Nullable Table table(String name) {
		return this.tables.get(name);
	}

}
