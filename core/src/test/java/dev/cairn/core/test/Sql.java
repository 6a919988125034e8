package dev.cairn.core.test;

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
public final class Sql {

	private Sql() {
	}

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

	public static String value(DataSource dataSource, String query) {
		List<String> values = column(dataSource, query);
		return values.isEmpty() ? null : values.get(0);
	}

	public static boolean tableExists(DataSource dataSource, String qualified) {
		return value(dataSource, "SELECT to_regclass('" + qualified + "')") != null;
	}

	public static List<String> history(DataSource dataSource) {
		return column(dataSource, "SELECT version || ':' || state FROM public.cairn_history ORDER BY applied_order");
	}

	/** Tables, columns, indexes and constraints of the public schema, for comparing schemas. */
	public static List<String> catalog(DataSource dataSource) {
		return column(dataSource, """
				SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
				FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'cairn_history'
				UNION ALL
				SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
				WHERE schemaname = 'public' AND tablename <> 'cairn_history'
				UNION ALL
				SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
				WHERE connamespace = 'public'::regnamespace AND conrelid <> coalesce(to_regclass('public.cairn_history'), 0)
				ORDER BY 1
				""");
	}

}
