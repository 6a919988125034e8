package dev.cairn.core.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationType;
import dev.cairn.core.TrackSettings;
import dev.cairn.core.Version;
import dev.cairn.core.internal.migration.Migration;

/**
 * Takes over another tool's history when Cairn's history is empty, so a team can switch
 * without re-running anything. The other tool's table is only read, never changed (some
 * migration sets alter it themselves).
 *
 * <ul>
 * <li>golang-migrate keeps one row {@code schema_migrations(version, dirty)}: a dirty one
 * stops the run; a clean one at version N imports every on-disk version up to N.</li>
 * <li>Flyway keeps {@code flyway_schema_history}: its successful versioned rows are imported
 * (a later undo or delete row removes a version again, a baseline row imports every on-disk
 * version up to it); a failed row stops the run. Flyway's checksums are a different algorithm,
 * so imported rows take the current file's checksum: drift is detected from the takeover on.</li>
 * <li>goose's {@code goose_db_version}, dbmate's and Rails' {@code schema_migrations(version)} (the
 * name golang-migrate uses, told apart by its lack of a {@code dirty} column), gormigrate's
 * {@code migrations(id)} and Prisma's {@code _prisma_migrations}: see {@link TakeoverSources}.</li>
 * </ul>
 * A database holding more than one of these histories is refused rather than guessed at.
 */
public final class Takeover {

	private static final Logger logger = LoggerFactory.getLogger(Takeover.class);

	private static final String COLUMNS = "SELECT column_name FROM information_schema.columns"
			+ " WHERE table_schema = ? AND table_name = ?";

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	public Takeover(CairnConfiguration configuration, HistoryTable history) {
		this.configuration = configuration;
		this.history = history;
	}

	/**
	 * What taking over another tool's history would record in Cairn's empty history, read
	 * without writing anything: migrate writes exactly these rows, status, validate and the dry
	 * run plan with them.
	 * @return the rows and a sentence saying what they take over, or {@code null} if there is nothing
	 * @throws Refused if the other tool's history records a failed migration
	 */
	public @Nullable StartingRows plan(Connection connection, List<Migration> onDisk) throws SQLException {
		TrackSettings track = this.configuration.trackSettings();
		TakeoverSources sources = new TakeoverSources(this.configuration, this.history);
		// Every known tool's table, by its shape; more than one history with rows is refused, not guessed at.
		Map<String, StartingRows> found = new LinkedHashMap<>();
		Set<String> golang = columns(connection, track.golangMigrateTable());
		if (golang.contains("version") && golang.contains("dirty")) {
			put(found, "golang-migrate's " + legacy(track.golangMigrateTable()), fromGolangMigrate(connection, onDisk));
		}
		else if (golang.contains("version")) {
			// The same name, another shape: dbmate's and Rails' set of applied versions.
			put(found, "dbmate's (or Rails') " + legacy(track.golangMigrateTable()),
					sources.fromVersionSet(connection, onDisk, track.golangMigrateTable()));
		}
		else if (!golang.isEmpty()) {
			logger.info("Track '{}': table {} exists but has neither golang-migrate's nor dbmate's shape; not taken"
					+ " over", this.configuration.track(), legacy(track.golangMigrateTable()));
		}
		Set<String> flyway = columns(connection, track.flywayTable());
		if (flyway.containsAll(List.of("installed_rank", "version", "type", "script", "success"))) {
			put(found, "Flyway's " + legacy(track.flywayTable()), fromFlyway(connection, onDisk));
		}
		if (columns(connection, track.gooseTable()).containsAll(List.of("id", "version_id", "is_applied"))) {
			put(found, "goose's " + legacy(track.gooseTable()), sources.fromGoose(connection, onDisk));
		}
		if (columns(connection, track.prismaTable())
			.containsAll(List.of("migration_name", "finished_at", "rolled_back_at", "started_at"))) {
			put(found, "Prisma's " + legacy(track.prismaTable()), sources.fromPrisma(connection, onDisk));
		}
		Set<String> gormigrate = columns(connection, track.gormigrateTable());
		if (gormigrate.equals(Set.of("id"))) {
			put(found, "gormigrate's " + legacy(track.gormigrateTable()), sources.fromGormigrate(connection, onDisk));
		}
		else if (!gormigrate.isEmpty()) {
			logger.debug("Track '{}': table {} has other columns than gormigrate's id; not taken over",
					this.configuration.track(), legacy(track.gormigrateTable()));
		}
		if (found.size() > 1) {
			throw new Refused(this.configuration.track(), null, "the database holds the histories of more than one"
					+ " tool: " + String.join(", ", found.keySet()) + "; Cairn will not guess which one is current."
					+ " Rename or drop the stale one (after checking it is), or turn the takeover off and record"
					+ " the history with baseline. Nothing was changed.");
		}
		return found.isEmpty() ? null : found.values().iterator().next();
	}

