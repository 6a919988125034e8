package dev.cairn.core.catalogue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Everything a failed run could have changed in a database, as comparable lines: schemas,
 * relations, columns, constraints, indexes, functions, types, per-database settings, and the
 * rows of every table (history tables included, whatever their name and schema). Taken as a
 * superuser, so what the migration role cannot see is compared too.
 */
final class DatabaseSnapshot {

	private static final String USER_SCHEMA = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'";

	private static final String CATALOG = """
			SELECT 'schema ' || nspname || ' owner ' || pg_get_userbyid(nspowner) FROM pg_namespace WHERE %1$s
			UNION ALL
			SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' owner '
				|| pg_get_userbyid(c.relowner) || coalesce(' acl ' || c.relacl::text, '')
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1$s
			UNION ALL
			SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '
				|| is_nullable || coalesce(' default ' || column_default, '')
			FROM information_schema.columns WHERE table_schema NOT LIKE 'pg\\_%%' AND table_schema <> 'information_schema'
			UNION ALL
			SELECT 'constraint ' || n.nspname || '.' || conname || ' ' || pg_get_constraintdef(c.oid)
			FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE %1$s
			UNION ALL
			SELECT 'index ' || schemaname || '.' || indexname || ' ' || indexdef || ' valid ' || i.indisvalid
			FROM pg_indexes x JOIN pg_index i ON i.indexrelid = (quote_ident(x.schemaname) || '.' || quote_ident(x.indexname))::regclass
			WHERE schemaname NOT LIKE 'pg\\_%%' AND schemaname <> 'information_schema'
			UNION ALL
			SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
			FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %1$s
			UNION ALL
			SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text
			FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE %1$s AND t.typtype IN ('e', 'd', 'r')
			UNION ALL
			SELECT 'setting ' || array_to_string(s.setconfig, ',') FROM pg_db_role_setting s
			WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
			ORDER BY 1
			""".formatted(USER_SCHEMA);

	private static final String TABLES = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMA
			+ " ORDER BY 1";

	private DatabaseSnapshot() {
	}

	static List<String> of(DataSource superuser) {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			List<String> lines = lines(statement, CATALOG);
			for (String table : lines(statement, TABLES)) {
				for (String row : lines(statement, "SELECT t::text FROM " + table + " t ORDER BY 1")) {
					lines.add("row " + table + " " + row);
				}
			}
			return lines;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not take a snapshot of the database: " + ex.getMessage(), ex);
		}
	}

	private static List<String> lines(Statement statement, String query) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (ResultSet result = statement.executeQuery(query)) {
			while (result.next()) {
				lines.add(result.getString(1));
			}
		}
		return lines;
	}

}
