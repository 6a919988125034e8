package dev.cairn.core.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.cairn.test.Sql;

/**
 * Shared pieces of the fault tests: migration files and database probes.
 */
final class Faults {

	private Faults() {
	}

	static void write(Path folder, String name, String sql) {
		try {
			Files.writeString(folder.resolve(name), sql);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Tables, columns, indexes (with validity), constraints and row counts of the public schema. */
	static List<String> schema(DataSource dataSource) {
		List<String> schema = new ArrayList<>(Sql.column(dataSource, """
				SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
				FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'cairn_history'
				UNION ALL
				SELECT 'index ' || c.relname || ' valid=' || i.indisvalid || ' ' || pg_get_indexdef(i.indexrelid)
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'public' AND c.relname NOT LIKE 'cairn_history%'
				UNION ALL
				SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
				WHERE connamespace = 'public'::regnamespace AND conrelid <> coalesce(to_regclass('public.cairn_history'), 0)
				ORDER BY 1
				"""));
		for (String table : Sql.column(dataSource, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
				+ " AND tablename <> 'cairn_history' ORDER BY 1")) {
			schema.add("rows " + table + " " + Sql.column(dataSource, "SELECT count(*) FROM public." + table).get(0));
		}
		return schema;
	}

	static List<String> history(DataSource dataSource) {
		return Sql.column(dataSource, "SELECT version || ':' || state FROM public.cairn_history ORDER BY version::int");
	}

}
