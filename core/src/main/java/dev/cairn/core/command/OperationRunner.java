package dev.cairn.core.command;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.TrackSet;
import dev.cairn.core.TrackSetResult;
import dev.cairn.core.Version;

/**
 * Runs one operation over a {@link TrackSet}, on every enabled track in order or on the ones
 * named, as {@code cairn.command}, the endpoint's write operations and the command line do. A
 * failing track stops the operation; tracks after it are reported as not run. Every failure of
 * the engine is caught and reported with its exit code, never thrown.
 */
public class OperationRunner {

	private final TrackSet tracks;

	/**
	 * @param tracks the tracks, in the order they run
	 */
	public OperationRunner(TrackSet tracks) {
		this.tracks = tracks;
	}

	/**
	 * @param cairns the engines, one per track, in the order they migrate unless their
	 * {@code after} says otherwise
	 */
	public OperationRunner(List<Cairn> cairns) {
		this(TrackSet.of(cairns.stream().map(Cairn::configuration).toList()));
	}

	/**
	 * Every track, enabled or not, in run order.
	 * @return their names
	 */
	public List<String> tracks() {
		return this.tracks.names();
	}

	/**
	 * The tracks that run.
	 * @return the names of the enabled tracks, in run order
	 */
	public List<String> enabledTracks() {
		return this.tracks.enabled().stream().map((cairn) -> cairn.configuration().track()).toList();
	}

	/**
	 * The set this runner runs over.
	 * @return the tracks
	 */
	public TrackSet trackSet() {
		return this.tracks;
	}

	/**
	 * Runs the operation.
	 * @param request the operation and its arguments, which must have no
	 * {@link OperationRequest#problems problems}
	 * @param track the one track to run it on, or {@code null} for every enabled track
	 * @return one result per track of the set, in run order; those it did not run on say why
	 * @throws IllegalArgumentException if the request has problems, or the track does not exist
	 * or is disabled
	 */
	public List<OperationResult> run(OperationRequest request, @Nullable String track) {
		return run(request, (track != null) ? List.of(track) : List.of());
	}

	/**
	 * Runs the operation on the tracks named.
	 * @param request the operation and its arguments, which must have no
	 * {@link OperationRequest#problems problems}
	 * @param only the tracks to run it on, by name; empty for every enabled track
	 * @return one result per track of the set, in run order; those it did not run on say why
	 * @throws IllegalArgumentException if the request has problems, or a track named does not
	 * exist or is disabled
	 */
	public List<OperationResult> run(OperationRequest request, List<String> only) {
		Map<String, String> problems = request.problems((name) -> name, Operation::externalName);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems.values()));
		}
		try {
			this.tracks.checkSelection(only);
		}
		catch (CairnConfigurationException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		TrackSetResult result = this.tracks.run(request.operation(), only, (cairn) -> execute(cairn, request));
		return result.tracks().stream().map((outcome) -> OperationResult.of(request.operation(), outcome)).toList();
	}

	private static OperationReport execute(Cairn cairn, OperationRequest request) {
		Version target = request.targetVersion();
		return switch (request.operation()) {
			case MIGRATE -> (target != null) ? cairn.migrateTo(target)
					: (request.steps() != null) ? cairn.migrate(request.steps()) : cairn.migrate();
			case STATUS -> cairn.status();
			case VALIDATE -> cairn.validate();
			case DRY_RUN -> cairn.dryRun();
			case ROLLBACK -> (request.steps() != null) ? cairn.rollback(request.steps()) : cairn.rollbackTo(target);
			case REPAIR -> cairn.repair(request.isAcceptChanges());
			case BASELINE -> cairn.baseline(request.versionValue());
			case FORCE -> cairn.force(request.versionValue(), request.isApplied());
		};
	}

}
