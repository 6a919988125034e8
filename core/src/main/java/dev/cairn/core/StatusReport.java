package dev.cairn.core;

import java.util.List;
import java.util.Optional;

/**
 * The full picture of one track: every migration on disk or in history, and every problem.
 *
 * @param track the track's name
 * @param historyTable the qualified history table
 * @param migrations every migration in ascending version order (repeatables last)
 * @param problems every problem found, errors and warnings
 */
public record StatusReport(String track, String historyTable, List<MigrationInfo> migrations,
		List<Problem> problems) implements OperationReport {

	public StatusReport {
		migrations = List.copyOf(migrations);
		problems = List.copyOf(problems);
	}

	public long count(MigrationState state) {
		return this.migrations.stream().filter((migration) -> migration.state() == state).count();
	}

	/** Migrations recorded as applied (including drifted, renamed and missing ones). */
	public long appliedCount() {
		return this.migrations.stream().filter((migration) -> migration.state().isApplied()).count();
	}

	/** Migrations the next run applies: pending ones and repeatables changed since they were applied. */
	public long pendingCount() {
		return count(MigrationState.PENDING) + count(MigrationState.OUTDATED);
	}

	/** Failed or interrupted non-transactional migrations. */
	public long failedCount() {
		return count(MigrationState.FAILED) + count(MigrationState.IN_PROGRESS);
	}

	public boolean hasErrors() {
		return this.problems.stream().anyMatch(Problem::isError);
	}

	/** Whether nothing is pending and nothing stops a run. */
	public boolean isUpToDate() {
		return pendingCount() == 0 && !hasErrors();
	}

	/**
	 * The applied migrations in the order {@link Cairn#rollback(int)} undoes them: the most
	 * recently applied first, so a gap applied after higher versions is undone before them.
	 */
	public List<MigrationInfo> rollbackOrder() {
		return this.migrations.stream()
			.filter((migration) -> migration.state().isApplied() && migration.appliedOrder() != null
					&& migration.version() != null)
			.sorted(java.util.Comparator.comparing(MigrationInfo::appliedOrder).reversed())
			.toList();
	}


	/** None: a status is a table, not a list of changes. */
	@Override
	public List<String> sentences() {
		return List.of();
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.status(this);
	}

	public Optional<MigrationInfo> find(Version version) {
		return this.migrations.stream().filter((migration) -> version.equals(migration.version())).findFirst();
	}

}
