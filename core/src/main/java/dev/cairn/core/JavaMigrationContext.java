package dev.cairn.core;

import java.sql.Connection;

/**
 * What a {@link JavaMigration} is given while it runs.
 */
public interface JavaMigrationContext {

	/**
	 * The connection to migrate with. In a {@link #inTransaction() transactional} migration it is
	 * inside the transaction that also records the migration in history: do not commit, roll
	 * back, close it or change its auto-commit mode (Cairn refuses those calls and fails the
	 * migration); savepoints are fine. Settings the migration changes on the session
	 * ({@code SET}, {@code SET ROLE}) are put back afterwards, as for a SQL file. Statements it
	 * leaves open are closed after it returns.
	 * @return the connection, valid until the migration returns
	 */
	Connection connection();

	/**
	 * Whether the migration runs inside the transaction that records it ({@code false} for a
	 * migration whose {@link JavaMigration#transactional()} is {@code false}).
	 * @return whether it runs in Cairn's transaction
	 */
	boolean inTransaction();

	/**
	 * Whether this is a dry run: the migration runs inside a transaction that is rolled back.
	 * @return whether nothing it does will stay
	 */
	boolean dryRun();

	/**
	 * The track being migrated.
	 * @return its name
	 */
	String track();

	/**
	 * The version being applied or undone.
	 * @return the version
	 */
	Version version();

	/**
	 * Reports how far a long-running migration is (rows done of total, batches done of total):
	 * listeners receive it as a {@link MigrationListener.MigrationProgress} event, and the
	 * starter's endpoint shows it on the running migration. Cheap enough to call per batch;
	 * events are sent at most a few times a second, and always for the first call and when
	 * {@code done} reaches {@code total}.
	 * @param done how much is done, not negative
	 * @param total how much there is in all, or {@code -1} when unknown
	 */
	void progress(long done, long total);

}
