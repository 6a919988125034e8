package dev.cairn.core.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Version;

/**
 * Runs one operation on every track in order, or on one, as {@code cairn.command}, the
 * endpoint's write operations and the command line do. A failing track stops the operation;
 * tracks after it are not touched. Every failure of the engine is caught and reported with its
 * exit code, never thrown.
 */
public class OperationRunner {

	private final List<Cairn> cairns;

	/**
	 * @param cairns the engines, one per track, in the order they migrate
	 */
	public OperationRunner(List<Cairn> cairns) {
		this.cairns = List.copyOf(cairns);
	}

	/**
	 * The tracks, in order.
	 * @return their names
	 */
	public List<String> tracks() {
		return this.cairns.stream().map((cairn) -> cairn.configuration().track()).toList();
	}

	/**
	 * Runs the operation.
	 * @param request the operation and its arguments, which must have no
	 * {@link OperationRequest#problems problems}
	 * @param track the one track to run it on, or {@code null} for every track
	 * @return one result per track it ran on, the failed one last
	 * @throws IllegalArgumentException if the request has problems or the track does not exist
	 */
	public List<OperationResult> run(OperationRequest request, @Nullable String track) {
		Map<String, String> problems = request.problems((name) -> name, Operation::externalName);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems.values()));
		}
		List<Cairn> selected = this.cairns.stream()
			.filter((cairn) -> track == null || cairn.configuration().track().equals(track))
			.toList();
		if (track != null && selected.isEmpty()) {
			throw new IllegalArgumentException("No track '" + track + "'; the tracks are " + tracks());
		}
		List<OperationResult> results = new ArrayList<>();
		for (Cairn cairn : selected) {
			OperationResult result = run(cairn, request);
			results.add(result);
			if (!result.succeeded()) {
				break;
			}
		}
		return results;
	}

	private static OperationResult run(Cairn cairn, OperationRequest request) {
		String track = cairn.configuration().track();
		Operation operation = request.operation();
		long start = System.nanoTime();
		try {
			OperationReport report = execute(cairn, request);
			return OperationResult.of(operation, track, report, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (CairnException ex) {
			return OperationResult.failed(operation, track, ex, Duration.ofNanos(System.nanoTime() - start));
		}
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
