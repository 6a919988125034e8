package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;
import dev.cairn.core.internal.engine.Track.LockedRun;
import dev.cairn.core.internal.apply.Recovery;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.history.HistoryState;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.history.StartingRows;
import dev.cairn.core.internal.history.Takeover;
import dev.cairn.core.internal.plan.Plan;
import dev.cairn.core.internal.plan.Planner;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.SqlMigration;

/**
 * The operations that change history without running migrations: repair, force, baseline,
 * and starting an empty history from another tool's or from an existing schema.
 */
final class HistoryEdits {

	private static final Logger logger = LoggerFactory.getLogger(HistoryEdits.class);

	private static final String USER_TABLES = "SELECT EXISTS (SELECT 1 FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
			+ " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
			+ " AND NOT (n.nspname = ? AND c.relname = ?))";

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	private final Planner planner;

	HistoryEdits(CairnConfiguration configuration, HistoryTable history, Planner planner) {
		this.configuration = configuration;
		this.history = history;
		this.planner = planner;
	}

	/**
	 * For an empty history: the rows taking over golang-migrate's or Flyway's history, or a
	 * baseline of an existing schema when baseline-on-migrate is on, would record. Reads only;
	 * migrate writes them ({@link StartingRows#write}) once its plan with them has no errors.
	 * @return the rows, or {@code null} when the history starts empty
	 */
	@Nullable StartingRows plannedStart(Connection connection, MigrationCatalog catalog) {
		String track = this.configuration.track();
		try {
			if (this.configuration.takeover()) {
				StartingRows takenOver = new Takeover(this.configuration, this.history).plan(connection,
						catalog.migrations());
				if (takenOver != null) {
					return takenOver;
				}
			}
			if (this.configuration.baselineOnMigrate() && hasTables(connection)) {
				Version version = this.configuration.baselineVersion();
				StartingRows.Builder rows = baselineRows(catalog, version);
				return rows.build("the database has tables but no history; baseline at version " + version
						+ " recorded " + rows.size() + " migrations as applied without running them");
			}
			return null;
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + track + "': cannot read what to start the history in "
					+ this.history.qualifiedName() + " with: " + ex.getMessage() + " (SQLSTATE " + ex.getSQLState() + ")",
					ex);
		}
	}

	/** Creates the history table if it is missing and writes the starting rows, if any. */
	void startHistory(Connection connection, @Nullable StartingRows start) {
		this.history.readOrCreate(connection);
		if (start == null) {
			return;
		}
		try {
			start.write(connection);
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + this.configuration.track() + "': cannot start the history in "
					+ this.history.qualifiedName() + ": " + ex.getMessage() + " (SQLSTATE " + ex.getSQLState() + ")", ex);
		}
		logger.info("Track '{}': {}", this.configuration.track(), start.sentence());
	}

	/** Invalid indexes left by migrations that history records as interrupted. */
	Map<Version, List<String>> invalidIndexes(Connection connection, MigrationCatalog catalog, List<HistoryRow> rows) {
		Map<Version, List<String>> invalid = new HashMap<>();
		for (HistoryRow row : rows) {
			if (row.state() != HistoryState.IN_PROGRESS && row.state() != HistoryState.FAILED) {
				continue;
			}
			catalog.migrations()
				.stream()
				.filter((migration) -> migration.version().toString().equals(row.version()))
				.findFirst()
				.filter(SqlMigration.class::isInstance)
				.ifPresent((migration) -> {
					List<String> indexes = Recovery.invalidIndexes(connection, (SqlMigration) migration);
					if (!indexes.isEmpty()) {
						invalid.put(migration.version(), indexes);
					}
				});
		}
		return invalid;
	}

	ChangeReport repair(LockedRun run, boolean acceptChanges) {
		Plan plan = this.planner.plan(run.catalog(), run.history());
		List<String> sql = new ArrayList<>();
		List<String> changes = new ArrayList<>();
		for (HistoryRow row : run.history()) {
			if (row.state() != HistoryState.APPLIED) {
				sql.add("DELETE FROM " + this.history.qualifiedName() + " WHERE version = " + HistoryTable.literal(row.version()));
				changes.add("removed the " + row.storedState() + " row of version " + row.version() + " (" + row.script()
						+ "): it now counts as not applied");
			}
		}
		for (MigrationInfo info : plan.migrations()) {
			if (info.state() != MigrationState.DRIFTED && info.state() != MigrationState.RENAMED) {
				continue;
			}
			if (!acceptChanges) {
				changes.add("left " + info.state().displayName() + " version " + info.version() + " (" + info.script()
						+ ") as it is: repair with accept-changes records the current file");
				continue;
			}
			Migration file = find(run.catalog(), info.version()).orElseThrow();
			sql.add(this.history.realignSql(file.version(), file.description(), file.script(), file.checksum()));
			changes.add("accepted the current " + file.script() + " for " + info.state().displayName() + " version "
					+ file.version());
		}
		write(run.connection(), sql);
		changes.forEach((change) -> logger.info("Track '{}': repair {}", this.configuration.track(), change));
		return new ChangeReport(this.configuration.track(), "repair", changes);
	}

	ChangeReport force(LockedRun run, Version version, boolean applied) {
		HistoryRow row = run.history()
			.stream()
			.filter((each) -> each.version().equals(version.toString()))
			.findFirst()
			.orElse(null);
		List<String> changes = new ArrayList<>();
		if (applied) {
			Migration file = find(run.catalog(), version).orElseThrow(() -> new CairnConfigurationException(
					"Track '" + this.configuration.track() + "': cannot force version " + version
							+ " applied: no migration file has that version"));
			if (row == null) {
				write(run.connection(), List.of(this.history.insertRecordedSql(version, file.description(), file.script(),
						file.checksum(), MigrationType.FORCED.name(), this.configuration.installedBy())));
				changes.add("recorded version " + version + " (" + file.script() + ") as applied without running it");
			}
			else if (row.state() != HistoryState.APPLIED) {
				write(run.connection(), List.of(this.history.restoreAppliedSql(version)));
				changes.add("marked the " + row.storedState() + " version " + version + " as applied");
			}
		}
		else if (row != null) {
			write(run.connection(), List.of(this.history.deleteSql(version)));
			changes.add("removed version " + version + " (" + row.script() + ", " + row.storedState()
					+ ") from history without running anything");
		}
		if (changes.isEmpty()) {
			changes = List.of();
			logger.info("Track '{}': force: version {} is already {}", this.configuration.track(), version,
					applied ? "applied" : "not applied");
		}
		changes.forEach((change) -> logger.info("Track '{}': force {}", this.configuration.track(), change));
		return new ChangeReport(this.configuration.track(), "force", changes);
	}

	ChangeReport baseline(LockedRun run, Version version) {
		if (!run.history().isEmpty()) {
			throw new CairnValidationException(this.configuration.track(), List.of(Problem.error(
					Problem.Kind.INVALID_HISTORY_ROW, version, List.of(this.history.qualifiedName()),
					"baseline starts a history, but " + this.history.qualifiedName() + " already has "
							+ run.history().size() + " rows: use force to record single versions")));
		}
		requireFilesUpTo(run.catalog(), version);
		StartingRows.Builder rows = baselineRows(run.catalog(), version);
		this.history.readOrCreate(run.connection());
		try {
			rows.build("baseline").write(run.connection());
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + this.configuration.track() + "': baseline failed: " + ex.getMessage(),
					ex);
		}
		List<String> changes = new ArrayList<>();
		for (Migration migration : run.catalog().migrations()) {
			if (migration.version().compareTo(version) <= 0) {
				changes.add("recorded version " + migration.version() + " (" + migration.script()
						+ ") as applied without running it");
			}
		}
		return new ChangeReport(this.configuration.track(), "baseline", changes);
	}

	private StartingRows.Builder baselineRows(MigrationCatalog catalog, Version version) {
		requireFilesUpTo(catalog, version);
		StartingRows.Builder rows = new StartingRows.Builder(this.history);
		for (Migration migration : catalog.migrations()) {
			if (migration.version().compareTo(version) <= 0) {
				rows.add(migration, MigrationType.BASELINE, this.configuration.installedBy());
			}
		}
		return rows;
	}

	/** A baseline records files at or below its version; with none, it is refused before history is created. */
	private void requireFilesUpTo(MigrationCatalog catalog, Version version) {
		if (catalog.migrations().stream().noneMatch((migration) -> migration.version().compareTo(version) <= 0)) {
			throw new CairnConfigurationException("Track '" + this.configuration.track() + "': baseline at version "
					+ version + " found no migration file at or below that version: give the version of the last"
					+ " migration the database already has");
		}
	}

	private boolean hasTables(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(USER_TABLES)) {
			query.setString(1, this.configuration.schema());
			query.setString(2, this.configuration.table());
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private void write(Connection connection, List<String> sql) {
		try {
			HistoryTable.writeAll(connection, sql);
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + this.configuration.track() + "': cannot write history table "
					+ this.history.qualifiedName() + ": " + ex.getMessage() + " (SQLSTATE " + ex.getSQLState() + ")",
					ex);
		}
	}

	static Optional<Migration> find(MigrationCatalog catalog, Version version) {
		return catalog.migrations().stream().filter((migration) -> migration.version().equals(version)).findFirst();
	}

}
