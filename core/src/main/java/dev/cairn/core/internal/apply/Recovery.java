package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.migration.SqlMigration;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlScriptParser;
import dev.cairn.core.internal.sql.SqlStatement;

/**
 * Cleans up after a non-transactional migration that a crashed run left in progress, for the
 * {@code ROLLBACK_AND_RETRY} policy. An interrupted {@code CREATE INDEX CONCURRENTLY} leaves
 * an INVALID index ({@code pg_index.indisvalid = false}) that makes the retry fail with
 * "already exists" (or, with {@code IF NOT EXISTS}, silently keeps the broken index), so
 * invalid indexes on the tables the migration indexes are dropped first; then its down file,
 * if any, runs; then its row is removed and it is applied again like any pending migration.
 */
public final class Recovery {

	private static final Logger logger = LoggerFactory.getLogger(Recovery.class);

	private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";

	private static final Pattern CREATE_INDEX = Pattern.compile("CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+"
			+ "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + IDENTIFIER + "\\s+)?ON\\s+(?:ONLY\\s+)?(" + IDENTIFIER + "(?:\\s*\\.\\s*"
			+ IDENTIFIER + ")?)", Pattern.CASE_INSENSITIVE);

	private static final String INVALID = "SELECT i.indexrelid::regclass::text FROM pg_index i"
			+ " WHERE NOT i.indisvalid AND i.indrelid = to_regclass(?)";

	private Recovery() {
	}

	static boolean buildsIndexConcurrently(SqlStatement statement) {
		return statement.sql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY");
	}

	/**
	 * Whether a failed concurrent statement may have left something behind: for
	 * {@code CREATE INDEX CONCURRENTLY}, whether its table now has an invalid index (one that
	 * failed before building, such as on a missing table, left nothing); for other concurrent
	 * statements, always.
	 */
	static boolean mayHaveLeftIndex(Connection connection, SqlStatement statement) {
		Matcher matcher = CREATE_INDEX.matcher(statement.sql());
		if (!matcher.find()) {
			return true;
		}
		try (PreparedStatement query = connection.prepareStatement(INVALID)) {
			query.setString(1, matcher.group(1).replaceAll("\\s+", ""));
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
		catch (SQLException ex) {
			return true;
		}
	}

	/** The tables the script builds indexes on concurrently, as written in the script. */
	static Set<String> indexedTables(SqlScript script) {
		Set<String> tables = new LinkedHashSet<>();
		for (SqlStatement statement : script.statements()) {
			Matcher matcher = CREATE_INDEX.matcher(statement.sql());
			if (matcher.lookingAt() || matcher.find()) {
				tables.add(matcher.group(1).replaceAll("\\s+", ""));
			}
		}
		return tables;
	}

	/** Invalid indexes on the tables the migration indexes concurrently, by qualified name. */
	public static List<String> invalidIndexes(Connection connection, SqlMigration migration) {
		SqlScript script;
		try {
			script = SqlScriptParser.parse(migration.upText());
		}
		catch (RuntimeException ex) {
			return List.of(); // the file is broken too; the plan reports that
		}
		List<String> invalid = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(INVALID)) {
			for (String table : indexedTables(script)) {
				query.setString(1, table);
				try (ResultSet result = query.executeQuery()) {
					while (result.next()) {
						invalid.add(result.getString(1));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new CairnException("Cannot look for invalid indexes left by " + migration.up().displayName() + ": "
					+ ex.getMessage(), ex);
		}
		return invalid;
	}

	static void prepare(WorkSession session, HistoryTable history, SqlMigration migration, ScriptRunner runner,
			String track) {
		Connection connection = session.connection();
		try {
			for (String index : invalidIndexes(connection, migration)) {
				logger.warn("Track '{}': dropping invalid index {} left by the interrupted {}", track, index,
						migration.script());
				ScriptRunner.execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + index);
			}
			if (migration.down() != null) {
				String text = SqlMigration.text(migration.down());
				SqlScript down = SqlScriptParser.parse(text);
				logger.warn("Track '{}': undoing the interrupted {} with {}", track, migration.script(),
						migration.down().name());
				if (down.transactional()) {
					runner.inTransaction(connection, migration.down().displayName(), down.statements(), List.of());
				}
				else {
					runner.withoutTransaction(connection, migration.down().displayName(), down.statements());
				}
			}
			session.writeHistory(history.deleteSql(migration.version()));
			session.wrote(-1);
		}
		catch (ScriptRunner.StatementFailure ex) {
			session.clean();
			ServerError error = ServerError.of(ex.sqlException(), ex.statement(), "", connection);
			throw new MigrationFailedException("Recovering the interrupted " + migration.up().displayName()
					+ " failed: its down file " + migration.down().displayName() + " failed" + error.describe()
					+ "\nThe history row stays in progress. Clean up by hand, then run repair and migrate again.",
					track, migration.version(), migration.up().displayName(), 0, error.sqlState(), error.message(), true,
					ex.sqlException());
		}
		catch (SQLException ex) {
			session.clean();
			throw new CairnException("Recovering the interrupted " + migration.up().displayName() + " failed: "
					+ ex.getMessage() + ". The history row stays in progress; clean up by hand, then run repair.", ex);
		}
	}

}
