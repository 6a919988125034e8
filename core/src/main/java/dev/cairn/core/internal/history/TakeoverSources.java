package dev.cairn.core.internal.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Version;
import dev.cairn.core.internal.migration.Migration;

/**
 * The histories of goose, dbmate (and Rails, whose table has the same shape), gormigrate and
 * Prisma Migrate, read into the rows Cairn's empty history starts with. Each refuses a state its
 * own tool would refuse to go on from, saying what to do; none writes to the other tool's table.
 * A version that is applied but has no file any more is imported without a checksum, so the plan
 * reports it as unknown or future under the configured policy.
 */
final class TakeoverSources {

	private final CairnConfiguration configuration;

	private final HistoryTable history;

	TakeoverSources(CairnConfiguration configuration, HistoryTable history) {
		this.configuration = configuration;
		this.history = history;
	}

	/**
	 * dbmate's and Rails' {@code schema_migrations(version)}: one row per applied version, as text.
	 * Neither tool records a failure in it (a failed migration leaves no row), so every row is applied.
	 */
	@Nullable StartingRows fromVersionSet(Connection connection, List<Migration> onDisk, String tableName)
			throws SQLException {
		String table = qualified(tableName);
		List<Version> versions = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT version::text FROM " + table)) {
			while (result.next()) {
				versions.add(version(result.getString(1), table, "dbmate's or Rails'"));
			}
		}
		versions.sort(null);
		return rows(versions, onDisk, "dbmate takeover", "took over the version set in " + table
				+ " (dbmate or Rails)");
	}

	/**
	 * goose's {@code goose_db_version}: every apply and undo as a row, in {@code id} order; a version is
	 * applied when its latest row says so. Version 0 is goose's own starting row. goose records nothing
	 * for a failed migration, so there is no broken state to refuse.
	 */
	@Nullable StartingRows fromGoose(Connection connection, List<Migration> onDisk) throws SQLException {
		String table = qualified(this.configuration.trackSettings().gooseTable());
		Map<Long, Boolean> latest = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement
			.executeQuery("SELECT version_id, is_applied FROM " + table + " ORDER BY id")) {
			while (result.next()) {
				long version = result.getLong(1);
				latest.remove(version); // re-inserted: the order of the latest apply counts
				latest.put(version, result.getBoolean(2));
			}
		}
		List<Version> versions = new ArrayList<>();
		latest.forEach((version, applied) -> {
			if (applied && version > 0) {
				versions.add(Version.parse(Long.toString(version)));
			}
		});
		return rows(versions, onDisk, "goose takeover", "took over goose's " + table);
	}

	/**
	 * gormigrate's {@code migrations(id)}: the ids of applied migrations, which are strings chosen
	 * by the programmer. An id maps to the migration whose version it is ({@code 202401011200}) or
	 * whose name it is ({@code add_pets} for {@code 000002_add_pets.up.sql}); {@code SCHEMA_INIT}, the
	 * row of gormigrate's InitSchema, stands for nothing of its own. An id that maps to no file or to
	 * two is refused: which version it was cannot be guessed.
	 */
	@Nullable StartingRows fromGormigrate(Connection connection, List<Migration> onDisk) throws SQLException {
		String table = qualified(this.configuration.trackSettings().gormigrateTable());
		List<String> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT id::text FROM " + table + " ORDER BY id")) {
			while (result.next()) {
				ids.add(result.getString(1));
			}
		}
		List<Migration> applied = new ArrayList<>();
		for (String id : ids) {
			if (id == null || id.equals("SCHEMA_INIT")) {
				continue;
			}
			List<Migration> matches = onDisk.stream().filter((migration) -> matches(id, migration)).toList();
			if (matches.size() != 1) {
				throw new Takeover.Refused(this.configuration.track(), null, "gormigrate's table " + table + " has id '"
						+ id + "', which " + (matches.isEmpty() ? "matches no migration file"
								: "matches " + matches.stream().map(Migration::script).toList())
						+ ", so Cairn cannot tell which version it was and will not take this history over. Name the"
						+ " SQL file that does what that Go migration did after the id (its version, or <version>_" + id
						+ ".up.sql), then start again. Nothing was changed.");
			}
			if (!applied.contains(matches.get(0))) {
				applied.add(matches.get(0));
			}
		}
		applied.sort((a, b) -> a.version().compareTo(b.version()));
		StartingRows.Builder rows = new StartingRows.Builder(this.history);
		applied.forEach((migration) -> rows.add(migration, MigrationType.IMPORTED, "gormigrate takeover"));
		if (rows.size() == 0) {
			return null;
		}
		return rows.build("took over gormigrate's " + table + ": " + rows.size() + " migrations recorded as applied");
	}

	private static boolean matches(String id, Migration migration) {
		try {
			if (Version.parse(id).equals(migration.version())) {
				return true;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a version: compared by name below
		}
		String identity = migration.identity();
		String stem = identity.replaceFirst("(?i)(\\.(up|down))?\\.sql$", "");
		return id.equals(stem) || id.replace('_', ' ').strip().equals(migration.description());
	}

	/**
	 * Prisma Migrate's {@code _prisma_migrations}: a row per attempt. A row rolled back (by
	 * {@code prisma migrate resolve --rolled-back}) counts for nothing; a finished one is applied; one
	 * neither finished nor rolled back is a failed or interrupted migration, which Prisma itself
	 * refuses to go on from (P3009), and so does the takeover.
	 */
	@Nullable StartingRows fromPrisma(Connection connection, List<Migration> onDisk) throws SQLException {
		String table = qualified(this.configuration.trackSettings().prismaTable());
		List<Version> versions = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
				"SELECT migration_name, finished_at IS NOT NULL FROM " + table
						+ " WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name")) {
			while (result.next()) {
				String name = result.getString(1);
				int underscore = name.indexOf('_');
				String versionText = (underscore > 0) ? name.substring(0, underscore) : name;
				if (!result.getBoolean(2)) {
					throw new Takeover.Refused(this.configuration.track(), versionText, "Prisma's table " + table
							+ " records migration " + name + " as started but not finished (it failed or was"
							+ " interrupted), so Cairn will not take this history over, as Prisma would not go on."
							+ " Undo what it did and run `prisma migrate resolve --rolled-back " + name + "`, or finish it"
							+ " by hand and run `prisma migrate resolve --applied " + name + "`, then start again."
							+ " Nothing was changed.");
				}
				Version version = version(versionText, table, "Prisma's");
				if (!versions.contains(version)) {
					versions.add(version);
				}
			}
		}
		versions.sort(null);
		return rows(versions, onDisk, "Prisma takeover", "took over Prisma's " + table);
	}

	private @Nullable StartingRows rows(List<Version> versions, List<Migration> onDisk, String by, String sentence) {
		Map<Version, Migration> files = new LinkedHashMap<>();
		onDisk.forEach((migration) -> files.put(migration.version(), migration));
		StartingRows.Builder rows = new StartingRows.Builder(this.history);
		for (Version version : versions) {
			Migration file = files.get(version);
			if (file != null) {
				rows.add(file, MigrationType.IMPORTED, by);
			}
			else {
				rows.add(version, "applied before the takeover, file not found", version.toString(), null,
						MigrationType.IMPORTED, by);
			}
		}
		if (rows.size() == 0) {
			return null;
		}
		return rows.build(sentence + ": " + rows.size() + " migrations recorded as applied");
	}

	private Version version(String text, String table, String whose) {
		try {
			return Version.parse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new Takeover.Refused(this.configuration.track(), null, whose + " table " + table + " has version '"
					+ text + "', which is not a Cairn version (numbers separated by dots), so Cairn will not take this"
					+ " history over. Correct or delete that row, or turn the takeover off and record the history"
					+ " with baseline. Nothing was changed.");
		}
	}

	private String qualified(String table) {
		return this.configuration.trackSettings().qualified(table);
	}

}
