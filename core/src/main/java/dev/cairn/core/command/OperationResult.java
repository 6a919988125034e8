package dev.cairn.core.command;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnException;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.TrackOutcome;

/**
 * What one operation did on one track.
 *
 * @param operation the operation
 * @param track the track
 * @param exitCode its exit code: {@code SUCCESS}, or why it failed; {@code validate} with
 * errors and {@code dry-run} with a failing migration are {@code VALIDATION}
 * @param duration how long it took
 * @param report the engine's report, when the engine returned one
 * @param error why the engine refused or failed
 * @param state whether it ran on the track, and if not, why not (disabled, not selected, or
 * an earlier track failed); a track that did not run has exit code {@code SUCCESS}
 */
public record OperationResult(Operation operation, String track, ExitCode exitCode, Duration duration,
		@Nullable OperationReport report, @Nullable CairnException error, TrackOutcome.State state) {

	/**
	 * The result of one track of an operation over a set of tracks.
	 * @param operation the operation
	 * @param outcome the track's outcome
	 * @return the result, with its exit code
	 */
	public static OperationResult of(Operation operation, TrackOutcome outcome) {
		if (outcome.error() != null) {
			return failed(operation, outcome.track(), outcome.error(), outcome.duration());
		}
		if (outcome.report() != null) {
			return of(operation, outcome.track(), outcome.report(), outcome.duration());
		}
		return new OperationResult(operation, outcome.track(), ExitCode.SUCCESS, outcome.duration(), null, null,
				outcome.state());
	}

	/**
	 * An operation the engine answered with a report.
	 * @param operation the operation
	 * @param track the track
	 * @param report the engine's report
	 * @param duration how long it took
	 * @return the result: {@code SUCCESS}, or {@code VALIDATION} when the report did not succeed
	 */
	public static OperationResult of(Operation operation, String track, OperationReport report, Duration duration) {
		ExitCode exitCode = report.succeeded() ? ExitCode.SUCCESS : ExitCode.VALIDATION;
		return new OperationResult(operation, track, exitCode, duration, report, null,
				report.succeeded() ? TrackOutcome.State.SUCCEEDED : TrackOutcome.State.FAILED);
	}

	/**
	 * An operation the engine refused or failed.
	 * @param operation the operation
	 * @param track the track
	 * @param error what the engine threw
	 * @param duration how long it took
	 * @return the result, with the error's exit code
	 */
	public static OperationResult failed(Operation operation, String track, CairnException error, Duration duration) {
		return new OperationResult(operation, track, ExitCode.of(error), duration, null, error, TrackOutcome.State.FAILED);
	}

	/** Whether the operation ran on this track (and succeeded or failed). */
	public boolean ran() {
		return this.state == TrackOutcome.State.SUCCEEDED || this.state == TrackOutcome.State.FAILED;
	}

	/** Whether the operation succeeded (exit code 0), or did not run on this track. */
	public boolean succeeded() {
		return this.exitCode == ExitCode.SUCCESS;
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
	 * The exit code of a run over several tracks: the worst (highest) of theirs, or
	 * {@code SUCCESS}. A failing track stops the tracks after it, so there is at most one.
	 * @param results the results, in the order the tracks ran
	 * @return the exit code
	 */
	public static ExitCode exitCode(List<OperationResult> results) {
		return results.stream()
			.map(OperationResult::exitCode)
			.max(java.util.Comparator.comparingInt(ExitCode::code))
			.orElse(ExitCode.SUCCESS);
	}

}
