package dev.cairn.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.Operation;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.ValidationResult;

/**
 * What one operation did on one track.
 *
 * @param command the operation
 * @param track the track
 * @param exitCode its exit code: {@code SUCCESS}, or why it failed; {@code validate} with
 * errors and {@code dry-run} with a failing migration are {@code VALIDATION}
 * @param duration how long it took
 * @param report the engine's report ({@code MigrateResult}, {@code StatusReport},
 * {@code ValidationResult}, {@code DryRunResult}, {@code RollbackResult} or
 * {@code ChangeReport}), when the engine returned one
 * @param error why the engine refused or failed
 */
public record OperationResult(Operation command, String track, CairnExitCode exitCode, Duration duration,
		@Nullable Object report, @Nullable CairnException error) {

	static OperationResult of(Operation command, String track, Object report, Duration duration) {
		CairnExitCode exitCode = CairnExitCode.SUCCESS;
		if (report instanceof ValidationResult validation && !validation.isValid()) {
			exitCode = CairnExitCode.VALIDATION;
		}
		if (report instanceof DryRunResult dryRun && !dryRun.succeeded()) {
			exitCode = CairnExitCode.VALIDATION;
		}
		return new OperationResult(command, track, exitCode, duration, report, null);
	}

	static OperationResult failed(Operation command, String track, CairnException error, Duration duration) {
		return new OperationResult(command, track, CairnExitCode.of(error), duration, null, error);
	}

	/** Whether the operation succeeded (exit code 0). */
	public boolean succeeded() {
		return this.exitCode == CairnExitCode.SUCCESS;
	}

	/**
	 * What the operation changed or found, one sentence each; empty for {@code status} and
	 * after a failure.
	 * @return the sentences
	 */
	public List<String> changes() {
		List<String> changes = new ArrayList<>();
		if (this.report instanceof MigrateResult migrate) {
			for (AppliedMigration applied : migrate.applied()) {
				changes.add("applied version " + applied.version() + " (" + applied.script() + ") in "
						+ applied.duration().toMillis() + " ms");
			}
			if (migrate.isNoOp()) {
				changes.add("nothing to apply: the schema is up to date");
			}
		}
		else if (this.report instanceof ValidationResult validation) {
			validation.problems().forEach((problem) -> changes.add(describe(problem)));
			changes.add((validation.isValid() ? "valid" : "not valid") + ": " + validation.pending() + " migration"
					+ ((validation.pending() == 1) ? "" : "s") + " pending");
		}
		else if (this.report instanceof DryRunResult dryRun) {
			for (DryRunResult.Step step : dryRun.steps()) {
				changes.add(switch (step.outcome()) {
					case PROVED -> "version " + step.version() + " (" + step.script() + ") ran without error in "
							+ step.duration().toMillis() + " ms";
					case FAILED -> "version " + step.version() + " (" + step.script() + ") failed: "
							+ RunError.safe(step.error());
					case NOT_PROVABLE -> "version " + step.version() + " (" + step.script()
							+ ") runs without a transaction, so it was not run";
				});
			}
			if (dryRun.steps().isEmpty()) {
				changes.add("nothing pending to try");
			}
		}
		else if (this.report instanceof RollbackResult rollback) {
			for (AppliedMigration undone : rollback.undone()) {
				changes.add("undid version " + undone.version() + " with " + undone.script() + " in "
						+ undone.duration().toMillis() + " ms");
			}
			if (rollback.undone().isEmpty()) {
				changes.add("nothing to roll back");
			}
		}
		else if (this.report instanceof ChangeReport report) {
			changes.addAll(report.changes());
			if (!report.changedAnything()) {
				changes.add("nothing to change");
			}
		}
		return changes;
	}

	/**
	 * A problem as one line: severity, kind and message.
	 * @param problem the problem
	 * @return the line
	 */
	public static String describe(Problem problem) {
		return problem.severity() + " " + problem.kind() + ": " + RunError.safe(problem.message());
	}

}
