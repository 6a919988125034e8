package dev.cairn.test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * The shape of a PostgreSQL schema, read from the catalog: extensions, tables (and partitioned,
 * foreign and materialized ones), columns with type, nullability, default, identity and
 * generation, constraints, indexes, sequences, views, functions and procedures, triggers, enum,
 * domain, composite and range types, comments, and, when asked, owners and privileges. Made for
 * comparing two databases that should hold the same schema, such as a fresh install and an
 * upgraded one: {@link #diff} names each difference in a sentence, unlike a {@code pg_dump} diff.
 *
 * <pre>{@code
 * SchemaFingerprint fresh = SchemaFingerprint.of(freshDataSource, SchemaFingerprint.Options.defaults()
 *     .ignoring("cairn_history"));
 * SchemaFingerprint upgraded = SchemaFingerprint.of(upgradedDataSource, fresh.options());
 * assertThat(fresh.diff(upgraded)).isEmpty();
 * }</pre>
 *
 * Each part is an entry with a key ({@code column public.books.isbn}) and a value
 * ({@code character varying(13) not null}); two fingerprints are equal when their entries are.
 * By default column order does not count (a column added by an upgrade lands last, a fresh
 * install may declare it elsewhere), nor do owners and privileges, nor database names.
 */
public final class SchemaFingerprint {

	private static final String CATALOG = """
			WITH params AS (
				SELECT ?::text[] AS schemas, ?::boolean AS column_order, ?::boolean AS privileges
			), scope AS (
				SELECT n.oid, n.nspname, n.nspowner, n.nspacl FROM pg_namespace n, params p
				WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
					AND (cardinality(p.schemas) = 0 OR n.nspname = ANY (p.schemas))
					AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
						AND d.objid = n.oid AND d.deptype = 'e')
			), rel AS (
				-- "own" names the relation; "object" is what ignoring it goes by: an index or an owned
				-- sequence goes with its table
				SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, n.nspname, n.nspname || '.' || c.relname AS own,
					coalesce((SELECT tn.nspname || '.' || tc.relname FROM pg_index i JOIN pg_class tc ON tc.oid = i.indrelid
							JOIN pg_namespace tn ON tn.oid = tc.relnamespace WHERE i.indexrelid = c.oid),
						(SELECT tn.nspname || '.' || tc.relname FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid
							JOIN pg_namespace tn ON tn.oid = tc.relnamespace WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass
							AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1),
						n.nspname || '.' || c.relname) AS object
				FROM pg_class c JOIN scope n ON n.oid = c.relnamespace
				WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
					AND d.deptype = 'e')
			), fn AS (
				SELECT f.oid, n.nspname || '.' || f.proname AS object, f.proname, f.proowner, f.proacl, n.nspname, f.prokind,
					f.prosrc, f.provolatile, f.proisstrict, f.prosecdef, f.prolang
				FROM pg_proc f JOIN scope n ON n.oid = f.pronamespace
				WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = f.oid
					AND d.deptype = 'e')
			), typ AS (
				SELECT t.oid, t.typname, t.typtype, t.typbasetype, t.typtypmod, t.typnotnull, t.typrelid, n.nspname,
					n.nspname || '.' || t.typname AS object
				FROM pg_type t JOIN scope n ON n.oid = t.typnamespace
				WHERE t.typtype IN ('e', 'd', 'r', 'c')
					AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
					AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
						AND d.deptype = 'e')
			)
			SELECT 'extension', e.extname, 'extension ' || e.extname, 'version ' || e.extversion || ' in schema '
				|| e.extnamespace::regnamespace::text
			FROM pg_extension e WHERE e.extname <> 'plpgsql'
			UNION ALL
			SELECT 'schema', nspname, 'schema ' || nspname,
				CASE WHEN p.privileges THEN 'owner ' || pg_get_userbyid(nspowner) || coalesce(' acl ' || nspacl::text, '') ELSE '' END
			FROM scope, params p WHERE nspname <> 'public' OR p.privileges
			UNION ALL
			SELECT CASE relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'f' THEN 'table' WHEN 'v' THEN 'view'
					WHEN 'm' THEN 'view' WHEN 'S' THEN 'sequence' ELSE 'index' END,
				object,
				CASE relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'partitioned table ' WHEN 'f' THEN 'foreign table '
					WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' ELSE 'index ' END || own,
				CASE relkind
					WHEN 'v' THEN pg_get_viewdef(oid)
					WHEN 'm' THEN pg_get_viewdef(oid)
					WHEN 'S' THEN (SELECT format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
						|| ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
						|| CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
						|| coalesce(' owned by ' || (SELECT dc.relname || '.' || a.attname FROM pg_depend dp
							JOIN pg_class dc ON dc.oid = dp.refobjid JOIN pg_attribute a ON a.attrelid = dp.refobjid
							AND a.attnum = dp.refobjsubid WHERE dp.classid = 'pg_class'::regclass AND dp.objid = rel.oid
							AND dp.refclassid = 'pg_class'::regclass AND dp.deptype IN ('a', 'i') LIMIT 1), '')
						FROM pg_sequence s WHERE s.seqrelid = rel.oid)
					WHEN 'i' THEN (SELECT pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
						FROM pg_index i WHERE i.indexrelid = rel.oid)
					WHEN 'I' THEN (SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indexrelid = rel.oid)
					ELSE '' END
				|| CASE WHEN p.privileges THEN ' owner ' || pg_get_userbyid(relowner) || coalesce(' acl ' || relacl::text, '') ELSE '' END
			FROM rel, params p WHERE relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'i', 'I')
			UNION ALL
			SELECT 'column', r.object, 'column ' || r.own || '.' || a.attname,
				format_type(a.atttypid, a.atttypmod)
				|| CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)
					THEN ' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END
				|| CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
				|| CASE WHEN a.attgenerated <> '' THEN ' generated always as ' || pg_get_expr(d.adbin, d.adrelid)
					ELSE coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') END
				|| CASE a.attidentity WHEN 'a' THEN ' generated always as identity' WHEN 'd' THEN ' generated by default as identity'
					ELSE '' END
				|| CASE WHEN p.column_order THEN ' position ' || (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid
					AND b.attnum > 0 AND b.attnum <= a.attnum AND NOT b.attisdropped) ELSE '' END
			FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid
			LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum, params p
			WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p', 'f', 'v', 'm')
			UNION ALL
			SELECT 'constraint', r.object, 'constraint ' || k.conname || ' on ' || r.own, pg_get_constraintdef(k.oid)
				|| CASE WHEN k.convalidated THEN '' ELSE ' (not valid)' END
			FROM pg_constraint k JOIN rel r ON r.oid = k.conrelid
			UNION ALL
			SELECT 'trigger', r.object, 'trigger ' || g.tgname || ' on ' || r.own, pg_get_triggerdef(g.oid)
				|| CASE g.tgenabled WHEN 'D' THEN ' (disabled)' WHEN 'R' THEN ' (replica)' WHEN 'A' THEN ' (always)' ELSE '' END
			FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid WHERE NOT g.tgisinternal
			UNION ALL
			SELECT 'function', object, CASE prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END
					|| object || '(' || pg_get_function_identity_arguments(oid) || ')',
				coalesce('returns ' || pg_get_function_result(oid) || ' ', '') || 'language '
				|| (SELECT lanname FROM pg_language WHERE oid = fn.prolang)
				|| CASE provolatile WHEN 'i' THEN ' immutable' WHEN 's' THEN ' stable' ELSE ' volatile' END
				|| CASE WHEN proisstrict THEN ' strict' ELSE '' END || CASE WHEN prosecdef THEN ' security definer' ELSE '' END
				|| ' body md5 ' || md5(coalesce(prosrc, ''))
				|| CASE WHEN p.privileges THEN ' owner ' || pg_get_userbyid(proowner) || coalesce(' acl ' || proacl::text, '') ELSE '' END
			FROM fn, params p
			UNION ALL
			SELECT 'type', t.object, CASE t.typtype WHEN 'e' THEN 'enum ' WHEN 'd' THEN 'domain ' WHEN 'r' THEN 'range '
					ELSE 'composite type ' END || t.object,
				CASE t.typtype
					WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e
						WHERE e.enumtypid = t.oid)
					WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
						|| coalesce(' ' || (SELECT string_agg(pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname)
							FROM pg_constraint k WHERE k.contypid = t.oid), '')
					WHEN 'r' THEN (SELECT format_type(rngsubtype, NULL) FROM pg_range WHERE rngtypid = t.oid)
					ELSE (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
						FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END
			FROM typ t
			UNION ALL
			SELECT 'comment', r.object, 'comment on ' || CASE WHEN c.objsubid = 0 THEN r.own
					ELSE 'column ' || r.own || '.' || (SELECT attname FROM pg_attribute WHERE attrelid = r.oid AND attnum = c.objsubid) END,
				c.description
			FROM pg_description c JOIN rel r ON c.classoid = 'pg_class'::regclass AND c.objoid = r.oid
			UNION ALL
			SELECT 'comment', f.object, 'comment on function ' || f.object || '(' || pg_get_function_identity_arguments(f.oid) || ')',
				c.description
			FROM pg_description c JOIN fn f ON c.classoid = 'pg_proc'::regclass AND c.objoid = f.oid
			UNION ALL
			SELECT 'comment', t.object, 'comment on type ' || t.object, c.description
			FROM pg_description c JOIN typ t ON c.classoid = 'pg_type'::regclass AND c.objoid = t.oid
			UNION ALL
			SELECT 'comment', n.nspname, 'comment on schema ' || n.nspname, c.description
			FROM pg_description c JOIN scope n ON c.classoid = 'pg_namespace'::regclass AND c.objoid = n.oid
				AND c.description <> 'standard public schema'
			""";

	private final Options options;

	private final Map<String, String> entries;

	private SchemaFingerprint(Options options, Map<String, String> entries) {
		this.options = options;
		this.entries = Collections.unmodifiableMap(entries);
	}

	/**
	 * Reads the fingerprint of every user schema with the default options.
	 * @param dataSource the database
	 * @return the fingerprint
	 */
	public static SchemaFingerprint of(DataSource dataSource) {
		return of(dataSource, Options.defaults());
	}

	/**
	 * Reads the fingerprint of what the options cover, in one read-only transaction.
	 * @param dataSource the database
	 * @param options which schemas, what to leave out, whether column order and privileges count
	 * @return the fingerprint
	 * @throws IllegalStateException when the catalog cannot be read
	 */
	public static SchemaFingerprint of(DataSource dataSource, Options options) {
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
				}
				Array schemas = connection.createArrayOf("text", options.schemas.toArray());
				Map<String, String> entries = new TreeMap<>();
				try (PreparedStatement query = connection.prepareStatement(CATALOG)) {
					query.setArray(1, schemas);
					query.setBoolean(2, options.columnOrder);
					query.setBoolean(3, options.privileges);
					try (ResultSet result = query.executeQuery()) {
						while (result.next()) {
							if (!options.ignores(result.getString(2))) {
								String value = Objects.toString(result.getString(4), "");
								entries.put(result.getString(3), value.replace("\r", "\\r").replace("\n", "\\n").strip());
							}
						}
					}
				}
				return new SchemaFingerprint(options, entries);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the schema's fingerprint: " + ex.getMessage(), ex);
		}
	}

	/** The options it was read with, to read another database alike. */
	public Options options() {
		return this.options;
	}

	/** Every entry, key to value, sorted by key. The exact text may change between versions of this library. */
	public Map<String, String> entries() {
		return this.entries;
	}

	/**
	 * What differs from this fingerprint to another, one sentence a line: {@code only in expected:},
	 * {@code only in actual:} or {@code differs:} with both values.
	 * @param actual the other fingerprint
	 * @return the differences, empty when there are none
	 */
	public List<String> diff(SchemaFingerprint actual) {
		List<String> differences = new ArrayList<>();
		for (Map.Entry<String, String> entry : this.entries.entrySet()) {
			String other = actual.entries.get(entry.getKey());
			if (other == null) {
				differences.add(entry.getKey() + ": only in expected (" + shown(entry.getValue()) + ")");
			}
			else if (!other.equals(entry.getValue())) {
				differences.add(entry.getKey() + ": differs: expected " + shown(entry.getValue()) + ", actual " + shown(other));
			}
		}
		for (Map.Entry<String, String> entry : actual.entries.entrySet()) {
			if (!this.entries.containsKey(entry.getKey())) {
				differences.add(entry.getKey() + ": only in actual (" + shown(entry.getValue()) + ")");
			}
		}
		Collections.sort(differences);
		return differences;
	}

	private static String shown(String value) {
		return value.isEmpty() ? "present" : value;
	}

	/** Equal when the entries are; the options do not count. */
	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof SchemaFingerprint fingerprint && this.entries.equals(fingerprint.entries));
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	/** One entry a line, {@code key: value}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		this.entries.forEach((key, value) -> text.append(key).append(value.isEmpty() ? "" : ": " + value).append('\n'));
		return text.toString();
	}

	/**
	 * What a fingerprint covers. Immutable; each method returns new options.
	 */
	public static final class Options {

		private final List<String> schemas;

		private final List<String> ignored;

		private final boolean columnOrder;

		private final boolean privileges;

		private Options(List<String> schemas, List<String> ignored, boolean columnOrder, boolean privileges) {
			this.schemas = schemas;
			this.ignored = ignored;
			this.columnOrder = columnOrder;
			this.privileges = privileges;
		}

		/**
		 * Every user schema (not {@code pg_*}, {@code information_schema} or an extension's), column
		 * order, owners and privileges not counted, nothing ignored.
		 * @return the options
		 */
		public static Options defaults() {
			return new Options(List.of(), List.of(), false, false);
		}

		/**
		 * Only these schemas.
		 * @param names the schemas' names, unquoted
		 * @return new options
		 */
		public Options schemas(String... names) {
			return new Options(List.of(names), this.ignored, this.columnOrder, this.privileges);
		}

		/**
		 * Leaves objects out with everything on them (a table's columns, constraints, indexes,
		 * triggers and comments), such as the history table: {@code cairn_history} in any schema,
		 * or {@code audit.cairn_history}. A name ending in {@code *} matches every object starting so.
		 * @param names tables, views, sequences, indexes, functions or types, unquoted
		 * @return new options
		 */
		public Options ignoring(String... names) {
			List<String> ignored = new ArrayList<>(this.ignored);
			ignored.addAll(Arrays.asList(names));
			return new Options(this.schemas, List.copyOf(ignored), this.columnOrder, this.privileges);
		}

		/**
		 * Counts each column's position, for schemas where column order matters ({@code SELECT *},
		 * {@code COPY} without a column list).
		 * @return new options
		 */
		public Options withColumnOrder() {
			return new Options(this.schemas, this.ignored, true, this.privileges);
		}

		/**
		 * Counts owners and privileges (grants on schemas, tables, sequences and functions).
		 * @return new options
		 */
		public Options withPrivileges() {
			return new Options(this.schemas, this.ignored, this.columnOrder, true);
		}

		boolean ignores(String object) {
			String name = object.substring(object.indexOf('.') + 1);
			for (String pattern : this.ignored) {
				boolean prefix = pattern.endsWith("*");
				String stem = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
				String candidate = stem.contains(".") ? object : name;
				if (prefix ? candidate.startsWith(stem) : candidate.equals(stem)) {
					return true;
				}
			}
			return false;
		}

	}

}
