package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.CairnException;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.internal.engine.Track.LockedRun;
import dev.cairn.core.DryRunResult.Outcome;
import dev.cairn.core.DryRunResult.Step;
import dev.cairn.core.LockWaitSettings;
import dev.cairn.core.internal.apply.ServerError;
import dev.cairn.core.internal.apply.StatementLimits;
import dev.cairn.core.internal.apply.JavaTrial;
import dev.cairn.core.internal.migration.PreparedJava;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.plan.PendingMigration;
import dev.cairn.core.internal.plan.Plan;
import dev.cairn.core.internal.sql.SqlStatement;
import dev.cairn.core.internal.sql.Tokens;

/**
 * Proves the pending migrations on the real database: all of them run, in order, inside one
 * transaction with a savepoint each, so later migrations see what earlier ones did; the
 * transaction is always rolled back. Statements run one at a time so a failure names its line.
 * What a rollback does not undo is put back afterwards where it can be (see {@link SequenceGuard}).
 */
final class DryRun {

	private static final Logger logger = LoggerFactory.getLogger(DryRun.class);

	private final Plan plan;

	private final LockedRun run;

	private final TrialLocks locks;

	private final LockWaitSettings lockWait;

	private final dev.cairn.core.JavaMigrationScope scope;

	/** A dry run of a plan without errors, under the lock. */
	DryRun(Plan plan, LockedRun run, long largeTableBytes, String historyTable, LockWaitSettings lockWait,
			dev.cairn.core.JavaMigrationScope scope) {
		this.plan = plan;
		this.run = run;
		this.lockWait = lockWait;
		this.locks = new TrialLocks(largeTableBytes, historyTable);
		this.scope = scope;
	}

