package dev.cairn.benchmarks.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * What a migrated database contains, read from the catalog as sorted lines: tables and their
 * columns with types, defaults and nullability, constraints, indexes, sequences, views, types,
 * functions with their full definitions, triggers, comments, and the row count of every table.
 * Each tool's own history tables are left out. Two databases migrated from the same corpus must
 * give equal fingerprints, so no contender wins by doing less.
 */
public record SchemaFingerprint(List<String> lines) {

	/** Bookkeeping tables of the contenders, not part of the migrated schema. */
	static final String HISTORY_TABLES = "('cairn_history', 'flyway_schema_history', 'databasechangelog',"
			+ " 'databasechangeloglock', 'floor_history')";

	private static final String[] QUERIES = {
			// Tables, views, sequences and other relations.
			"SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text FROM pg_class c"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
					+ " AND c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f') AND c.relname NOT IN " + HISTORY_TABLES
					+ " AND NOT (c.relkind = 'S' AND c.relname LIKE ANY (ARRAY['flyway_schema_history%', 'cairn_history%',"
					+ " 'databasechangelog%', 'floor_history%']))",
			// Columns with type, nullability, default and identity.
			"SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
					+ " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
					+ " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
					+ " || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
					+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
					+ " WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped"
					+ " AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relname NOT IN " + HISTORY_TABLES,
			// Constraints.
			"SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
					+ " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = 'public' AND c.relname NOT IN " + HISTORY_TABLES,
			// Indexes.
			"SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN "
					+ HISTORY_TABLES,
			// Views.
			"SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'",
			// Types (enums with their labels).
			"SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
					+ " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
					+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY t.typname",
			// Functions, with their whole definition.
			"SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p"
					+ " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'",
			// Triggers.
			"SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal",
			// Comments on tables and columns.
			"SELECT 'comment ' || c.relname || '.' || d.objsubid || ' ' || d.description FROM pg_description d"
					+ " JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = 'public' AND c.relname NOT IN " + HISTORY_TABLES,
			// Row counts, one query for all tables.
			"SELECT 'rows ' || c.relname || ' ' || (xpath('/row/n/text()', query_to_xml("
					+ "format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text"
					+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN " + HISTORY_TABLES };

	public static SchemaFingerprint of(String url) {
		List<String> lines = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			for (String query : QUERIES) {
				try (ResultSet result = statement.executeQuery(query)) {
					while (result.next()) {
						lines.add(result.getString(1));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the catalog of " + url + ": " + ex.getMessage(), ex);
		}
		Collections.sort(lines);
		return new SchemaFingerprint(List.copyOf(lines));
	}

	/** The first lines that differ, or an empty string when both are equal. */
	public String differences(SchemaFingerprint other) {
		if (this.lines.equals(other.lines)) {
			return "";
		}
		List<String> onlyHere = new ArrayList<>(this.lines);
		onlyHere.removeAll(new HashSet<>(other.lines));
		List<String> onlyThere = new ArrayList<>(other.lines);
		onlyThere.removeAll(new HashSet<>(this.lines));
		return "only in the first: " + onlyHere.stream().limit(5).toList() + " (" + onlyHere.size()
				+ "); only in the second: " + onlyThere.stream().limit(5).toList() + " (" + onlyThere.size() + ")";
	}

	public int size() {
		return this.lines.size();
	}

}
