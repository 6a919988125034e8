package dev.cairn.core.internal.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Problem;
import dev.cairn.core.Problem.Kind;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.ValidationPolicy;
import dev.cairn.core.Version;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.history.HistoryState;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.InvalidMigrationException;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedMigration;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.migration.RepeatableMigration;
import dev.cairn.core.internal.sql.Placeholders;

/**
 * Compares the migrations on disk with the history rows and decides what a run does. Pure
 * logic: no database access, one pass over each side with hash lookups.
 */
public final class Planner {

	private final CairnConfiguration configuration;

	private final Placeholders placeholders;

	public Planner(CairnConfiguration configuration) {
		this(configuration, null);
	}

	private Planner(CairnConfiguration configuration, @Nullable String user) {
		this.configuration = configuration;
		String by = (configuration.installedBy() != null && !configuration.installedBy().isEmpty())
				? configuration.installedBy() : user;
		this.placeholders = Placeholders.of(configuration.trackSettings().placeholders(), configuration.schema(),
				configuration.table(), configuration.track(), by);
	}

	/**
	 * This planner for a run as {@code user}, the value of {@code ${cairn:user}} (unless
	 * {@code installedBy} is set, which history records as the user too).
	 */
	public Planner forUser(@Nullable String user) {
		return new Planner(this.configuration, user);
	}

	/** The placeholders pending files are read with. */
	public Placeholders placeholders() {
		return this.placeholders;
	}

	/**
	 * Reads a migration's down file as rollback runs it: placeholders replaced.
	 * @throws InvalidMigrationException naming the file, the line and what to do
	 */
	public PreparedMigration prepareUndo(Migration migration) {
		return substituted(migration.prepareUndo());
	}

	/** A prepared migration with its placeholders replaced. */
	public PreparedMigration substituted(PreparedMigration prepared) {
		return (prepared instanceof PreparedSql sql) ? sql.substituted(this.placeholders) : prepared;
	}

	public Plan plan(MigrationCatalog catalog, List<HistoryRow> history) {
		return plan(catalog, history, Map.of(), false);
	}

