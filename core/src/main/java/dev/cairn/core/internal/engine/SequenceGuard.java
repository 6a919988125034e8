package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a dry run changes that its ROLLBACK does not undo, put back afterwards.
 *
 * <ul>
 * <li>Sequences: {@code nextval} and {@code setval} are never rolled back. Every sequence the
 * run may read is read as the dry run's transaction starts and again just before its rollback;
 * after the rollback, a sequence the dry run moved is set back only if it still holds what the
 * dry run left: one the live application used in between keeps the application's value (and
 * is named in the log), since setting it back could hand out a value twice.</li>
 * <li>Session advisory locks the migrations took: released, all but Cairn's own, so a pooled
 * connection does not keep them.</li>
 * </ul>
 * Costs two round trips per dry run (a read at the start and one before the rollback), one
 * more after it when a sequence moved plus one per sequence set back, and one for advisory
 * locks; none on migrate's path.
 */
final class SequenceGuard {

	/**
	 * Every sequence the migration user may read, with its state, in one round trip. The server
	 * reads each one ({@code query_to_xml} over its oid), so no name travels in Cairn's SQL;
	 * the CASE keeps the planner from testing the privilege on anything but a sequence.
	 */
	private static final String SEQUENCES = "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
			+ " has_sequence_privilege(c.oid, 'UPDATE'), query_to_xml('SELECT last_value, is_called FROM '"
			+ " || c.oid::regclass::text, false, false, '')::text FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S'"
			+ " AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'SELECT') END";

	private static final Pattern LAST_VALUE = Pattern.compile("<last_value>(-?\\d+)</last_value>");

	private static final Pattern IS_CALLED = Pattern.compile("<is_called>(true|false)</is_called>");

	/**
	 * Session advisory locks of this backend that are not Cairn's ({@code classid} "CAIR", the
	 * lock, or "CAIW", the guard, with two keys), and whether each is shared.
	 */
	private static final String ADVISORY = "SELECT classid::bigint, objid::bigint, objsubid, mode = 'ShareLock'"
			+ " FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted"
			+ " AND NOT (objsubid = 2 AND classid IN (1128352082::bigint::oid, 1128352087::bigint::oid))";

	private final Connection connection;

	private Map<Long, State> before = Map.of();

	private Map<Long, State> left = Map.of();

