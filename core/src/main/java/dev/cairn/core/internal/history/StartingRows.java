package dev.cairn.core.internal.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.MigrationType;
import dev.cairn.core.Version;
import dev.cairn.core.internal.migration.Migration;

/**
 * The rows an empty history starts with (another tool's history taken over, or a baseline of
 * an existing schema), computed once: as {@link HistoryRow} values to plan with, and as the
 * inserts that write exactly those rows. Status, validate and the dry run plan with the rows
 * and write nothing; migrate plans with the same rows and writes them only once the plan has
 * no errors.
 *
 * @param rows the rows as planning sees them
 * @param inserts the statements that record them
 * @param sentence what they take over, for the log
 */
public record StartingRows(List<HistoryRow> rows, List<String> inserts, String sentence) {

	/** Writes the rows in one transaction. */
	public void write(Connection connection) throws SQLException {
		HistoryTable.writeAll(connection, this.inserts);
	}

	/**
	 * Collects rows and their inserts side by side.
	 */
	public static final class Builder {

		private final HistoryTable history;

		private final Instant now = Instant.now();

		private final List<HistoryRow> rows = new ArrayList<>();

		private final List<String> inserts = new ArrayList<>();

		public Builder(HistoryTable history) {
			this.history = history;
		}

		/** Records an on-disk migration as applied by {@code by} (or the current user when null). */
		public Builder add(Migration migration, MigrationType type, @Nullable String by) {
			return add(migration.version(), migration.description(), migration.script(), migration.checksum(), type, by);
		}

		public Builder add(Version version, String description, String script, @Nullable String checksum,
				MigrationType type, @Nullable String by) {
			this.inserts.add(this.history.insertRecordedSql(version, description, script, checksum, type.name(), by));
			this.rows.add(new HistoryRow(version.toString(), description, script, checksum, type.name(),
					HistoryState.APPLIED.stored(), this.now, (by != null && !by.isEmpty()) ? by : "current_user",
					Duration.ZERO, this.rows.size() + 1, HistoryTable.CAIRN_VERSION, null));
			return this;
		}

		public int size() {
			return this.rows.size();
		}

		public StartingRows build(String sentence) {
			return new StartingRows(List.copyOf(this.rows), List.copyOf(this.inserts), sentence);
		}

	}

}
