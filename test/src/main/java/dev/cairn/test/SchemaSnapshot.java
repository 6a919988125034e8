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

import javax.sql.DataSource;

/**
 * What a database or schema contains, read from PostgreSQL's catalog as sorted lines of text:
 * schemas, relations (tables, views, sequences, indexes; owner and privileges), columns (type,
 * not null, default, identity, generated), constraints, indexes (definition and validity),
 * view definitions, triggers, functions, enum, domain and range types, per-database settings,
 * and, when asked for, the rows of every table. Two snapshots are equal when the lines are, so
 * {@code assertThat(after).isEqualTo(before)} checks that nothing changed; {@link #diff} says
 * what did, one line per difference.
 *
 * <pre>{@code
 * SchemaSnapshot before = SchemaSnapshot.of(dataSource, Scope.schema("public").excludingTables("cairn_history"));
 * ...
 * assertThat(before.diff(SchemaSnapshot.of(dataSource, before.scope()))).isEmpty();
 * }</pre>
 *
 * <p>Names are not quoted. A line break inside a value (a view's definition, a row) is written
 * as {@code \n}, so that each line of {@link #toString} is one object. The snapshot is taken as
 * the DataSource's user: take it as a superuser when rows are included or when objects the
 * user cannot read must count too. Columns are listed by name, not by position.
 */
public final class SchemaSnapshot {

	private static final String USER_SCHEMAS = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'";

	// One statement, so the snapshot is consistent. "hidden" is what an excluded table owns:
	// itself, its indexes and the sequences of its serial and identity columns.
	private static final String CATALOG = """
			WITH params AS (
				SELECT ?::text[] AS schemas, ?::text[] AS excluded, ?::boolean AS whole
			), scope AS (
				SELECT n.oid, n.nspname, n.nspowner FROM pg_namespace n, params p
				WHERE %1$s AND (cardinality(p.schemas) = 0 OR n.nspname = ANY (p.schemas))
			), excluded AS (
				SELECT c.oid FROM pg_class c JOIN scope n ON n.oid = c.relnamespace, params p
				WHERE c.relname = ANY (p.excluded) OR n.nspname || '.' || c.relname = ANY (p.excluded)
			), hidden AS (
				SELECT oid FROM excluded
				UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM excluded)
				UNION SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass
					AND refclassid = 'pg_class'::regclass AND deptype IN ('a', 'i')
					AND refobjid IN (SELECT oid FROM excluded)
			), rel AS (
				SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, n.nspname
				FROM pg_class c JOIN scope n ON n.oid = c.relnamespace
				WHERE c.oid NOT IN (SELECT oid FROM hidden)
			)
			SELECT 'schema ' || n.nspname || ' owner ' || pg_get_userbyid(n.nspowner) FROM scope n, params p WHERE p.whole
			UNION ALL
			SELECT 'relation ' || nspname || '.' || relname || ' ' || relkind::text || ' owner ' || pg_get_userbyid(relowner)
				|| coalesce(' acl ' || relacl::text, '')
			FROM rel
			UNION ALL
			SELECT 'column ' || r.nspname || '.' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
				|| CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
				|| CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
				|| coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
				|| CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
			FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid
			LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p', 'v', 'm', 'f')
			UNION ALL
			SELECT 'constraint ' || n.nspname || '.' || coalesce(t.relname || '.', '') || k.conname || ' '
				|| pg_get_constraintdef(k.oid)
			FROM pg_constraint k JOIN scope n ON n.oid = k.connamespace LEFT JOIN pg_class t ON t.oid = k.conrelid
			WHERE k.conrelid NOT IN (SELECT oid FROM hidden)
			UNION ALL
			SELECT 'index ' || r.nspname || '.' || r.relname || ' ' || pg_get_indexdef(i.indexrelid)
				|| CASE WHEN i.indisvalid THEN '' ELSE ' invalid' END
			FROM pg_index i JOIN rel r ON r.oid = i.indexrelid
			UNION ALL
			SELECT 'view ' || nspname || '.' || relname || ' ' || pg_get_viewdef(oid) FROM rel WHERE relkind IN ('v', 'm')
			UNION ALL
			SELECT 'trigger ' || r.nspname || '.' || r.relname || ' ' || pg_get_triggerdef(g.oid)
			FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid WHERE NOT g.tgisinternal
			UNION ALL
			SELECT 'function ' || n.nspname || '.' || f.proname || '(' || pg_get_function_identity_arguments(f.oid) || ')'
				|| coalesce(' returns ' || pg_get_function_result(f.oid), '') || ' body ' || md5(coalesce(f.prosrc, ''))
			FROM pg_proc f JOIN scope n ON n.oid = f.pronamespace
			UNION ALL
			SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text
				|| CASE WHEN t.typtype = 'd' THEN ' ' || format_type(t.typbasetype, t.typtypmod) ELSE '' END
				|| coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e
					WHERE e.enumtypid = t.oid), '')
			FROM pg_type t JOIN scope n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r')
			UNION ALL
			SELECT 'setting ' || CASE WHEN s.setrole = 0 THEN '' ELSE 'role ' || pg_get_userbyid(s.setrole) || ' ' END
				|| array_to_string(s.setconfig, ',')
			FROM pg_db_role_setting s, params p
			WHERE p.whole AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
			""".formatted(USER_SCHEMAS);