	SequenceGuard(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Called first thing inside the dry run's transaction.
	 * @return why sequences cannot be guarded, or {@code null} when they are
	 */
	@Nullable String start(Statement statement) throws SQLException {
		statement.execute("SAVEPOINT cairn_sequences");
		try {
			this.before = read(statement);
			return null;
		}
		catch (SQLException ex) {
			statement.execute("ROLLBACK TO SAVEPOINT cairn_sequences");
			return "sequences could not be read before the dry run (" + ex.getMessage() + "), so any a migration"
					+ " moved with nextval or setval stay moved";
		}
	}

	/** Called last thing inside the dry run's transaction, before its rollback (which may have failed). */
	void beforeRollback(Statement statement) throws SQLException {
		statement.execute("SAVEPOINT cairn_sequences");
		try {
			this.left = read(statement);
		}
		catch (SQLException ex) {
			// A migration broke what the read needs: nothing is known to have moved.
			statement.execute("ROLLBACK TO SAVEPOINT cairn_sequences");
			this.left = Map.of();
		}
	}

	/**
	 * Called after the rollback: sets back the sequences the dry run moved and nobody used since.
	 * @return sentences about what could not be set back, empty if all was
	 */
	List<String> restore(Statement statement) throws SQLException {
		List<String> notes = new ArrayList<>();
		releaseAdvisoryLocks(statement);
		List<State> moved = new ArrayList<>();
		List<State> unseen = new ArrayList<>();
		for (State was : this.before.values()) {
			State leftByDryRun = this.left.get(was.oid());
			if (leftByDryRun == null) {
				unseen.add(was); // dropped, or made unreadable, by a migration: compare with now only
			}
			else if (!was.sameValue(leftByDryRun)) {
				moved.add(was);
			}
		}
		if (moved.isEmpty() && unseen.isEmpty()) {
			return notes;
		}
		Map<Long, State> now = read(statement);
		for (State was : unseen) {
			State current = now.get(was.oid());
			if (current != null && !current.sameValue(was)) {
				notes.add("sequence " + was.name() + " moved from " + was.lastValue() + " to " + current.lastValue()
						+ " while a migration had dropped it in the dry run, so whether the dry run or the application"
						+ " moved it cannot be told: it was left as it is; if only the dry run used it, SELECT setval('"
						+ was.name().replace("'", "''") + "', " + was.lastValue() + ", " + was.called() + ")");
			}
		}
		for (State was : moved) {
			State leftByDryRun = this.left.get(was.oid());
			State current = now.get(was.oid());
			if (current != null && current.sameValue(was)) {
				continue; // the rollback undid it (ALTER SEQUENCE is transactional)
			}
			if (current == null || !current.sameValue(leftByDryRun)) {
				notes.add("sequence " + was.name() + " was moved by the dry run and used since (it is at "
						+ ((current != null) ? current.lastValue() : "?") + "), so it was left as it is");
			}
			else if (!was.updatable()) {
				notes.add("sequence " + was.name() + " was moved by the dry run from " + was.lastValue() + " to "
						+ leftByDryRun.lastValue() + " and the migration user may not set it back: SELECT setval('"
						+ was.name().replace("'", "''") + "', " + was.lastValue() + ", " + was.called() + ")");
			}
			else {
				// Only if still what the dry run left, checked and set in one statement (by oid: no name in the SQL).
				statement.execute("SELECT setval(" + was.oid() + "::oid::regclass, " + was.lastValue() + ", "
						+ was.called() + ") WHERE pg_sequence_last_value(" + was.oid() + "::oid::regclass) "
						+ (leftByDryRun.called() ? "= " + leftByDryRun.lastValue() : "IS NULL"));
			}
		}
		return notes;
	}

	private void releaseAdvisoryLocks(Statement statement) throws SQLException {
		List<String> unlocks = new ArrayList<>();
		try (ResultSet result = statement.executeQuery(ADVISORY)) {
			while (result.next()) {
				long classId = result.getLong(1);
				long objId = result.getLong(2);
				String unlock = result.getBoolean(4) ? "pg_advisory_unlock_shared(" : "pg_advisory_unlock(";
				unlocks.add((result.getInt(3) == 1) ? unlock + ((classId << 32) | objId) + ")"
						: unlock + (int) classId + ", " + (int) objId + ")");
			}
		}
		if (!unlocks.isEmpty()) {
			// A lock taken n times is held n times: unlock until it is gone.
			statement.execute("SELECT " + String.join(", ", unlocks));
			releaseAdvisoryLocks(statement);
		}
	}

	private Map<Long, State> read(Statement statement) throws SQLException {
		Map<Long, State> states = new LinkedHashMap<>();
		try (ResultSet result = statement.executeQuery(SEQUENCES)) {
			while (result.next()) {
				String row = String.valueOf(result.getString(4));
				Matcher value = LAST_VALUE.matcher(row);
				Matcher called = IS_CALLED.matcher(row);
				if (value.find() && called.find()) {
					states.put(result.getLong(1), new State(result.getLong(1), result.getString(2), result.getBoolean(3),
							Long.parseLong(value.group(1)), Boolean.parseBoolean(called.group(1))));
				}
			}
		}
		return states;
	}

	/** A sequence's value as {@code setval} takes it. */
	private record State(long oid, String name, boolean updatable, long lastValue, boolean called) {

		boolean sameValue(State other) {
			return other != null && this.lastValue == other.lastValue && this.called == other.called;
		}

	}

}