	/**
	 * @param invalidIndexes invalid indexes found on the tables of migrations left in progress
	 * @param everyDownFile whether to check every down file (validate, status) or only those of
	 * the pending migrations (migrate, dry run: the others were checked when they were pending,
	 * and parsing them all would cost every restart)
	 */
	public Plan plan(MigrationCatalog catalog, List<HistoryRow> history, Map<Version, List<String>> invalidIndexes,
			boolean everyDownFile) {
		String table = this.configuration.qualifiedTable();
		List<Problem> problems = new ArrayList<>(catalog.problems());
		Map<Version, HistoryRow> rows = new HashMap<>();
		Map<String, RepeatableRows> repeatableRows = new HashMap<>();
		// A row whose version text is a file's canonical version needs no parsing: on a restart, every row.
		Map<String, Version> onDisk = new HashMap<>(catalog.migrations().size() * 2);
		for (Migration migration : catalog.migrations()) {
			onDisk.put(migration.version().toString(), migration.version());
		}
		for (HistoryRow row : history) {
			String repeatable = RepeatableMigration.nameOfKey(row.version());
			if (repeatable != null) {
				repeatableRows.computeIfAbsent(repeatable, (name) -> new RepeatableRows()).add(row);
				continue;
			}
			try {
				Version known = onDisk.get(row.version());
				Version version = (known != null) ? known : Version.parse(row.version());
				HistoryRow previous = rows.putIfAbsent(version, row);
				if (previous != null) {
					// '2' and '02' are one version: which row is true cannot be decided here.
					problems.add(Problem.error(Kind.INVALID_HISTORY_ROW, version, List.of(row.script()),
							"history table " + table + " has two rows for version " + version + ": '" + previous.version()
									+ "' (" + previous.script() + ") and '" + row.version() + "' (" + row.script()
									+ "); delete the one that does not belong"));
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(Problem.error(Kind.INVALID_HISTORY_ROW, null, List.of(row.script()),
						"history table " + table + " has a row with version '" + row.version() + "' (" + row.script()
								+ ") that is not a version: " + ex.getMessage() + "; correct or delete that row"));
			}
		}
		Version highestApplied = null;
		for (Map.Entry<Version, HistoryRow> entry : rows.entrySet()) {
			if (entry.getValue().state() == HistoryState.APPLIED
					&& (highestApplied == null || entry.getKey().compareTo(highestApplied) > 0)) {
				highestApplied = entry.getKey();
			}
		}
		Version highestOnDisk = catalog.migrations().isEmpty() ? null
				: catalog.migrations().get(catalog.migrations().size() - 1).version();

		List<MigrationInfo> infos = new ArrayList<>();
		List<PendingMigration> pending = new ArrayList<>();
		for (Migration migration : catalog.migrations()) {
			HistoryRow row = rows.remove(migration.version());
			if (row == null) {
				boolean gap = highestApplied != null && migration.version().compareTo(highestApplied) < 0;
				PendingMigration parsed = parse(migration, gap, false, problems);
				if (parsed != null) {
					pending.add(parsed);
				}
				if (gap) {
					policy(this.configuration.gapPolicy(), Kind.GAP, migration.version(), migration, problems,
							display(migration) + ": version " + migration.version() + " is pending below the highest"
									+ " applied version " + highestApplied + " (branches merged in parallel);"
									+ (this.configuration.gapPolicy() == ValidationPolicy.FAIL
											? " allow gaps (gap policy WARN) to apply it, or give it a version above "
													+ highestApplied
											: " it is applied now"));
				}
				MigrationType type = (parsed != null) ? parsed.type() : MigrationType.SQL;
				infos.add(info(migration, null, type, MigrationState.PENDING, gap));
				continue;
			}
			if (row.state() == HistoryState.IN_PROGRESS
					&& this.configuration.recoveryPolicy() == RecoveryPolicy.ROLLBACK_AND_RETRY) {
				PendingMigration parsed = parse(migration, false, true, problems);
				if (parsed != null) {
					pending.add(parsed);
				}
				problems.add(Problem.warning(Kind.IN_PROGRESS, migration.version(), List.of(display(migration)),
						display(migration) + ": version " + migration.version() + " was interrupted while running without"
								+ " a transaction; under the rollback-and-retry policy it is cleaned up"
								+ describeIndexes(invalidIndexes.get(migration.version()), " (invalid indexes dropped: ")
								+ (migration.undoable() ? ", undone with " + migration.undoName() : "")
								+ " and applied again"));
				infos.add(info(migration, row, MigrationType.fromHistoryName(row.type()), MigrationState.IN_PROGRESS,
						false));
				continue;
			}
			infos.add(info(migration, row, MigrationType.fromHistoryName(row.type()),
					compare(migration, row, invalidIndexes.get(migration.version()), problems), false));
		}
		for (Map.Entry<Version, HistoryRow> entry : rows.entrySet()) {
			infos.add(missing(entry.getKey(), entry.getValue(), highestOnDisk, problems));
		}
		if (everyDownFile) {
			for (Migration migration : catalog.migrations()) {
				checkDownFile(migration, problems);
			}
		}
		else {
			for (PendingMigration each : pending) {
				checkDownFile(each.migration(), problems);
			}
		}
		infos.sort(Comparator.comparing(MigrationInfo::version, Comparator.nullsLast(Comparator.naturalOrder())));
		repeatables(catalog, repeatableRows, infos, pending, problems);
		return new Plan(this.configuration.track(), table, infos, pending, problems);
	}

	/**
	 * Repeatables come after every versioned migration, in name order: pending when history has
	 * no applied row for the name, outdated when the latest applied row has another checksum (both
	 * applied by the next run), up to date otherwise. A name in history with no file is listed as
	 * missing without a problem: removing a repeatable is how one stops re-applying it, and its
	 * objects stay until a versioned migration drops them.
	 */
	private void repeatables(MigrationCatalog catalog, Map<String, RepeatableRows> history,
			List<MigrationInfo> infos, List<PendingMigration> pending, List<Problem> problems) {
		for (RepeatableMigration repeatable : catalog.repeatables()) {
			RepeatableRows rows = history.remove(repeatable.name());
			HistoryRow latest = (rows != null) ? rows.latest : null;
			MigrationState state = (latest == null) ? MigrationState.PENDING
					: repeatable.checksum().equals(latest.checksum()) ? MigrationState.UP_TO_DATE : MigrationState.OUTDATED;
			if (state != MigrationState.UP_TO_DATE) {
				PendingMigration parsed = parse(repeatable.application((rows != null) ? rows.highest + 1 : 1), false,
						false, problems);
				if (parsed != null) {
					pending.add(parsed);
				}
			}
			infos.add(new MigrationInfo(null, repeatable.description(), repeatable.script(), MigrationType.REPEATABLE_SQL,
					state, repeatable.checksum(), false, false, (latest != null) ? recorded(latest) : null));
		}
		history.values()
			.stream()
			.map((rows) -> rows.latest)
			.sorted(Comparator.comparing(HistoryRow::script))
			.forEach((row) -> infos.add(new MigrationInfo(null, row.description(), row.script(),
					MigrationType.REPEATABLE_SQL, MigrationState.MISSING, row.checksum(), false, false, recorded(row))));
	}

	/** A repeatable's applied rows: the latest (by applied order) and the highest application number. */
	private static final class RepeatableRows {

		private @Nullable HistoryRow latest;

		private int highest;

		void add(HistoryRow row) {
			this.highest = Math.max(this.highest, RepeatableMigration.applicationOfKey(row.version()));
			if (row.state() == HistoryState.APPLIED && (this.latest == null || row.appliedOrder() > this.latest.appliedOrder())) {
				this.latest = row;
			}
		}

	}

	private MigrationState compare(Migration migration, HistoryRow row, @Nullable List<String> invalidIndexes,
			List<Problem> problems) {
		Version version = migration.version();
		if (row.state() == HistoryState.IN_PROGRESS) {
			problems.add(Problem.error(Kind.IN_PROGRESS, version, List.of(display(migration)), display(migration)
					+ ": version " + version + " was interrupted while running without a transaction (history row"
					+ " in_progress since " + row.appliedAt() + ", by " + row.appliedBy() + ")"
					+ describeIndexes(invalidIndexes, "; it left invalid indexes: ")
					+ ". Either clean up by hand (finish or undo its statements"
					+ (isEmpty(invalidIndexes) ? "" : ", DROP INDEX CONCURRENTLY the invalid indexes")
					+ ") and run repair (or DELETE FROM " + this.configuration.qualifiedTable() + " WHERE version = '"
					+ version + "'), then run"
					+ " again; or set the recovery policy to rollback-and-retry to have Cairn "
					+ retrySteps(invalidIndexes, migration)));
			return MigrationState.IN_PROGRESS;
		}
		if (row.state() == HistoryState.UNDOING) {
			problems.add(Problem.error(Kind.IN_PROGRESS, version, List.of(display(migration)), display(migration)
					+ ": version " + version + " was interrupted while its down file ran without a transaction."
					+ " Finish or revert the undo by hand, then either run repair (the version then counts as not"
					+ " applied) or force it applied"));
			return MigrationState.IN_PROGRESS;
		}
		if (row.state() == HistoryState.FAILED) {
			problems.add(Problem.error(Kind.FAILED, version, List.of(display(migration)), display(migration)
					+ ": version " + version + " failed part-way without a transaction (" + row.error() + "). Check the"
					+ " database, finish or undo its statements by hand, then delete the row with DELETE FROM "
					+ this.configuration.qualifiedTable()
					+ " WHERE version = '" + version + "' and run again"));
			return MigrationState.FAILED;
		}
		if (row.state() != HistoryState.APPLIED) {
			problems.add(Problem.error(Kind.INVALID_HISTORY_ROW, version, List.of(display(migration)),
					"history table " + this.configuration.qualifiedTable() + " has version " + version + " in state '"
							+ row.storedState()
							+ "', which this version of Cairn does not know (written by Cairn " + row.cairnVersion()
							+ "?): upgrade Cairn or correct the row"));
			return MigrationState.FAILED;
		}
		if (!fileName(row.script()).equals(migration.identity())) {
			problems.add(Problem.error(Kind.RENAMED, version, List.of(display(migration)), display(migration)
					+ ": version " + version + " was applied as " + row.script() + " (" + row.description() + ");"
					+ " renaming an applied migration hides what ran: restore the old name"));
			return MigrationState.RENAMED;
		}
		if (row.checksum() != null && !row.checksum().equals(migration.checksum())) {
			policy(this.configuration.driftPolicy(), Kind.DRIFT, version, migration, problems, display(migration)
					+ ": changed since it was applied on " + row.appliedAt() + " (checksum " + abbreviate(row.checksum())
					+ " then, " + abbreviate(migration.checksum()) + " now). Applied migrations are history: restore the"
					+ " file and put the change in a new migration");
			return MigrationState.DRIFTED;
		}
		return MigrationState.APPLIED;
	}

	private MigrationInfo missing(Version version, HistoryRow row, @Nullable Version highestOnDisk,
			List<Problem> problems) {
		MigrationState state = MigrationState.MISSING;
		if (row.state() != HistoryState.APPLIED) {
			state = row.state() == HistoryState.FAILED ? MigrationState.FAILED : MigrationState.IN_PROGRESS;
			problems.add(Problem.error(state == MigrationState.IN_PROGRESS ? Kind.IN_PROGRESS : Kind.FAILED, version,
					List.of(row.script()), row.script() + ": version " + version + " is recorded as " + row.storedState()
							+ " and its file is gone: restore the file, or clean up by hand and run repair"));
		}
		else if (highestOnDisk == null || version.compareTo(highestOnDisk) > 0) {
			policy(this.configuration.futurePolicy(), Kind.FUTURE, version, row.script(), problems, row.script()
					+ ": version " + version + " was applied (on " + row.appliedAt() + ") but is above the highest"
					+ " version on disk" + ((highestOnDisk != null) ? " (" + highestOnDisk + ")" : "")
					+ ": a newer release has migrated this database; this release carries on");
		}
		else {
			policy(this.configuration.unknownPolicy(), Kind.UNKNOWN, version, row.script(), problems, row.script()
					+ ": version " + version + " was applied (on " + row.appliedAt() + ") but no file has that version"
					+ " any more: restore the file, or if it was removed on purpose, delete the row with DELETE FROM "
					+ this.configuration.qualifiedTable() + " WHERE version = '" + version + "'");
		}
		return new MigrationInfo(version, row.description(), row.script(), MigrationType.fromHistoryName(row.type()),
				state, row.checksum(), false, false, recorded(row));
	}

	// A versioned migration's problems carry its version; a repeatable's its file only.
	private @Nullable PendingMigration parse(Migration migration, boolean gap, boolean recovery,
			List<Problem> problems) {
		try {
			return new PendingMigration(substituted(migration.prepare()), gap, recovery);
		}
		catch (InvalidMigrationException ex) {
			problems.add(Problem.error(Kind.INVALID_SCRIPT, migration.version(), List.of(migration.displayName()),
					ex.getMessage()));
			return null;
		}
	}

	/**
	 * A down file gets the checks its up file gets (it parses, a statement that cannot run in a
	 * transaction is marked). A bad one cannot stop applying the up file, so it is a warning here;
	 * rollback refuses it before undoing anything.
	 */
	private void checkDownFile(Migration migration, List<Problem> problems) {
		if (!migration.undoable()) {
			return;
		}
		try {
			prepareUndo(migration);
		}
		catch (InvalidMigrationException ex) {
			problems.add(Problem.warning(Kind.INVALID_SCRIPT, migration.version(), List.of(migration.undoName()),
					ex.getMessage() + "; rollback refuses to run it until it is fixed"));
		}
	}

	private void policy(ValidationPolicy policy, Kind kind, Version version, Migration migration,
			List<Problem> problems, String message) {
		policy(policy, kind, version, display(migration), problems, message);
	}

	private static void policy(ValidationPolicy policy, Kind kind, Version version, String file, List<Problem> problems,
			String message) {
		switch (policy) {
			case FAIL -> problems.add(Problem.error(kind, version, List.of(file), message));
			case WARN -> problems.add(Problem.warning(kind, version, List.of(file), message));
			case IGNORE -> {
			}
		}
	}

	private static MigrationInfo info(Migration migration, @Nullable HistoryRow row, MigrationType type,
			MigrationState state, boolean gap) {
		return new MigrationInfo(migration.version(), migration.description(), migration.script(), type, state,
				migration.checksum(), gap, migration.undoable(), (row != null) ? recorded(row) : null);
	}

	private static MigrationInfo.Recorded recorded(HistoryRow row) {
		return new MigrationInfo.Recorded(row.appliedAt(), row.appliedBy(), row.executionTime(), row.error(),
				row.appliedOrder());
	}

	private static String retrySteps(@Nullable List<String> invalidIndexes, Migration migration) {
		List<String> steps = new ArrayList<>();
		if (!isEmpty(invalidIndexes)) {
			steps.add("drop the invalid indexes");
		}
		if (migration.undoable()) {
			steps.add("run " + migration.undoName());
		}
		steps.add("apply it again");
		return (steps.size() == 1) ? steps.get(0)
				: String.join(", ", steps.subList(0, steps.size() - 1)) + " and " + steps.get(steps.size() - 1);
	}

	private static String describeIndexes(@Nullable List<String> indexes, String prefix) {
		return isEmpty(indexes) ? "" : prefix + String.join(", ", indexes) + (prefix.startsWith(" (") ? ")" : "");
	}

	private static boolean isEmpty(@Nullable List<String> list) {
		return list == null || list.isEmpty();
	}

	private static String display(Migration migration) {
		return migration.displayName();
	}

	private static String fileName(String script) {
		int slash = script.lastIndexOf('/');
		return (slash >= 0) ? script.substring(slash + 1) : script;
	}

	private static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return (flat.length() > 60) ? flat.substring(0, 57) + "..." : flat;
	}

}
