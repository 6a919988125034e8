package dev.cairn.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnException;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;

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
		@Nullable OperationReport report, @Nullable CairnException error) {

	static OperationResult of(Operation command, String track, OperationReport report, Duration duration) {
		CairnExitCode exitCode = report.succeeded() ? CairnExitCode.SUCCESS : CairnExitCode.VALIDATION;
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
		return (this.report != null) ? this.report.sentences() : List.of();
	}

	/**
	 * A problem as one line: severity, kind and message.
	 * @param problem the problem
	 * @return the line
	 */
	public static String describe(Problem problem) {
		return problem.describe();
	}

}
