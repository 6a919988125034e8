package dev.cairn.core.internal.migration;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.ScannedFile;
import dev.cairn.core.internal.sql.SqlScript;

/**
 * A repeatable migration ({@code R__refresh_views.sql} or {@code refresh_views.repeatable.sql}):
 * no version, applied after the versioned migrations of a run, in name order, and again
 * whenever its checksum changes. It always runs in one transaction with its history row: what
 * it is for (views, functions, grants) never needs {@code -- cairn:no-transaction}, and a
 * failure must leave nothing behind so that the next run can simply retry it.
 *
 * @param name the name history knows it by (see {@link dev.cairn.core.internal.scan.MigrationFileName#repeatableName})
 * @param description the description from the file name
 * @param file the file
 * @param checksum the file's checksum
 * @param application which application of the file this is (1 for the first), as the planner
 * counted history; 0 in the catalog, before history is read
 */
public record RepeatableMigration(String name, String description, ScannedFile file, String checksum,
		int application) implements Migration {

	/** This repeatable as its {@code application}-th run. */
	public RepeatableMigration application(int application) {
		return new RepeatableMigration(this.name, this.description, this.file, this.checksum, application);
	}

	/** The prefix of a repeatable row's {@code version} column, which no version can start with. */
	public static final String HISTORY_PREFIX = "R:";

	@Override
	public @Nullable Version version() {
		return null;
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
		return this.name;
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
			throw new InvalidMigrationException(displayName() + ":1: a repeatable migration always runs in one"
					+ " transaction, so that a failure leaves nothing behind and the next run retries it: remove -- cairn:"
					+ SqlScript.NO_TRANSACTION + " (statements that need it belong in a versioned migration)");
		}
		return SqlMigration.checked(prepared, this.file);
	}

	@Override
	public PreparedSql prepareUndo() {
		throw new IllegalStateException(displayName() + " is repeatable and cannot be undone");
	}

	/**
	 * The key of this application's history row: {@code R:refresh_views#3}. The {@code version}
	 * column is the history table's primary key, and history keeps every application, so each
	 * gets a key of its own; none can be taken for a version.
	 */
	public String historyKey() {
		return HISTORY_PREFIX + this.name + "#" + this.application;
	}

	/** The repeatable name in a history key, or {@code null} if the key is not a repeatable's. */
	public static @Nullable String nameOfKey(String key) {
		int hash = key.lastIndexOf('#');
		return (key.startsWith(HISTORY_PREFIX) && hash > HISTORY_PREFIX.length()) ? key.substring(HISTORY_PREFIX.length(), hash)
				: null;
	}

	/** The application number in a history key, 0 if it has none. */
	public static int applicationOfKey(String key) {
		try {
			return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
		}
		catch (NumberFormatException | IndexOutOfBoundsException ex) {
			return 0;
		}
	}

}
