package dev.cairn.core.internal.apply;

import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.internal.migration.PreparedMigration;

/**
 * Runs one kind of migration and writes its history row, so that a migration is recorded
 * exactly when its changes are; one applier per kind of {@link PreparedMigration}.
 *
 * @param <P> the kind it applies
 */
interface Applier<P extends PreparedMigration> {

	/**
	 * Applies the migration and records it as applied.
	 * @param recovery whether a crashed run left it in progress and it is cleaned up first
	 * @throws MigrationFailedException saying what was left behind and what to do
	 */
	void apply(WorkSession session, P prepared, boolean recovery);

	/**
	 * Undoes the migration and removes its history row.
	 * @throws MigrationFailedException saying what was left behind and what to do
	 */
	void undo(WorkSession session, P undo);

}
