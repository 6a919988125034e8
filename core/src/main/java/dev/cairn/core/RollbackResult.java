package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
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
		Duration duration) implements OperationReport {

	public RollbackResult {
		undone = List.copyOf(undone);
	}

	@Override
	public List<String> sentences() {
		List<String> sentences = new ArrayList<>();
		for (AppliedMigration migration : this.undone) {
			sentences.add("undid version " + migration.version() + " with " + migration.script() + " in "
					+ migration.duration().toMillis() + " ms");
		}
		if (this.undone.isEmpty()) {
			sentences.add("nothing to roll back");
		}
		return sentences;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.rollback(this);
	}

}
