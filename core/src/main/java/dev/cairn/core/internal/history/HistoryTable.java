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
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

import dev.cairn.core.TrackSettings;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.LockTimeoutException;
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

	/**
	 * The longest status and validate wait for another session's lock on the table (or the
	 * lock timeout, if shorter): they answer health checks and endpoints, so they name the
	 * session in the way rather than wait for it.
	 */
	private static final Duration READ_LOCK_WAIT = Duration.ofSeconds(1);

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String QUERY_CANCELED = "57014";

	/**
	 * Beyond the lock wait, how long Cairn's own statements may run: a history of any size is
	 * read in far less; only a server that stopped answering takes longer.
	 */
	private static final Duration STATEMENT_MARGIN = Duration.ofSeconds(30);

	/** Tables (plain or partitioned) whose schema and name equal the configured ones but for case. */
	private static final String CASE_VARIANTS = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
			+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
			+ " AND lower(n.nspname) = lower(?) AND lower(c.relname) = lower(?) AND NOT (n.nspname = ? AND c.relname = ?)"
			+ " ORDER BY 1, 2";

	private static final List<String> REQUIRED = List.of("version", "description", "script", "type", "state",
			"applied_at", "applied_by");

	// Every message names the track: a service with several tracks has several history tables.
	private final String track;

	private final String schema;

	private final String table;

	private final String qualified;

	private final boolean createSchema;

	private final Duration lockTimeout;

	private final String select;

	private final String summarySelect;

	public HistoryTable(TrackSettings track) {
		this.track = "Track '" + track.name() + "': ";
		this.schema = track.schema();
		this.table = track.table();
		this.qualified = track.qualifiedTable();
		this.createSchema = track.createSchema();
		this.lockTimeout = track.lockTimeout();
		// applied_at as microseconds since the epoch: parsing 1000 timestamps cost more than the rest of
		// the read on a cold start. Not finite (edited by hand) reads as missing.
		this.select = "SELECT version, description, script, checksum, type, state,"
				+ " CASE WHEN isfinite(applied_at) THEN (extract(epoch FROM applied_at) * 1000000)::bigint END,"
				+ " applied_by, execution_ms, applied_order, cairn_version, error FROM " + this.qualified
				+ " ORDER BY applied_order";
		this.summarySelect = "SELECT " + HistorySummary.SELECT + " FROM " + this.qualified;
	}

	public String qualifiedName() {
		return this.qualified;
	}

	/**
	 * Reads every row, waiting for another session's lock on the table no longer than the lock
	 * timeout; a missing table reads as empty and is not created.
	 * @throws LockTimeoutException naming the session whose lock kept the table from being read
	 * @throws CairnConfigurationException when the table is missing but one whose name differs
	 * only in case exists
	 */
	public List<HistoryRow> read(Connection connection) {
		return read(connection, this.lockTimeout);
	}

	/**
	 * Reads every row as {@link #read(Connection)} does, waiting at most {@code lockWait} (what
	 * is left of the lock timeout) for a lock on the table.
	 */
	public List<HistoryRow> read(Connection connection, Duration lockWait) {
		return read(connection, lockWait, "the lock timeout (" + this.lockTimeout + ")");
	}

	/**
	 * Reads every row as {@link #read(Connection)} does, for status and validate, which answer
	 * health checks and endpoints: waits for a lock on the table no longer than
	 * {@link #READ_LOCK_WAIT} (or the lock timeout, if shorter), then names who holds it.
	 */
	public List<HistoryRow> readWithoutWaiting(Connection connection) {
		Duration wait = (this.lockTimeout.compareTo(READ_LOCK_WAIT) < 0) ? this.lockTimeout : READ_LOCK_WAIT;
		return read(connection, wait, wait + " (status and validate never wait longer)");
	}

	private List<HistoryRow> read(Connection connection, Duration lockWait, String limit) {
		return read(connection, lockWait, limit, false).rows();
	}

	private Access read(Connection connection, Duration lockWait, String limit, boolean withPrivileges) {
		return read(connection, lockWait, limit, withPrivileges, false);
	}

	private Access read(Connection connection, Duration lockWait, String limit, boolean withPrivileges,
			boolean summary) {
		try {
			return select(connection, lockWait, withPrivileges, summary);
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState()) || INVALID_SCHEMA.equals(ex.getSQLState())) {
				refuseCaseVariant(connection);
				return new Access(List.of(), List.of());
			}
			if (summary && ex.getSQLState() != null
					&& (ex.getSQLState().startsWith("42") || ex.getSQLState().startsWith("22"))) {
				// A table of another shape (another tool's, or edited): the read of the rows says what is wrong with it.
				return read(connection, lockWait, limit, true, false);
			}
			throw readFailure(connection, ex, lockWait, limit);
		}
	}

	/**
	 * What a migrate run reads under the lock: the rows, and the history privileges the
	 * migration user lacks (empty when it may write), so a run that cannot record what it
	 * applies stops before applying anything.
	 *
	 * @param rows every row, empty when the table is missing; {@code null} when the summary was read
	 * instead and the table exists
	 * @param missing the privileges among INSERT, UPDATE and DELETE the user lacks on the table
	 * @param summary history's counts and hash sum ({@link #readSummary}), {@code null} when the rows were read
	 */
	public record Access(@Nullable List<HistoryRow> rows, List<String> missing, @Nullable HistorySummary summary) {

		public Access(List<HistoryRow> rows, List<String> missing) {
			this(rows, missing, null);
		}

	}

	/**
	 * Reads every row as {@link #read(Connection, Duration)} does, and in the same round trip
	 * (one more statement in the message) which of INSERT, UPDATE and DELETE the user lacks on
	 * the table.
	 */
	public Access readWithAccess(Connection connection, Duration lockWait) {
		return read(connection, lockWait, "the lock timeout (" + this.lockTimeout + ")", true);
	}

	/**
	 * Reads the {@link HistorySummary} instead of the rows: the first read of a migrate run, which
	 * a service that is up to date needs no other (so it does not ask for privileges either: only
	 * a run that writes needs them, and it reads the rows with them). Waits for locks on the
	 * table and fails as the read of the rows does; a missing table reads as empty rows.
	 */
	public Access readSummary(Connection connection, Duration lockWait) {
		return read(connection, lockWait, "the lock timeout (" + this.lockTimeout + ")", false, true);
	}

	/**
	 * Reads the summary as {@link #readSummary} does, after {@code first} (a statement of one
	 * row, handed to {@code firstRow}) in the same transaction and round trip: a migrate run's
	 * first poll for the lock rides with it, so a restart with nothing to do reads history and
	 * takes the lock at the cost of one read. The transaction is READ COMMITTED whatever the
	 * database's default, so the summary's snapshot is taken after {@code first} has run.
	 * @return the summary, or {@code null} when the table is missing or not of Cairn's shape:
	 * then {@code first}'s row was lost with the batch, and the caller reads as usual
	 * @throws CairnException as {@link #readSummary} fails for everything else (a lock on the
	 * table, a timeout, a lost connection); {@code first}'s row is lost then too
	 */
	public @Nullable Access readSummaryAfter(Connection connection, Duration lockWait, String first, RowReader firstRow) {
		try {
			return select(connection, lockWait, false, true, first, firstRow);
		}
		catch (SQLException ex) {
			String state = ex.getSQLState();
			if (!closed(connection) && state != null
					&& (state.startsWith("42") || state.startsWith("22") || INVALID_SCHEMA.equals(state))) {
				return null;
			}
			throw readFailure(connection, ex, lockWait, "the lock timeout (" + this.lockTimeout + ")");
		}
	}

	/** Reads the one row of a statement sent with a history read. */
	@FunctionalInterface
	public interface RowReader {

		void read(ResultSet row) throws SQLException;

	}

	/**
	 * Reads every row, creating the table first if it does not exist. The caller holds the
	 * lock, so creation never races another instance.
	 */
	public List<HistoryRow> readOrCreate(Connection connection) {
		try {
			return Objects.requireNonNull(select(connection, this.lockTimeout, false, false).rows());
		}
		catch (SQLException ex) {
			if (!UNDEFINED_TABLE.equals(ex.getSQLState()) && !INVALID_SCHEMA.equals(ex.getSQLState())) {
				throw readFailure(connection, ex, this.lockTimeout, "the lock timeout (" + this.lockTimeout + ")");
			}
		}
		refuseCaseVariant(connection);
		create(connection);
		return List.of();
	}

	/**
	 * The select in a transaction of its own with Cairn's own {@code lock_timeout} and
	 * {@code statement_timeout} (SET LOCAL: gone at its end, whatever the session or role sets,
	 * and never seen by a migration's statements), all in the one round trip the select costs
	 * anyway: a session holding a lock on the table (an open transaction after {@code LOCK
	 * TABLE}, a {@code TRUNCATE}, an {@code ALTER}) cannot make a run, status or health check
	 * hang.
	 */
	private Access select(Connection connection, Duration lockWait, boolean withPrivileges, boolean summary)
			throws SQLException {
		return select(connection, lockWait, withPrivileges, summary, null, null);
	}

	private Access select(Connection connection, Duration lockWait, boolean withPrivileges, boolean summary,
			@Nullable String first, @Nullable RowReader firstRow) throws SQLException {
		long lockMillis = millis(lockWait);
		String table = literal(this.qualified);
		String privileges = withPrivileges ? "SELECT pg_catalog.has_table_privilege(" + table + ", 'INSERT'),"
				+ " pg_catalog.has_table_privilege(" + table + ", 'UPDATE'), pg_catalog.has_table_privilege(" + table
				+ ", 'DELETE'); " : "";
		// READ COMMITTED: every statement's snapshot is taken when it starts, after the lock was taken.
		String sql = "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = " + lockMillis
				+ "; SET LOCAL statement_timeout = " + (lockMillis + STATEMENT_MARGIN.toMillis()) + "; "
				+ ((first != null) ? first + "; " : "") + privileges + (summary ? this.summarySelect : this.select)
				+ "; COMMIT";
		try (Statement statement = connection.createStatement()) {
			List<String> missing = new ArrayList<>();
			List<HistoryRow> rows = null;
			HistorySummary read = null;
			boolean privilegesRead = !withPrivileges;
			RowReader before = firstRow;
			// The driver has read every result, COMMIT's too: the transaction is over whatever the rows hold.
			for (boolean isResult = statement.execute(sql); isResult || statement.getUpdateCount() != -1;
					isResult = statement.getMoreResults()) {
				if (!isResult) {
					continue;
				}
				try (ResultSet result = statement.getResultSet()) {
					if (before != null) {
						before.read(result);
						before = null;
					}
					else if (!privilegesRead) {
						privilegesRead = true;
						result.next();
						for (int i = 1; i <= 3; i++) {
							if (!result.getBoolean(i)) {
								missing.add(List.of("INSERT", "UPDATE", "DELETE").get(i - 1));
							}
						}
					}
					else if (summary) {
						result.next();
						read = new HistorySummary(result.getLong(1), result.getLong(2), result.getString(3));
					}
					else {
						rows = rows(result);
					}
				}
			}
			if (rows == null && read == null) {
				throw new SQLException("The history query returned no rows result");
			}
			return new Access(rows, missing, read);
		}
		catch (SQLException ex) {
			rollbackQuietly(connection);
			throw ex;
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
				throw new CairnException(this.track + "History table " + this.qualified + " has a row"
						+ ((version != null) ? " for version '" + version + "'" : "") + " without " + REQUIRED.get(i)
						+ ", which Cairn's history table never leaves empty: the table was not created by Cairn or was"
						+ " edited by hand. Correct or delete that row, or configure a different table name for Cairn.");
			}
		}
	}

	/** PostgreSQL's {@code lock_timeout} takes milliseconds, and 0 would mean "wait forever". */
	private static long millis(Duration wait) {
		return Math.max(1, Math.min(Integer.MAX_VALUE - STATEMENT_MARGIN.toMillis(), wait.toMillis()));
	}

	private static String quoted(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	static void rollbackQuietly(Connection connection) {
		try (Statement rollback = connection.createStatement()) {
			rollback.execute("ROLLBACK");
		}
		catch (SQLException ignored) {
			// the connection is gone; PostgreSQL rolled back
		}
	}

	/**
	 * A missing history table whose name differs only in case from an existing one is a
	 * mistake, not a new track: {@code cairn.schema=Public} against a database migrated with
	 * {@code public} would start a second, empty history and apply every migration again.
	 * Asked only when the table is missing (first run, or that mistake), so the no-op path never
	 * pays for it.
	 */
	private void refuseCaseVariant(Connection connection) {
		List<String> found = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(CASE_VARIANTS)) {
			query.setString(1, this.schema);
			query.setString(2, this.table);
			query.setString(3, this.schema);
			query.setString(4, this.table);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					found.add(quoted(result.getString(1)) + "." + quoted(result.getString(2)));
				}
			}
		}
		catch (SQLException ex) {
			throw readFailure(connection, ex, this.lockTimeout, "the lock timeout (" + this.lockTimeout + ")");
		}
		if (found.isEmpty()) {
			return;
		}
		throw new CairnConfigurationException(this.track + "History table " + this.qualified + " does not exist, but "
				+ String.join(" and ", found) + ((found.size() == 1) ? " does" : " do") + ": the names differ only in"
				+ " case. PostgreSQL folds unquoted names to lower case and Cairn uses the configured names exactly,"
				+ " so it would start a second, empty history and apply every migration again. Configure the schema"
				+ " and table exactly as the existing history is named (cairn.schema, cairn.table), or rename that"
				+ " table if a separate history is really meant. Nothing was changed.");
	}

	private CairnException readFailure(Connection connection, SQLException ex, Duration lockWait, String limit) {
		if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState()) || QUERY_CANCELED.equals(ex.getSQLState())) {
			return Blockers.timedOut(connection, this.qualified, Blockers.BLOCKS_READS, lockWait, limit, reason(ex));
		}
		if (UNDEFINED_COLUMN.equals(ex.getSQLState())) {
			return new CairnException(this.track + "History table " + this.qualified + " exists but is not a Cairn history table ("
					+ reason(ex) + "). Another tool may own a table of that name: configure a different"
					+ " table name for Cairn, or rename the existing table.", ex);
		}
		String reason = reason(ex);
		if (reason != null && reason.contains("statement pooling mode")) {
			return new CairnException(this.track + "Cannot read history table " + this.qualified + ": a connection"
					+ " pooler in statement mode (PgBouncer pool_mode = statement) refused the transaction the read runs"
					+ " in (" + reason + "). Cairn needs a session of its own for its lock and a transaction per"
					+ " migration: set cairn.url to PostgreSQL itself, or to a pool in session mode. Nothing was"
					+ " changed.", ex);
		}
		if (ex.getSQLState() != null && ex.getSQLState().startsWith("08")) {
			return closedWhileReading(ex, reason, ex.getSQLState());
		}
		if (closed(connection)) {
			// A pooler in statement mode answers the read's transaction by closing the connection, after the error of
			// whatever statement it reached.
			return closedWhileReading(ex, reason + ", and the connection was closed", "08003");
		}
		return new CairnException(this.track + "Cannot read history table " + this.qualified + ": " + reason
				+ " (SQLSTATE " + ex.getSQLState() + "). Check that the migration user may read it.", ex);
	}

	private CairnException closedWhileReading(SQLException ex, @Nullable String reason, String state) {
		return new CairnException(this.track + "Cannot read history table " + this.qualified + ": the connection"
				+ " was closed while reading it (" + reason + ", SQLSTATE " + state + "). Check that the"
				+ " server is up; a connection pooler in statement mode (PgBouncer pool_mode = statement) also"
				+ " closes a connection on the transaction this read runs in: then set cairn.url to PostgreSQL"
				+ " itself, or to a pool in session mode. Nothing was changed.", ex);
	}

	private static boolean closed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
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
			throw new CairnException(this.track + "Cannot create history table " + this.qualified + ": " + reason(ex)
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
		return insertAppliedSql(version.toString(), description, script, checksum, type, appliedBy);
	}

	/** As {@link #insertAppliedSql(Version, String, String, String, String, String)}, keyed by any text (a repeatable's). */
	public String insertAppliedSql(String key, String description, String script, String checksum, String type,
			@Nullable String appliedBy) {
		return insertSql(key, description, script, checksum, type, APPLIED, appliedBy,
				"(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint");
	}

	/** The insert marking a non-transactional migration as started, before its first statement. */
	public String insertInProgressSql(Version version, String description, String script, String checksum, String type,
			@Nullable String appliedBy) {
		return insertSql(version.toString(), description, script, checksum, type, IN_PROGRESS, appliedBy, "NULL");
	}

	/** The insert recording a migration as applied without running it (baseline, takeover, force). */
	public String insertRecordedSql(Version version, String description, String script, @Nullable String checksum,
			String type, @Nullable String appliedBy) {
		return insertSql(version.toString(), description, script, checksum, type, APPLIED, appliedBy, "0");
	}

	private String insertSql(String key, String description, String script, @Nullable String checksum,
			String type, String state, @Nullable String appliedBy, String executionMillis) {
		return guarded("INSERT INTO " + this.qualified
				+ " (version, description, script, checksum, type, state, applied_by, execution_ms, cairn_version)"
				+ " VALUES (" + literal(key) + ", " + literal(description) + ", " + literal(script) + ", "
				+ ((checksum != null) ? literal(checksum) : "NULL") + ", " + literal(type) + ", '" + state + "', "
				+ appliedByExpression(appliedBy) + ", " + executionMillis + ", " + literal(CAIRN_VERSION) + ")");
	}

	/** Marks an applied row as being undone, before a non-transactional down file runs. */
	public String markUndoingSql(Version version) {
		return guarded("UPDATE " + this.qualified + " SET state = '" + UNDOING + "' WHERE version = " + literal(version.toString()));
	}

	/** Accepts the current file's name, description and checksum for an applied row. */
	public String realignSql(Version version, String description, String script, String checksum) {
		return guarded("UPDATE " + this.qualified + " SET description = " + literal(description) + ", script = "
				+ literal(script) + ", checksum = " + literal(checksum) + " WHERE version = " + literal(version.toString()));
	}

	/** Marks a row applied, as {@code force} does after an operator finished a migration by hand. */
	public String restoreAppliedSql(Version version) {
		return guarded("UPDATE " + this.qualified + " SET state = '" + APPLIED + "', error = NULL WHERE version = "
				+ literal(version.toString()));
	}

	public String markAppliedSql(Version version, long executionMillis) {
		return guarded("UPDATE " + this.qualified + " SET state = '" + APPLIED + "', execution_ms = " + executionMillis
				+ " WHERE version = " + literal(version.toString()));
	}

	public String markFailedSql(Version version, long executionMillis, String error) {
		return guarded("UPDATE " + this.qualified + " SET state = '" + FAILED + "', execution_ms = " + executionMillis
				+ ", error = " + literal(error) + " WHERE version = " + literal(version.toString()));
	}

	public String deleteSql(Version version) {
		return guarded("DELETE FROM " + this.qualified + " WHERE version = " + literal(version.toString()));
	}

	/**
	 * A history write bounded by the track's lock timeout, however long the session's or
	 * role's own {@code lock_timeout} is: as a {@code DO} block, so that its {@code set_config}
	 * (transaction-local, gone at commit, so a migration never sees it) runs before the write
	 * locks the table, all in the one statement the write costs anyway, inside the migration's
	 * transaction as well as on its own. When another session holds the table, the error names
	 * it (pid, application, lock mode; never its query text).
	 */
	private String guarded(String write) {
		String body = ("BEGIN PERFORM pg_catalog.set_config('lock_timeout', '" + millis(this.lockTimeout) + "', true);"
				+ " " + write + "; EXCEPTION WHEN lock_not_available THEN RAISE EXCEPTION USING ERRCODE = 'lock_not_available',"
				+ " MESSAGE = 'Could not write history table " + this.qualified.replace("'", "''") + " within "
				+ this.lockTimeout + ": ' || coalesce((SELECT string_agg(format('pid %s (application %L) holds %s on it',"
				+ " l.pid, a.application_name, l.mode), '; ') FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a"
				+ " ON a.pid = l.pid WHERE l.locktype = 'relation' AND l.relation = to_regclass(" + literal(this.qualified)
				+ ") AND l.granted AND l.pid <> pg_backend_pid() AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock',"
				+ " 'ExclusiveLock', 'AccessExclusiveLock')), 'the session that locked it released it just now')"
				+ " || '. Another session keeps the table locked, usually an open transaction: end it, and start again;"
				+ " or raise the lock timeout.'; END");
		// Dollar-quoted, so the write's own literals reach the server exactly as they are; a tag the body never contains.
		String tag = "$cairn$";
		for (int i = 1; body.contains(tag); i++) {
			tag = "$cairn" + i + "$";
		}
		return "DO " + tag + body + tag;
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
