package dev.cairn.core.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

import dev.cairn.core.TrackSettings;
import dev.cairn.core.CairnException;
import dev.cairn.core.Version;

/**
 * A track's history table: one row per applied migration (set semantics, never a counter).
 * Always schema-qualified and quoted, so nothing depends on {@code search_path}. Names were
 * checked as plain identifiers by the configuration before they reach SQL here.
 *
 * <pre>
 * version        text primary key   canonical version ("42", "2.1.3")
 * description    text               from the file name
 * script         text               file name relative to its location
 * checksum       text               SHA-256 hex of the file (CRLF and BOM normalised)
 * type           text               SQL | SQL_NO_TRANSACTION | BASELINE | IMPORTED | FORCED
 * state          text               applied | in_progress | failed | undoing
 * applied_at     timestamptz        when it was applied (started, while in progress)
 * applied_by     text               database user or configured name
 * execution_ms   bigint             how long it took
 * applied_order  bigint identity    the order rows were written in
 * cairn_version  text               the Cairn version that wrote the row
 * error          text               why a non-transactional migration failed
 * </pre>
 */
public final class HistoryTable {

	private static final String APPLIED = HistoryState.APPLIED.stored();

	private static final String IN_PROGRESS = HistoryState.IN_PROGRESS.stored();

	private static final String FAILED = HistoryState.FAILED.stored();

	private static final String UNDOING = HistoryState.UNDOING.stored();

	static final String CAIRN_VERSION = cairnVersion();

	private static final String UNDEFINED_TABLE = "42P01";

	private static final String UNDEFINED_COLUMN = "42703";

	private static final String INVALID_SCHEMA = "3F000";

	private static final List<String> REQUIRED = List.of("version", "description", "script", "type", "state",
			"applied_at", "applied_by");

	private final String schema;

	private final String table;

	private final String qualified;

	private final boolean createSchema;

	private final String select;

	public HistoryTable(TrackSettings track) {
		this.schema = track.schema();
		this.table = track.table();
		this.qualified = track.qualifiedTable();
		this.createSchema = track.createSchema();
		// applied_at as microseconds since the epoch: parsing 1000 timestamps cost more than the rest of
		// the read on a cold start. Not finite (edited by hand) reads as missing.
		this.select = "SELECT version, description, script, checksum, type, state,"
				+ " CASE WHEN isfinite(applied_at) THEN (extract(epoch FROM applied_at) * 1000000)::bigint END,"
				+ " applied_by, execution_ms, applied_order, cairn_version, error FROM " + this.qualified
				+ " ORDER BY applied_order";
	}

	public String qualifiedName() {
		return this.qualified;
	}

