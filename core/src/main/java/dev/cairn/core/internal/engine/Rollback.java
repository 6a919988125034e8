package dev.cairn.core.internal.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.Version;
import dev.cairn.core.internal.engine.Track.LockedRun;
import dev.cairn.core.Problem.Kind;
import dev.cairn.core.internal.apply.MigrationExecutor;
import dev.cairn.core.internal.apply.WorkSession;
import dev.cairn.core.internal.plan.Plan;
import dev.cairn.core.internal.plan.Planner;
import dev.cairn.core.internal.migration.InvalidMigrationException;
import dev.cairn.core.internal.migration.JavaClassMigration;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedMigration;

/**
 * Undoes applied migrations with their down files, most recently applied first. Everything
 * in the requested range is checked before the first down file runs: each migration must
 * still be on disk, unchanged, with a down file that parses.
 */
final class Rollback {

	private static final Logger logger = LoggerFactory.getLogger(Rollback.class);

	/** History problems that make any rollback unsafe until an operator looks. */
	private static final Set<Kind> BLOCKING = EnumSet.of(Kind.IN_PROGRESS, Kind.FAILED, Kind.INVALID_HISTORY_ROW);

	private final Plan plan;

	private final MigrationExecutor executor;

	private final LockedRun run;

	private final Planner planner;

	Rollback(Plan plan, MigrationExecutor executor, LockedRun run, Planner planner) {
		this.plan = plan;
		this.planner = planner;
		this.executor = executor;
		this.run = run;
	}

	RollbackResult steps(int steps) {
		List<MigrationInfo> order = this.plan.toStatus().rollbackOrder();
		if (steps > order.size()) {
			throw new CairnConfigurationException("Track '" + this.plan.track() + "': cannot roll back " + steps
					+ " migrations: only " + order.size() + " are applied");
		}
		return undo(order.subList(0, steps));
	}

	RollbackResult to(Version target) {
		return undo(this.plan.toStatus()
			.rollbackOrder()
			.stream()
			.filter((info) -> info.version() != null && info.version().compareTo(target) > 0)
			.toList());
	}

	private RollbackResult undo(List<MigrationInfo> selected) {
		List<Problem> problems = new ArrayList<>(
				this.plan.problems().stream().filter((problem) -> BLOCKING.contains(problem.kind())).toList());
		List<PreparedMigration> undos = new ArrayList<>();
		for (MigrationInfo info : selected) {
			if (info.type() == MigrationType.SNAPSHOT) {
				problems.add(Problem.error(Kind.ORPHAN_DOWN, info.version(), List.of(info.script()), info.script()
						+ ": version " + info.version() + " was recorded as applied by the initial-schema snapshot, which"
						+ " installed the schema at once without running it, so its down file never ran either and the"
						+ " schema the snapshot made need not match what it undoes: roll back only the migrations"
						+ " applied after the snapshot (to its version at the lowest), or restore a backup"));
				continue;
			}
			Migration migration = HistoryEdits.find(this.run.catalog(), info.version()).orElse(null);
			if (migration == null || !migration.undoable()) {
				boolean java = migration instanceof JavaClassMigration
						|| info.type() == MigrationType.JAVA || info.type() == MigrationType.JAVA_NO_TRANSACTION;
				problems.add(Problem.error(Kind.ORPHAN_DOWN, info.version(), List.of(info.script()), info.script()
						+ ": version " + info.version() + (java ? " is a Java migration without undo (its undoable()"
								+ " returns false)" : " has no down file")
						+ ((migration == null) ? (java ? " and is no longer registered" : " (its up file is gone too)") : "")
						+ ", so it cannot be rolled back: " + (java ? "implement undo()" : "add one")
						+ ", or roll back fewer versions"));
				continue;
			}
			if (info.state() != MigrationState.APPLIED) {
				problems.add(Problem.error(Kind.DRIFT, info.version(), List.of(info.script()), info.script() + ": version "
						+ info.version() + " is " + info.state().displayName()
						+ ", so its down file may not match what ran: restore the file or run repair with accept-changes"));
				continue;
			}
			try {
				undos.add(this.planner.prepareUndo(migration));
			}
			catch (InvalidMigrationException ex) {
				problems.add(Problem.error(Kind.INVALID_SCRIPT, info.version(), List.of(migration.undoName()),
						ex.getMessage()));
			}
		}
		CairnValidationException.throwIfErrors(this.plan.track(), problems);
		List<AppliedMigration> undone = new ArrayList<>();
		if (!undos.isEmpty()) {
			this.run.requireWritableHistory(this.plan.track(), this.plan.historyTable(), "roll back");
			WorkSession session = this.run.work(this.run.history().size());
			for (PreparedMigration undo : undos) {
				undone.add(this.executor.undo(session, undo));
			}
		}
		logger.info("Track '{}': rolled back {} migration{}", this.plan.track(), undone.size(),
				(undone.size() == 1) ? "" : "s");
		return new RollbackResult(this.plan.track(), this.plan.historyTable(), undone, this.run.lock().waited(),
				Track.elapsedSince(this.run.start()));
	}

}