	DryRunResult run() {
		Plan plan = this.plan;
		List<Step> steps = new ArrayList<>();
		if (plan.pending().isEmpty()) {
			return new DryRunResult(plan.track(), steps, Track.elapsedSince(this.run.start()));
		}
		// On the work session: a trial that releases advisory locks must not release the migration lock.
		Connection connection = this.run.work(this.run.history().size()).connection();
		List<String> leftovers = new ArrayList<>();
		SequenceGuard guard = new SequenceGuard(connection);
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute("BEGIN");
			try {
				this.locks.start(statement);
				String unguarded = guard.start(statement);
				if (unguarded != null) {
					leftovers.add(unguarded);
				}
				String earlier = null;
				for (PendingMigration pending : plan.pending()) {
					Step step = trial(statement, pending, earlier);
					if (earlier == null && step.outcome() != Outcome.PROVED) {
						earlier = step.script() + ((step.outcome() == Outcome.FAILED) ? " failed" : " did not run");
					}
					steps.add(step);
				}
				guard.beforeRollback(statement);
			}
			finally {
				statement.execute("ROLLBACK");
				// A Java migration's trial turns the driver's auto-commit off (see JavaTrial).
				if (!connection.getAutoCommit()) {
					connection.setAutoCommit(true);
				}
			}
			leftovers.addAll(guard.restore(statement));
		}
		catch (SQLException ex) {
			throw new CairnException("Track '" + plan.track() + "': the dry run lost its connection: " + ex.getMessage()
					+ "; it was rolled back, nothing was written", ex);
		}
		steps.forEach((step) -> logger.info("Track '{}': dry run {} ({}): {}{}", plan.track(), step.script(),
				(step.version() != null) ? "version " + step.version() : "repeatable", step.outcome(), (step.error() != null) ? " " + step.error() : ""));
		leftovers.forEach((leftover) -> logger.warn("Track '{}': dry run left {}", plan.track(), leftover));
		return new DryRunResult(plan.track(), steps, Track.elapsedSince(this.run.start()), leftovers);
	}

	private Step javaTrial(Statement statement, PreparedJava java, @Nullable String earlier) throws SQLException {
		String script = java.migration().displayName();
		if (!java.migration().transactional()) {
			return new Step(java.migration().version(), script, Outcome.NOT_PROVABLE, Duration.ZERO,
					"runs without a transaction (transactional() is false), so it cannot be tried and rolled back;"
							+ " migrations after it may fail here only because it did not run",
					0, null);
		}
		long start = System.nanoTime();
		statement.execute("SAVEPOINT cairn_dry_run");
		String error;
		try {
			error = JavaTrial.run(statement.getConnection(), java, this.plan.track(), this.scope);
		}
		catch (JavaTrial.Ended ex) {
			throw new CairnException("Track '" + this.plan.track() + "': the dry run stopped at " + script + ": "
					+ ex.getMessage() + ". Whatever earlier migrations of this dry run did may have been committed"
					+ " with it: check the database. A Java migration must not end its transaction.", ex);
		}
		if (error == null) {
			statement.execute("RELEASE SAVEPOINT cairn_dry_run");
			return new Step(java.migration().version(), script, Outcome.PROVED, Track.elapsedSince(start), null, 0,
					null);
		}
		statement.execute("ROLLBACK TO SAVEPOINT cairn_dry_run");
		return new Step(java.migration().version(), script, Outcome.FAILED, Track.elapsedSince(start), script + ": "
				+ error + ((earlier != null) ? "; this may only follow from an earlier migration: " + earlier
						+ " in this dry run" : ""), 0, null);
	}

	/**
	 * @param earlier the first earlier migration that failed or did not run, if any: a failure
	 * here may only follow from it, and says so
	 */
	private Step trial(Statement statement, PendingMigration pending, @Nullable String earlier) throws SQLException {
		String script = pending.migration().displayName();
		// The kinds are sealed; a new kind brings its own trial here.
		if (pending.prepared() instanceof PreparedJava java) {
			return javaTrial(statement, java, earlier);
		}
		if (!(pending.prepared() instanceof PreparedSql sql)) {
			throw new IllegalStateException("No dry run for " + pending.prepared().getClass().getName());
		}
		if (!sql.script().transactional()) {
			return new Step(pending.migration().version(), script, Outcome.NOT_PROVABLE, Duration.ZERO,
					"runs without a transaction (-- cairn:no-transaction), so it cannot be tried and rolled back;"
							+ " migrations after it may fail here only because it did not run",
					0, null);
		}
		long start = System.nanoTime();
		statement.execute("SAVEPOINT cairn_dry_run");
		SqlStatement current = null;
		List<DryRunResult.StatementTiming> timings = new ArrayList<>();
		try {
			// The timeouts the real run would use: a trial behind a long transaction gives up as the run would.
			for (String set : StatementLimits.of(this.lockWait, sql.script()).prelude(true)) {
				statement.execute(set);
			}
			for (SqlStatement each : sql.script().statements()) {
				current = each;
				long began = System.nanoTime();
				statement.execute(each.sql());
				timings.add(new DryRunResult.StatementTiming(each.line(), Tokens.firstWords(each.sql(), 4),
						Track.elapsedSince(began)));
			}
			// Before the rollback: which table locks this migration holds that no earlier one took.
			List<DryRunResult.LockTaken> locks = this.locks.taken(statement);
			statement.execute("RELEASE SAVEPOINT cairn_dry_run");
			return new Step(pending.migration().version(), script, Outcome.PROVED, Track.elapsedSince(start), null, 0,
					null, locks, timings);
		}
		catch (SQLException ex) {
			statement.execute("ROLLBACK TO SAVEPOINT cairn_dry_run");
			ServerError error = ServerError.of(ex, current, sql.text(), statement.getConnection());
			String message = script + ":" + error.line() + ": " + sql.mask(error.message()) + " (SQLSTATE " + error.sqlState() + ")"
					+ ((earlier != null) ? "; this may only follow from an earlier migration: " + earlier
							+ " in this dry run" : "");
			return new Step(pending.migration().version(), script, Outcome.FAILED, Track.elapsedSince(start), message,
					error.line(), error.sqlState());
		}
	}

}
