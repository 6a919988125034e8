package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Problem;
import dev.cairn.core.internal.migration.InvalidMigrationException;
import dev.cairn.core.internal.migration.SnapshotMigration;
import dev.cairn.core.internal.plan.PendingMigration;
import dev.cairn.core.internal.plan.Plan;
import dev.cairn.core.internal.plan.Planner;

/**
 * The initial-schema shortcut: on an empty database a track's snapshot runs instead of the
 * versioned migrations up to its version, which it records as applied. "Empty" means no history
 * (no rows, nothing a takeover or baseline would start it with) and none of the track's objects:
 * nothing in the history table's schema but the history table itself and what extensions own
 * (relations, functions, types and domains), checked with one catalog query, and only on a
 * first run with a snapshot on disk.
 */
final class InitialSchema {

	/** The first object of the schema that is neither the history table nor an extension's, if any. */
	private static final String FIRST_OBJECT = "SELECT what FROM ("
			+ " SELECT 1 AS k, c.relname AS what, c.oid AS o, 'pg_class'::regclass AS cls FROM pg_catalog.pg_class c"
			+ "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname <> ?"
			+ "  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')"
			+ " UNION ALL SELECT 2, p.proname || '()', p.oid, 'pg_proc'::regclass FROM pg_catalog.pg_proc p"
			+ "  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?"
			+ " UNION ALL SELECT 3, t.typname, t.oid, 'pg_type'::regclass FROM pg_catalog.pg_type t"
			+ "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typtype IN ('e', 'd', 'r')"
			+ ") objects WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = objects.cls"
			+ " AND d.objid = objects.o AND d.deptype = 'e') ORDER BY k, what LIMIT 1";

	private InitialSchema() {
	}

	/**
	 * The plan of a first run with a snapshot: the snapshot first, then the versioned migrations
	 * above its version, then the repeatables; the covered migrations listed as pending by the
	 * snapshot. On a database that has objects already, the plan gets an error instead.
	 */
	static Plan plan(Plan plan, SnapshotMigration snapshot, Planner planner, Connection connection,
			CairnConfiguration configuration) {
		String object = firstObject(connection, configuration);
		List<Problem> problems = new ArrayList<>(plan.problems());
		if (object != null) {
			problems.add(0, Problem.error(Problem.Kind.INVALID_HISTORY_ROW, snapshot.version(),
					List.of(snapshot.displayName()), snapshot.displayName() + ": history is empty, but schema \""
							+ configuration.schema() + "\" is not (it has " + object + "), so the snapshot cannot install"
							+ " it: a snapshot only installs an empty database. Record what the database has with a"
							+ " baseline (cairn.baseline-on-migrate), or empty the schema; or delete the snapshot to run"
							+ " the migrations one by one"));
			return new Plan(plan.track(), plan.historyTable(), plan.migrations(), plan.pending(), problems);
		}
		List<PendingMigration> pending = new ArrayList<>();
		try {
			pending.add(new PendingMigration(planner.substituted(snapshot.prepare()), false, false));
		}
		catch (InvalidMigrationException ex) {
			problems.add(Problem.error(Problem.Kind.INVALID_SCRIPT, snapshot.version(), List.of(snapshot.displayName()),
					ex.getMessage()));
		}
		for (PendingMigration each : plan.pending()) {
			if (each.repeatable() || each.migration().version().compareTo(snapshot.version()) > 0) {
				pending.add(each);
			}
		}
		// Files below the snapshot are not run, so problems with their contents do not stop it.
		problems.removeIf((problem) -> problem.kind() == Problem.Kind.INVALID_SCRIPT && problem.version() != null
				&& problem.version().compareTo(snapshot.version()) <= 0);
		List<MigrationInfo> infos = new ArrayList<>();
		for (MigrationInfo info : plan.migrations()) {
			boolean covered = info.version() != null && info.state() == MigrationState.PENDING
					&& info.version().compareTo(snapshot.version()) <= 0;
			infos.add(covered ? new MigrationInfo(info.version(), info.description(), info.script(), MigrationType.SNAPSHOT,
					info.state(), info.checksum(), false, info.undoable(), null) : info);
		}
		return new Plan(plan.track(), plan.historyTable(), infos, pending, problems);
	}

	private static @Nullable String firstObject(Connection connection, CairnConfiguration configuration) {
		try (PreparedStatement query = connection.prepareStatement(FIRST_OBJECT)) {
			query.setString(1, configuration.schema());
			query.setString(2, configuration.table());
			query.setString(3, configuration.schema());
			query.setString(4, configuration.schema());
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + configuration.track() + "': cannot check whether schema \""
					+ configuration.schema() + "\" is empty for the snapshot: " + ex.getMessage() + " (SQLSTATE "
					+ ex.getSQLState() + ")", ex);
		}
	}

}
