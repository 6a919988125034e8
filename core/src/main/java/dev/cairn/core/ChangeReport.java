package dev.cairn.core;

import java.util.List;

/**
 * What an operation that only writes history (repair, force, baseline) changed, one sentence
 * per change.
 *
 * @param track the track's name
 * @param operation {@code repair}, {@code force} or {@code baseline}
 * @param changes what was changed; empty when there was nothing to do
 */
public record ChangeReport(String track, String operation, List<String> changes) implements OperationReport {

	public ChangeReport {
		changes = List.copyOf(changes);
	}

	public boolean changedAnything() {
		return !this.changes.isEmpty();
	}


	/** The changes, or that there was nothing to change. */
	@Override
	public List<String> sentences() {
		return changedAnything() ? this.changes : List.of("nothing to change");
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.changes(this);
	}

}
