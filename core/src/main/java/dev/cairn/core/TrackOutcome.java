package dev.cairn.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one operation of a {@link TrackSet} did on one of its tracks, including the tracks it
 * did not run on and why.
 *
 * @param track the track's name
 * @param state whether it ran, and how it ended
 * @param duration how long it took; zero when it did not run
 * @param report the engine's report, when the engine returned one
 * @param error why the engine refused or failed
 */
public record TrackOutcome(String track, State state, Duration duration, @Nullable OperationReport report,
		@Nullable CairnException error) {

	/**
	 * How a track fared in an operation over a set of tracks.
	 */
	public enum State {

		/** It ran and found nothing wrong. */
		SUCCEEDED,

		/** It ran and failed, refused to run, or reported an error ({@code validate}, {@code dry-run}). */
		FAILED,

		/** It did not run because a track before it failed. */
		NOT_RUN,

		/** It is switched off ({@code enabled=false}). */
		DISABLED,

		/** It is enabled, but the operation was asked for other tracks by name. */
		NOT_SELECTED;

		/**
		 * The state as written in JSON and logs: lower case with dashes ({@code not-run}).
		 * @return the name
		 */
		public String externalName() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/** Whether the operation ran on this track (and succeeded or failed). */
	public boolean ran() {
		return this.state == State.SUCCEEDED || this.state == State.FAILED;
	}

	static TrackOutcome of(String track, OperationReport report, Duration duration) {
		return new TrackOutcome(track, report.succeeded() ? State.SUCCEEDED : State.FAILED, duration, report, null);
	}

	static TrackOutcome failed(String track, CairnException error, Duration duration) {
		return new TrackOutcome(track, State.FAILED, duration, null, error);
	}

	static TrackOutcome skipped(String track, State state) {
		return new TrackOutcome(track, state, Duration.ZERO, null, null);
	}

}