	/** Reads every row; a missing table reads as empty and is not created. */
	public List<HistoryRow> read(Connection connection) {
		try {
			return select(connection);
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState()) || INVALID_SCHEMA.equals(ex.getSQLState())) {
				return List.of();
			}
			throw readFailure(ex);
		}
	}

	/**
	 * What a migrate run reads under the lock: the rows, and the history privileges the
	 * migration user lacks (empty when it may write), so a run that cannot record what it
	 * applies stops before applying anything.
	 *
	 * @param rows every row, empty when the table is missing
	 * @param missing the privileges among INSERT, UPDATE and DELETE the user lacks on the table
	 */
	public record Access(List<HistoryRow> rows, List<String> missing) {
	}

	/**
	 * Reads every row as {@link #read} does, and in the same round trip (two statements in one
	 * message) which of INSERT, UPDATE and DELETE the user lacks on the table.
	 */
	public Access readWithAccess(Connection connection) {
		String table = literal(this.qualified);
		String privileges = "SELECT pg_catalog.has_table_privilege(" + table + ", 'INSERT'), pg_catalog.has_table_privilege("
				+ table + ", 'UPDATE'), pg_catalog.has_table_privilege(" + table + ", 'DELETE')";
		try (Statement statement = connection.createStatement()) {
			statement.execute(privileges + "; " + this.select);
			List<String> missing = new ArrayList<>();
			try (ResultSet result = statement.getResultSet()) {
				result.next();
				for (int i = 1; i <= 3; i++) {
					if (!result.getBoolean(i)) {
						missing.add(List.of("INSERT", "UPDATE", "DELETE").get(i - 1));
					}
				}
			}
			statement.getMoreResults();
			try (ResultSet result = statement.getResultSet()) {
				return new Access(rows(result), missing);
			}
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState()) || INVALID_SCHEMA.equals(ex.getSQLState())) {
				return new Access(List.of(), List.of());
			}
			throw readFailure(ex);
		}
	}

	/**
	 * Reads every row, creating the table first if it does not exist. The caller holds the
	 * lock, so creation never races another instance.
	 */
	public List<HistoryRow> readOrCreate(Connection connection) {
		try {
			return select(connection);
		}
		catch (SQLException ex) {
			if (!UNDEFINED_TABLE.equals(ex.getSQLState()) && !INVALID_SCHEMA.equals(ex.getSQLState())) {
				throw readFailure(ex);
			}
		}
		create(connection);
		return List.of();
	}

	private List<HistoryRow> select(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(this.select)) {
			return rows(result);
		}
	}

	private List<HistoryRow> rows(ResultSet result) throws SQLException {
		List<HistoryRow> rows = new ArrayList<>();
		// Columns by position, as the select lists them: by name, the driver looks each one up per row.
		while (result.next()) {
			String version = result.getString(1);
			String description = result.getString(2);
			String script = result.getString(3);
			String type = result.getString(5);
			String state = result.getString(6);
			long micros = result.getLong(7);
			Instant appliedAt = result.wasNull() ? null
					: Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
			String appliedBy = result.getString(8);
			requireValues(version, description, script, type, state, appliedAt, appliedBy); // as REQUIRED lists them
			long millis = result.getLong(9);
			Duration executionTime = result.wasNull() ? null : Duration.ofMillis(millis);
			rows.add(new HistoryRow(version, description, script, result.getString(4), type, state,
					appliedAt, appliedBy, executionTime, result.getLong(10), result.getString(11),
					result.getString(12)));
		}
		return rows;
	}

	/**
	 * Cairn's table declares these NOT NULL; a table of the right shape without that (made by
	 * hand, or edited) is refused with its row named rather than failing on a null later.
	 */
	private void requireValues(@Nullable Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == null) {
				Object version = values[0];
				throw new CairnException("History table " + this.qualified + " has a row"
						+ ((version != null) ? " for version '" + version + "'" : "") + " without " + REQUIRED.get(i)
						+ ", which Cairn's history table never leaves empty: the table was not created by Cairn or was"
						+ " edited by hand. Correct or delete that row, or configure a different table name for Cairn.");
			}
		}
	}

	private CairnException readFailure(SQLException ex) {
		if (UNDEFINED_COLUMN.equals(ex.getSQLState())) {
			return new CairnException("History table " + this.qualified + " exists but is not a Cairn history table ("
					+ reason(ex) + "). Another tool may own a table of that name: configure a different"
					+ " table name for Cairn, or rename the existing table.", ex);
		}
		return new CairnException("Cannot read history table " + this.qualified + ": " + reason(ex)
				+ " (SQLSTATE " + ex.getSQLState() + "). Check that the migration user may read it.", ex);
	}

	/**
	 * PostgreSQL's primary message, without the driver's "ERROR: " prefix and "Position" line,
	 * so the hint that follows stays on the message's first line.
	 */
	private static String reason(SQLException ex) {
		if (ex instanceof PSQLException psql && psql.getServerErrorMessage() != null
				&& psql.getServerErrorMessage().getMessage() != null) {
			return psql.getServerErrorMessage().getMessage();
		}
		return String.valueOf(ex.getMessage());
	}

	private void create(Connection connection) {
		String ddl = "CREATE TABLE " + this.qualified + " ("
				+ "version text NOT NULL PRIMARY KEY, "
				+ "description text NOT NULL, "
				+ "script text NOT NULL, "
				+ "checksum text, "
				+ "type text NOT NULL, "
				+ "state text NOT NULL CHECK (state IN ('applied', 'in_progress', 'failed', 'undoing')), "
				+ "applied_at timestamptz NOT NULL DEFAULT now(), "
				+ "applied_by text NOT NULL DEFAULT current_user, "
				+ "execution_ms bigint, "
				+ "applied_order bigint GENERATED ALWAYS AS IDENTITY, "
				+ "cairn_version text, "
				+ "error text)";
		boolean schemaMissing = false;
		try (Statement statement = connection.createStatement()) {
			// CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
			schemaMissing = !schemaExists(connection);
			if (this.createSchema && schemaMissing) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + this.schema + "\"");
			}
			statement.execute(ddl);
			statement.execute("COMMENT ON TABLE " + this.qualified + " IS 'Cairn migration history: one row per applied"
					+ " migration. Change it only through Cairn.'");
		}
		catch (SQLException ex) {
			String hint = ex.getSQLState() != null && ex.getSQLState().equals("42501")
					? (schemaMissing ? "schema \"" + this.schema + "\" does not exist: grant the migration user CREATE on the"
							+ " database so Cairn can create it, or create the schema as an administrator and grant the"
							+ " migration user CREATE on it"
							: "grant the migration user CREATE on schema \"" + this.schema + "\", or create the table as an"
									+ " administrator")
					: ex.getSQLState() != null && ex.getSQLState().equals("25006")
							? "the database is read-only (a hot standby, or default_transaction_read_only is on):"
									+ " point Cairn at the primary"
							: ex.getSQLState() != null && ex.getSQLState().equals("3F000")
									? "create schema \"" + this.schema + "\" or allow Cairn to create it"
									: "check the migration user's privileges";
			throw new CairnException("Cannot create history table " + this.qualified + ": " + reason(ex)
					+ " (SQLSTATE " + ex.getSQLState() + "): " + hint + ".", ex);
		}
	}

	private boolean schemaExists(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
			query.setString(1, this.schema);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	/** The insert recording a transactional migration, sent in the same round trip as its SQL. */
	public String insertAppliedSql(Version version, String description, String script, String checksum, String type,
			@Nullable String appliedBy) {
		return insertSql(version, description, script, checksum, type, APPLIED, appliedBy,
				"(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint");
	}

	/** The insert marking a non-transactional migration as started, before its first statement. */
	public String insertInProgressSql(Version version, String description, String script, String checksum, String type,
			@Nullable String appliedBy) {
		return insertSql(version, description, script, checksum, type, IN_PROGRESS, appliedBy, "NULL");
	}

	/** The insert recording a migration as applied without running it (baseline, takeover, force). */
	public String insertRecordedSql(Version version, String description, String script, @Nullable String checksum,
			String type, @Nullable String appliedBy) {
		return insertSql(version, description, script, checksum, type, APPLIED, appliedBy, "0");
	}

	private String insertSql(Version version, String description, String script, @Nullable String checksum,
			String type, String state, @Nullable String appliedBy, String executionMillis) {
		return "INSERT INTO " + this.qualified
				+ " (version, description, script, checksum, type, state, applied_by, execution_ms, cairn_version)"
				+ " VALUES (" + literal(version.toString()) + ", " + literal(description) + ", " + literal(script) + ", "
				+ ((checksum != null) ? literal(checksum) : "NULL") + ", " + literal(type) + ", '" + state + "', "
				+ appliedByExpression(appliedBy) + ", " + executionMillis + ", " + literal(CAIRN_VERSION) + ")";
	}

	/** Marks an applied row as being undone, before a non-transactional down file runs. */
	public String markUndoingSql(Version version) {
		return "UPDATE " + this.qualified + " SET state = '" + UNDOING + "' WHERE version = " + literal(version.toString());
	}

	/** Accepts the current file's name, description and checksum for an applied row. */
	public String realignSql(Version version, String description, String script, String checksum) {
		return "UPDATE " + this.qualified + " SET description = " + literal(description) + ", script = "
				+ literal(script) + ", checksum = " + literal(checksum) + " WHERE version = " + literal(version.toString());
	}

	/** Marks a row applied, as {@code force} does after an operator finished a migration by hand. */
	public String restoreAppliedSql(Version version) {
		return "UPDATE " + this.qualified + " SET state = '" + APPLIED + "', error = NULL WHERE version = "
				+ literal(version.toString());
	}

	public String markAppliedSql(Version version, long executionMillis) {
		return "UPDATE " + this.qualified + " SET state = '" + APPLIED + "', execution_ms = " + executionMillis
				+ " WHERE version = " + literal(version.toString());
	}

	public String markFailedSql(Version version, long executionMillis, String error) {
		return "UPDATE " + this.qualified + " SET state = '" + FAILED + "', execution_ms = " + executionMillis
				+ ", error = " + literal(error) + " WHERE version = " + literal(version.toString());
	}

	public String deleteSql(Version version) {
		return "DELETE FROM " + this.qualified + " WHERE version = " + literal(version.toString());
	}

	/** Runs history writes in one transaction, one round trip: all or nothing. */
	public static void writeAll(Connection connection, List<String> statements) throws SQLException {
		if (statements.isEmpty()) {
			return;
		}
		try (Statement batch = connection.createStatement()) {
			batch.addBatch("BEGIN");
			for (String statement : statements) {
				batch.addBatch(statement);
			}
			batch.addBatch("COMMIT");
			batch.executeBatch();
		}
		catch (SQLException ex) {
			try (Statement rollback = connection.createStatement()) {
				rollback.execute("ROLLBACK");
			}
			catch (SQLException ignored) {
				// the connection is gone; PostgreSQL rolled back
			}
			throw (ex.getNextException() != null) ? ex.getNextException() : ex;
		}
	}

	private static String appliedByExpression(@Nullable String appliedBy) {
		return (appliedBy == null || appliedBy.isEmpty()) ? "current_user" : literal(appliedBy);
	}

	/**
	 * An escape-string literal: correct whatever {@code standard_conforming_strings} is, so
	 * values can travel in one batch with the migration's own statements.
	 */
	public static String literal(String value) {
		StringBuilder literal = new StringBuilder(value.length() + 4).append("E'");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\'') {
				literal.append('\\');
			}
			if (c != 0) {
				literal.append(c);
			}
		}
		return literal.append('\'').toString();
	}

	private static String cairnVersion() {
		String version = HistoryTable.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
