package dev.cairn.core.plan;

import java.util.List;
import java.util.Optional;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.Problem;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;

/**
 * The result of comparing disk with history: what would run, in which order, and every
 * problem found, with the configured policies already applied to their severities.
 *
 * @param track the track
 * @param historyTable the qualified history table
 * @param migrations every migration with its state, ascending by version
 * @param pending what a migrate run applies, ascending by version
 * @param problems errors and warnings
 */
public record Plan(String track, String historyTable, List<MigrationInfo> migrations, List<PendingMigration> pending,
		List<Problem> problems) {

	public List<Problem> warnings() {
		return this.problems.stream().filter((problem) -> !problem.isError()).toList();
	}

	public long appliedCount() {
		return this.migrations.stream().filter((migration) -> migration.state().isApplied()).count();
	}

	/** The highest applied version once {@code justApplied} are counted. */
	public Optional<Version> currentVersion(List<AppliedMigration> justApplied) {
		Optional<Version> recorded = this.migrations.stream()
			.filter((migration) -> migration.state().isApplied() && migration.version() != null)
			.map(MigrationInfo::version)
			.max(Version::compareTo);
		Optional<Version> fresh = justApplied.stream().map(AppliedMigration::version).max(Version::compareTo);
		if (recorded.isEmpty()) {
			return fresh;
		}
		if (fresh.isEmpty()) {
			return recorded;
		}
		return Optional.of((recorded.get().compareTo(fresh.get()) >= 0) ? recorded.get() : fresh.get());
	}

	public StatusReport toStatus() {
		return new StatusReport(this.track, this.historyTable, this.migrations, this.problems);
	}

}
