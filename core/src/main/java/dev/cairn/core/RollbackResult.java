package dev.cairn.core;

import java.time.Duration;
import java.util.List;

/**
 * What a rollback run undid.
 *
 * @param track the track's name
 * @param historyTable the qualified history table
 * @param undone the migrations undone, in the order their down files ran (most recently
 * applied first); {@code script} names the down file
 * @param lockWait how long the run waited for another instance's lock
 * @param duration the whole run
 */
public record RollbackResult(String track, String historyTable, List<AppliedMigration> undone, Duration lockWait,
		Duration duration) {

	public RollbackResult {
		undone = List.copyOf(undone);
	}

}
