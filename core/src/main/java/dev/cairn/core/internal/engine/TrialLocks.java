package dev.cairn.core.internal.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.cairn.core.DryRunResult;

/**
 * The table locks a dry run's transaction holds, read from {@code pg_locks} after each
 * migration's trial and before anything is rolled back: a lock is listed under the first
 * migration that held it (a transaction keeps its locks to the end, so later migrations show
 * only what they add). Locks held before the first trial (Cairn's own) are left out, and so is
 * the history table.
 */
final class TrialLocks {

	/** The modes that stop the application on a big table: reads and writes, or writes. */
	private static final Set<String> STRONG = Set.of("AccessExclusiveLock", "ShareLock");

	private static final String QUERY = "SELECT l.relation::pg_catalog.regclass::text, l.mode,"
			+ " pg_catalog.pg_total_relation_size(l.relation) FROM pg_catalog.pg_locks l"
			+ " JOIN pg_catalog.pg_class c ON c.oid = l.relation"
			+ " WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
			+ " AND c.relkind IN ('r', 'p', 'm') AND c.relnamespace <> 'pg_catalog'::pg_catalog.regnamespace"
			+ " AND l.relation IS DISTINCT FROM pg_catalog.to_regclass(";

	private final long largeTableBytes;

	private final String historyTable;

	private final Set<String> seen = new HashSet<>();

	TrialLocks(long largeTableBytes, String historyTable) {
		this.largeTableBytes = largeTableBytes;
		this.historyTable = historyTable;
	}

	/** Remembers what is held before the first trial. */
	void start(Statement statement) throws SQLException {
		for (DryRunResult.LockTaken lock : read(statement)) {
			this.seen.add(lock.relation() + " " + lock.mode());
		}
	}

	/** The locks held now that no earlier trial held. */
	List<DryRunResult.LockTaken> taken(Statement statement) throws SQLException {
		List<DryRunResult.LockTaken> taken = new ArrayList<>();
		for (DryRunResult.LockTaken lock : read(statement)) {
			if (this.seen.add(lock.relation() + " " + lock.mode())) {
				taken.add(lock);
			}
		}
		return taken;
	}

	private List<DryRunResult.LockTaken> read(Statement statement) throws SQLException {
		List<DryRunResult.LockTaken> locks = new ArrayList<>();
		String literal = "'" + this.historyTable.replace("'", "''") + "'";
		try (ResultSet result = statement.executeQuery(QUERY + literal + ") ORDER BY 1, 2")) {
			while (result.next()) {
				String mode = result.getString(2);
				long bytes = result.getLong(3);
				locks.add(new DryRunResult.LockTaken(result.getString(1), mode, bytes,
						STRONG.contains(mode) && bytes >= this.largeTableBytes));
			}
		}
		return locks;
	}

}
