package dev.cairn.core;

/**
 * How a migration is applied; stored in the history table's {@code type} column.
 */
public enum MigrationType {

	/** SQL run with its history row in one transaction. */
	SQL,

	/** SQL marked {@code -- cairn:no-transaction}, run statement by statement. */
	SQL_NO_TRANSACTION,

	/** Recorded as applied by {@code baseline} without running it: the database already had it. */
	BASELINE,

	/** Taken over from golang-migrate's or Flyway's history without running it. */
	IMPORTED,

	/** Recorded as applied by {@code force} without running it. */
	FORCED,

	/**
	 * A repeatable migration ({@code R__name.sql}, {@code name.repeatable.sql}): run in a
	 * transaction with its history row, after the versioned migrations, again whenever it changes.
	 */
	REPEATABLE_SQL,

	/**
	 * Recorded as applied by an initial-schema snapshot ({@code B42__x.sql},
	 * {@code 000042_x.snapshot.sql}) that installed an empty database, without running it.
	 */
	SNAPSHOT,

	/** A history row written by something this version of Cairn does not know. */
	UNKNOWN,

	/** A {@link JavaMigration} run with its history row in one transaction. */
	JAVA,

	/** A {@link JavaMigration} whose {@code transactional()} is false: it commits as it goes. */
	JAVA_NO_TRANSACTION;

	public static MigrationType fromHistoryName(String value) {
		for (MigrationType type : values()) {
			if (type.name().equals(value)) {
				return type;
			}
		}
		return UNKNOWN;
	}

}
