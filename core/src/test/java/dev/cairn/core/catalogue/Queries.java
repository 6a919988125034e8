package dev.cairn.core.catalogue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Small queries for assertions.
 */
final class Queries {

	private Queries() {
	}

	static List<String> column(DataSource dataSource, String query) {
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

	static String value(DataSource dataSource, String query) {
		List<String> values = column(dataSource, query);
		return values.isEmpty() ? null : values.get(0);
	}

	static boolean exists(DataSource dataSource, String qualified) {
		return value(dataSource, "SELECT to_regclass('" + qualified + "')") != null;
	}

}
