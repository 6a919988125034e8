package dev.cairn.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one operation did over a {@link TrackSet}: one outcome for every track of the set, in
 * run order, including those that did not run and why.
 *
 * @param operation the operation
 * @param tracks the outcome of every track, in run order
 */
public record TrackSetResult(Operation operation, List<TrackOutcome> tracks) {

	public TrackSetResult {
		tracks = List.copyOf(tracks);
	}

	/** Whether no track failed. */
	public boolean succeeded() {
		return failure() == null;
	}

	/**
	 * The track that failed and stopped the operation.
	 * @return its outcome, or {@code null} if none failed
	 */
	public @Nullable TrackOutcome failure() {
		return this.tracks.stream().filter((track) -> track.state() == TrackOutcome.State.FAILED).findFirst().orElse(null);
	}

	/**
	 * The tracks that are in a state.
	 * @param state the state
	 * @return their names, in run order
	 */
	public List<String> tracks(TrackOutcome.State state) {
		return this.tracks.stream().filter((track) -> track.state() == state).map(TrackOutcome::track).toList();
	}

	/**
	 * The outcome of one track.
	 * @param track its name
	 * @return its outcome, or {@code null} if the set has no such track
	 */
	public @Nullable TrackOutcome track(String track) {
		return this.tracks.stream().filter((outcome) -> outcome.track().equals(track)).findFirst().orElse(null);
	}

	/**
	 * One line for logs: every track with its state.
	 * @return such as {@code core succeeded, vector failed, enterprise not-run, audit disabled}
	 */
	public String summary() {
		return String.join(", ",
				this.tracks.stream().map((track) -> track.track() + " " + track.state().externalName()).toList());
	}

}
