package dev.cairn.core;

import org.jspecify.annotations.Nullable;

/**
 * A migration written in Java: a data fix that needs the application's own logic, a backfill in
 * batches, a change no SQL file expresses well. Ordered with the SQL files of its track by
 * {@link #version()}, recorded in the same history table (type {@code JAVA}), and subject to
 * the same plan, policies, listener events and reports.
 *
 * <p>Registered explicitly, never found by scanning: {@link CairnConfiguration.Builder#javaMigrations}
 * in code, or, with the Spring Boot starter, by declaring it as a bean (so it can have the
 * application's repositories and services injected).
 *
 * <p>By default a Java migration runs inside the transaction that records it: what it does
 * through {@link JavaMigrationContext#connection()} and its history row are committed together
 * or not at all. It must not commit, roll back, close the connection or change its auto-commit
 * mode; Cairn refuses that and fails the migration. One that must commit as it goes (a backfill
 * of millions of rows in batches) says so with {@link #transactional()}.
 *
 * <pre>{@code
 * public class BackfillOrderTotals implements JavaMigration {
 *     public String version() { return "42"; }
 *     public void migrate(JavaMigrationContext context) throws Exception {
 *         try (Statement statement = context.connection().createStatement()) {
 *             statement.execute("UPDATE orders SET total = ...");
 *         }
 *     }
 * }
 * }</pre>
 */
public interface JavaMigration {

	/**
	 * The version, as in a file name: a dotted sequence of non-negative integers ({@code 42},
	 * {@code 2.1.3}, {@code 20260521103000}). It must differ from every other migration of the
	 * track, SQL files included.
	 * @return the version
	 */
	String version();

	/**
	 * What the migration does, as history and reports show it. By default the class's simple
	 * name in words ({@code BackfillOrderTotals} reads as "Backfill order totals"; a Flyway-style
	 * {@code V42__Backfill_totals} as "Backfill totals").
	 * @return one line of text, not blank
	 */
	default String description() {
		return JavaMigrations.describe(getClass());
	}

	/**
	 * Applies the migration.
	 * @param context the connection and what else the run offers
	 * @throws Exception to fail the migration: for a transactional one nothing of it stays, and
	 * the exception's message (with passwords masked) is reported as the failure
	 */
	void migrate(JavaMigrationContext context) throws Exception;

	/**
	 * Whether {@link #undo} can undo this migration, as a down file undoes a SQL file.
	 * Rollback refuses a migration without one, as it refuses a SQL file without a down file.
	 * @return {@code false} unless overridden
	 */
	default boolean undoable() {
		return false;
	}

	/**
	 * Undoes the migration, on the same terms as {@link #migrate} (in one transaction with the
	 * removal of its history row unless {@link #transactional()} is {@code false}).
	 * @param context the connection and what else the run offers
	 * @throws Exception to fail the rollback; the version stays applied
	 */
	default void undo(JavaMigrationContext context) throws Exception {
		throw new UnsupportedOperationException(getClass().getName() + " cannot be undone");
	}

	/**
	 * What history records as the migration's checksum; a later run that finds a different
	 * value reports drift under the drift policy, as for an edited SQL file.
	 *
	 * <p>The default is {@code "1"}, so a Java migration is stable: its compiled bytes change
	 * with every compiler, dependency or refactoring and would read as false drift. Return
	 * another value ({@code "2"}) when you change what an applied migration does on purpose and
	 * want every database that ran the old one to be told.
	 * @return one line of text, at most 64 characters
	 */
	default String checksum() {
		return "1";
	}

	/**
	 * Whether the migration runs inside the transaction that records it ({@code true}, the
	 * default). When {@code false} it runs on a connection in auto-commit mode: it may commit
	 * as it goes (turn auto-commit off, commit each batch, and end with no transaction open),
	 * history marks it in progress before it starts, and a failure or a crash leaves a
	 * {@code failed} or {@code in_progress} row an operator looks at. Write such a migration so
	 * that running it again carries on where it stopped (a backfill that skips rows already done).
	 * @return whether it runs in one transaction with its history row
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * The track the migration belongs to. {@code null}, the default, is the engine's default
	 * track; a name must be that of a configured track.
	 * @return the track's name, or {@code null} for the default track
	 */
	default @Nullable String track() {
		return null;
	}

}
