package dev.cairn.core.internal.plan;

import dev.cairn.core.MigrationType;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedMigration;

/**
 * A migration the plan will apply, already read and checked by its kind.
 *
 * @param prepared the migration, ready for its kind's applier
 * @param gap whether it is below the highest applied version
 * @param recovery whether a crashed run left it in progress and it is retried after clean-up
 */
public record PendingMigration(PreparedMigration prepared, boolean gap, boolean recovery) {

	public Migration migration() {
		return this.prepared.migration();
	}

	/** Whether it is a repeatable migration, applied after the versioned ones. */
	public boolean repeatable() {
		return this.prepared.migration().version() == null;
	}

	public MigrationType type() {
		return this.prepared.type();
	}

}
