package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Cairn#migrate()} run did.
 *
 * @param track the track's name
 * @param historyTable the qualified history table
 * @param applied the migrations applied, in the order they ran
 * @param warnings problems tolerated by policy (gaps applied, drift warned about, ...)
 * @param lockWait how long the run waited for another instance's lock
 * @param duration the whole run, file scan included
 */
public record MigrateResult(String track, String historyTable, List<AppliedMigration> applied, List<Problem> warnings,
		Duration lockWait, Duration duration) implements OperationReport {

	public MigrateResult {
		applied = List.copyOf(applied);
		warnings = List.copyOf(warnings);
	}

	/** Whether the run found nothing to apply. */
	public boolean isNoOp() {
		return this.applied.isEmpty();
	}

	@Override
	public List<String> sentences() {
		List<String> sentences = new ArrayList<>();
		for (AppliedMigration migration : this.applied) {
			sentences.add("applied version " + migration.version() + " (" + migration.script() + ") in "
					+ migration.duration().toMillis() + " ms");
		}
		if (isNoOp()) {
			sentences.add("nothing to apply: the schema is up to date");
		}
		return sentences;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.migrate(this);
	}

}
