package dev.cairn.core.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

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

	// Plain loops: these run once per start over every migration, before the JIT has compiled anything.

	public List<Problem> warnings() {
		List<Problem> warnings = new ArrayList<>();
		for (Problem problem : this.problems) {
			if (!problem.isError()) {
				warnings.add(problem);
			}
		}
		return List.copyOf(warnings);
	}

	public long appliedCount() {
		long count = 0;
		for (MigrationInfo migration : this.migrations) {
			if (migration.state().isApplied()) {
				count++;
			}
		}
		return count;
	}

	/** The highest applied version once {@code justApplied} are counted. */
	public Optional<Version> currentVersion(List<AppliedMigration> justApplied) {
		Version highest = null;
		for (MigrationInfo migration : this.migrations) {
			if (migration.state().isApplied() && migration.version() != null) {
				highest = higher(highest, migration.version());
			}
		}
		for (AppliedMigration applied : justApplied) {
			if (applied.version() != null) {
				highest = higher(highest, applied.version());
			}
		}
		return Optional.ofNullable(highest);
	}

	private static Version higher(@Nullable Version current, Version candidate) {
		return (current == null || candidate.compareTo(current) > 0) ? candidate : current;
	}

	public StatusReport toStatus() {
		return new StatusReport(this.track, this.historyTable, this.migrations, this.problems);
	}

}