	private static final String TABLES = """
			WITH params AS (
				SELECT ?::text[] AS schemas, ?::text[] AS excluded
			)
			SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, params p
			WHERE c.relkind IN ('r', 'p') AND %1$s AND (cardinality(p.schemas) = 0 OR n.nspname = ANY (p.schemas))
				AND NOT (c.relname = ANY (p.excluded) OR n.nspname || '.' || c.relname = ANY (p.excluded))
			""".formatted(USER_SCHEMAS);

	private final Scope scope;

	private final List<String> lines;

	private SchemaSnapshot(Scope scope, List<String> lines) {
		this.scope = scope;
		this.lines = lines;
	}

	/**
	 * Takes a snapshot of every schema of the database but PostgreSQL's own, without rows.
	 * @param dataSource the database
	 * @return the snapshot
	 */
	public static SchemaSnapshot of(DataSource dataSource) {
		return of(dataSource, Scope.database());
	}

	/**
	 * Takes a snapshot of what a scope covers.
	 * @param dataSource the database
	 * @param scope which schemas, which tables left out, and whether rows count
	 * @return the snapshot
	 * @throws IllegalStateException when the catalog cannot be read
	 */
	public static SchemaSnapshot of(DataSource dataSource, Scope scope) {
		try (Connection connection = dataSource.getConnection()) {
			// One transaction, so that the catalog and the rows are read at one moment.
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
				}
				Array schemas = connection.createArrayOf("text", scope.schemas.toArray());
				Array excluded = connection.createArrayOf("text", scope.excludedTables.toArray());
				List<String> lines = new ArrayList<>();
				try (PreparedStatement catalog = connection.prepareStatement(CATALOG)) {
					catalog.setArray(1, schemas);
					catalog.setArray(2, excluded);
					catalog.setBoolean(3, scope.schemas.isEmpty());
					read(catalog, "", lines);
				}
				if (scope.rows) {
					List<String[]> tables = new ArrayList<>();
					try (PreparedStatement query = connection.prepareStatement(TABLES)) {
						query.setArray(1, schemas);
						query.setArray(2, excluded);
						try (ResultSet result = query.executeQuery()) {
							while (result.next()) {
								tables.add(new String[] { result.getString(1), result.getString(2) });
							}
						}
					}
					for (String[] table : tables) {
						try (PreparedStatement rows = connection.prepareStatement("SELECT t::text FROM " + table[0] + " t")) {
							read(rows, "row " + table[1] + " ", lines);
						}
					}
				}
				Collections.sort(lines);
				return new SchemaSnapshot(scope, List.copyOf(lines));
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not take a snapshot of the database: " + ex.getMessage(), ex);
		}
	}

	private static void read(PreparedStatement query, String prefix, List<String> lines) throws SQLException {
		try (ResultSet result = query.executeQuery()) {
			while (result.next()) {
				String line = result.getString(1);
				lines.add(prefix + ((line != null) ? line.replace("\r", "\\r").replace("\n", "\\n") : "null"));
			}
		}
	}

	/**
	 * What this snapshot covers.
	 * @return its scope, to take another snapshot of the same things
	 */
	public Scope scope() {
		return this.scope;
	}

	/**
	 * The snapshot's lines, sorted, each starting with what it describes ({@code schema},
	 * {@code relation}, {@code column}, {@code constraint}, {@code index}, {@code view},
	 * {@code trigger}, {@code function}, {@code type}, {@code setting}, {@code row}). The exact
	 * text of a line may change between versions of this library; compare snapshots, not lines.
	 * @return the lines, unmodifiable
	 */
	public List<String> lines() {
		return this.lines;
	}

	/**
	 * Whether the scope holds nothing at all.
	 * @return whether there are no lines
	 */
	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/**
	 * What changed from this snapshot to another: a line {@code - ...} for what only this one
	 * has, {@code + ...} for what only the other has, in the lines' order. A changed object
	 * shows as a {@code -} line and a {@code +} line.
	 * @param other the later snapshot
	 * @return the differences, one per line, or an empty string when the snapshots are equal
	 */
	public String diff(SchemaSnapshot other) {
		StringBuilder diff = new StringBuilder();
		List<String> mine = this.lines;
		List<String> theirs = other.lines;
		int i = 0;
		int j = 0;
		// Both lists are sorted, so one merge pass finds every difference, duplicates included.
		while (i < mine.size() || j < theirs.size()) {
			int order = (i == mine.size()) ? 1 : (j == theirs.size()) ? -1 : mine.get(i).compareTo(theirs.get(j));
			if (order == 0) {
				i++;
				j++;
			}
			else if (order < 0) {
				diff.append("- ").append(mine.get(i++)).append('\n');
			}
			else {
				diff.append("+ ").append(theirs.get(j++)).append('\n');
			}
		}
		return diff.toString();
	}

	/** Equal when the lines are; the scope does not count. */
	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof SchemaSnapshot snapshot && this.lines.equals(snapshot.lines));
	}

	@Override
	public int hashCode() {
		return this.lines.hashCode();
	}

	/** The lines, one per line of text, ready for a textual diff. */
	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

	/**
	 * What a snapshot covers: some schemas or the whole database, maybe without some tables,
	 * with or without the tables' rows. Immutable; each method returns a new scope.
	 */
	public static final class Scope {

		private final List<String> schemas;

		private final List<String> excludedTables;

		private final boolean rows;

		private Scope(List<String> schemas, List<String> excludedTables, boolean rows) {
			this.schemas = schemas;
			this.excludedTables = excludedTables;
			this.rows = rows;
		}

		/**
		 * Every schema but PostgreSQL's own ({@code pg_*}, {@code information_schema}), with the
		 * schemas themselves and the database's settings ({@code ALTER DATABASE ... SET}).
		 * @return the scope
		 */
		public static Scope database() {
			return new Scope(List.of(), List.of(), false);
		}

		/**
		 * What is inside some schemas, not the schemas themselves (so an empty schema gives an
		 * empty snapshot), nor the database's settings.
		 * @param names the schemas' names, unquoted
		 * @return the scope
		 */
		public static Scope schema(String... names) {
			if (names.length == 0) {
				throw new IllegalArgumentException("Name at least one schema, or use Scope.database()");
			}
			return new Scope(List.of(names), List.of(), false);
		}

		/**
		 * Leaves tables out, with their columns, constraints, indexes, triggers, sequences and
		 * rows, such as a migration tool's history table.
		 * @param names tables' names, unquoted, either alone ({@code cairn_history}, in any schema
		 * of the scope) or qualified ({@code audit.cairn_history})
		 * @return a new scope
		 */
		public Scope excludingTables(String... names) {
			List<String> excluded = new ArrayList<>(this.excludedTables);
			excluded.addAll(Arrays.asList(names));
			return new Scope(this.schemas, List.copyOf(excluded), this.rows);
		}

		/**
		 * Counts the rows of every table in the scope too, as {@code row schema.table (values)}
		 * lines: a snapshot then also proves that no data changed.
		 * @return a new scope
		 */
		public Scope withRows() {
			return new Scope(this.schemas, this.excludedTables, true);
		}

		@Override
		public String toString() {
			return (this.schemas.isEmpty() ? "database" : "schemas " + this.schemas)
					+ (this.excludedTables.isEmpty() ? "" : " excluding " + this.excludedTables)
					+ (this.rows ? " with rows" : "");
		}

	}

}
