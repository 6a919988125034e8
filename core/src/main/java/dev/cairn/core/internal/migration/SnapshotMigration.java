package dev.cairn.core.internal.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.ScannedFile;
import dev.cairn.core.internal.sql.SqlScript;

/**
 * An initial-schema snapshot ({@code B42__initial_schema.sql} or
 * {@code 000042_initial_schema.snapshot.sql}): the whole schema as the versioned migrations up
 * to its version leave it. On an empty database it runs instead of them, in one transaction
 * with a history row for each of them; anywhere else it is ignored.
 *
 * @param version the version it stands for; a versioned migration must have it too
 * @param description the description from the file name
 * @param file the file
 * @param checksum the file's checksum
 * @param covered the versioned migrations up to its version, recorded as applied by it
 */
public record SnapshotMigration(Version version, String description, ScannedFile file, String checksum,
		List<Migration> covered) implements Migration {

	public SnapshotMigration {
		covered = List.copyOf(covered);
	}

	@Override
	public String script() {
		return this.file.name();
	}

	@Override
	public String displayName() {
		return this.file.displayName();
	}

	@Override
	public String identity() {
		return this.file.fileName();
	}

	@Override
	public boolean undoable() {
		return false;
	}

	@Override
	public @Nullable String undoName() {
		return null;
	}

	@Override
	public PreparedSql prepare() {
		PreparedSql prepared = SqlMigration.parse(this, this.file);
		if (!prepared.script().transactional()) {
			throw new InvalidMigrationException(displayName() + ":1: a snapshot is applied in one transaction with the"
					+ " history rows it writes: remove -- cairn:" + SqlScript.NO_TRANSACTION);
		}
		return SqlMigration.checked(prepared, this.file);
	}

	@Override
	public PreparedSql prepareUndo() {
		throw new IllegalStateException(displayName() + " is a snapshot and cannot be undone");
	}

}