	private static void put(Map<String, StartingRows> found, String source, @Nullable StartingRows rows) {
		if (rows != null) {
			found.put(source, rows);
		}
	}

	private @Nullable StartingRows fromGolangMigrate(Connection connection, List<Migration> onDisk)
			throws SQLException {
		String table = legacy(this.configuration.golangMigrateTable());
		Long version = null;
		boolean dirty = false;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT version, dirty FROM " + table)) {
			while (result.next()) {
				long each = result.getLong(1);
				if (version == null || each > version) {
					version = each;
					dirty = result.getBoolean(2);
				}
			}
		}
		if (version == null || version < 0) {
			return null;
		}
		if (dirty) {
			throw new Refused(this.configuration.track(), version.toString(), "golang-migrate's table " + table
					+ " says version " + version + " is dirty: a migration failed half-way under golang-migrate, so"
					+ " Cairn will not take this history over. Check what version " + version + " changed, finish or"
					+ " undo it by hand, then mark it clean (golang-migrate's `force " + version + "`, or UPDATE "
					+ table + " SET dirty = false) and start again. Nothing was changed.");
		}
		Version current = Version.parse(Long.toString(version));
		StartingRows.Builder rows = new StartingRows.Builder(this.history);
		for (Migration migration : onDisk) {
			if (migration.version().compareTo(current) <= 0) {
				rows.add(migration, MigrationType.IMPORTED, "golang-migrate takeover");
			}
		}
		return rows.build("took over golang-migrate's " + table + " at version " + version + ": " + rows.size()
				+ " migrations recorded as applied");
	}

	private @Nullable StartingRows fromFlyway(Connection connection, List<Migration> onDisk) throws SQLException {
		String table = legacy(this.configuration.flywayTable());
		// In Flyway's order, so applied_order (and with it the rollback order) retraces what Flyway did;
		// a null value is a version the baseline row records.
		Map<Version, String[]> applied = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
				"SELECT version, description, type, script, success FROM " + table + " ORDER BY installed_rank")) {
			while (result.next()) {
				String version = result.getString(1);
				String type = result.getString(3);
				if (!result.getBoolean(5)) {
					throw new Refused(this.configuration.track(), version, "Flyway's table " + table
							+ " records a failed migration (" + result.getString(4) + ", version " + version
							+ "), so Cairn will not take this history over. Finish or undo it by hand, run Flyway's"
							+ " repair (or delete that row), and start again. Nothing was changed.");
				}
				if (version == null || version.isEmpty()) {
					continue; // repeatable migrations have no version and no Cairn equivalent yet
				}
				Version parsed = Version.parse(version);
				if (type.startsWith("UNDO") || type.equals("DELETE")) {
					applied.remove(parsed);
				}
				else if (type.contains("BASELINE")) {
					for (Migration migration : onDisk) {
						if (migration.version().compareTo(parsed) <= 0 && !applied.containsKey(migration.version())) {
							applied.put(migration.version(), null);
						}
					}
				}
				else {
					applied.put(parsed, new String[] { result.getString(2), result.getString(4) });
				}
			}
		}
		Map<Version, Migration> files = new LinkedHashMap<>();
		onDisk.forEach((migration) -> files.put(migration.version(), migration));
		StartingRows.Builder rows = new StartingRows.Builder(this.history);
		for (Map.Entry<Version, String[]> entry : applied.entrySet()) {
			Migration file = files.get(entry.getKey());
			if (entry.getValue() == null) {
				rows.add(file, MigrationType.BASELINE, "Flyway baseline takeover");
			}
			else if (file != null) {
				rows.add(file, MigrationType.IMPORTED, "Flyway takeover");
			}
			else {
				rows.add(entry.getKey(), entry.getValue()[0], entry.getValue()[1], null, MigrationType.IMPORTED,
						"Flyway takeover");
			}
		}
		if (rows.size() == 0) {
			return null;
		}
		return rows.build("took over Flyway's " + table + ": " + rows.size() + " migrations recorded as applied");
	}

	private Set<String> columns(Connection connection, String table) throws SQLException {
		Set<String> columns = new HashSet<>();
		try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
			query.setString(1, this.configuration.schema());
			query.setString(2, table);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					columns.add(result.getString(1));
				}
			}
		}
		return columns;
	}

	private String legacy(String table) {
		return this.configuration.trackSettings().qualified(table);
	}

	/**
	 * The other tool's history records a failed migration, so it is not taken over: a problem of
	 * the plan, reported by migrate, status and validate alike.
	 */
	public static final class Refused extends CairnException {

		private static final long serialVersionUID = 1L;

		private final @Nullable String version;

		private final String reason;

		Refused(String track, @Nullable String version, String reason) {
			super("Track '" + track + "': " + reason);
			this.version = version;
			this.reason = reason;
		}

		/** The version the other tool's row names, if any. */
		public @Nullable String version() {
			return this.version;
		}

		/** The message without the track. */
		public String reason() {
			return this.reason;
		}

	}

}
