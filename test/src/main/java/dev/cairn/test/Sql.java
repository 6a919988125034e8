package dev.cairn.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Small queries for assertions, each on a connection of its own. SQL errors become
 * {@link IllegalStateException}s, so tests need no {@code throws} clause.
 */
public final class Sql {

	private Sql() {
	}

	/**
	 * The first column of every row a query returns, as text.
	 * @param dataSource where to run the query
	 * @param query a query returning at least one column
	 * @return the values in the order the query returns them; SQL {@code NULL} as {@code null}
	 */
	public static List<String> column(DataSource dataSource, String query) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			List<String> values = new ArrayList<>();
			while (result.next()) {
				values.add(result.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * The first column of the first row a query returns, as text.
	 * @param dataSource where to run the query
	 * @param query a query returning at least one column
	 * @return the value, or {@code null} when there is no row or the value is SQL {@code NULL}
	 */
	public static String value(DataSource dataSource, String query) {
		List<String> values = column(dataSource, query);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Whether a relation exists, as {@code to_regclass} sees it.
	 * @param dataSource the database to look in
	 * @param qualified the relation's name as SQL would write it, such as {@code public.orders}
	 * @return whether it exists
	 */
	public static boolean tableExists(DataSource dataSource, String qualified) {
		return value(dataSource, "SELECT to_regclass('" + qualified + "')") != null;
	}

}
