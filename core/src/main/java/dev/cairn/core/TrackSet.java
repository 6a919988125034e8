package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered set of tracks in one database: several independent series of migrations, each
 * with its own history table and lock, run one after the other. The one place that decides
 * the order ({@link TrackSettings#after()}, else the order given), checks that the tracks do
 * not step on each other, and runs an operation over them; the starter, command mode and any
 * command line call it rather than looping over tracks themselves.
 *
 * <p>A track that fails or refuses stops the operation: the tracks after it do not run, and the
 * {@link TrackSetResult} says so. A disabled track never runs and is reported as disabled.
 */
public final class TrackSet {

	private static final Logger logger = LoggerFactory.getLogger(TrackSet.class);

	private final List<Cairn> tracks;

	private TrackSet(List<Cairn> tracks) {
		this.tracks = List.copyOf(tracks);
	}

	/**
	 * Tracks sharing one engine's settings (data source, timeouts, listeners).
	 * @param engine the settings every track shares
	 * @param tracks each track's own settings, in the order they run unless {@code after} says
	 * otherwise
	 * @return the checked, ordered set
	 * @throws CairnConfigurationException naming every conflict: two tracks with one name or one
	 * history table, a takeover table claimed twice, an {@code after} that names no track, a
	 * disabled track or a cycle
	 */
	public static TrackSet of(EngineSettings engine, List<TrackSettings> tracks) {
		return of(tracks.stream().map((track) -> CairnConfiguration.of(engine, track)).toList());
	}

	/**
	 * Tracks from configurations of their own.
	 * @param tracks the tracks, in the order they run unless {@code after} says otherwise
	 * @return the checked, ordered set
	 * @throws CairnConfigurationException naming every conflict
	 */
	public static TrackSet of(List<CairnConfiguration> tracks) {
		List<String> mistakes = new ArrayList<>();
		checkNames(tracks, mistakes);
		checkTables(tracks, mistakes);
		checkAfter(tracks, mistakes);
		List<CairnConfiguration> ordered = mistakes.isEmpty() ? order(tracks, mistakes) : tracks;
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid Cairn tracks:\n  - " + String.join("\n  - ", mistakes));
		}
		return new TrackSet(ordered.stream().map(Cairn::new).toList());
	}

	/**
	 * Every track, enabled or not, in run order.
	 * @return the engines, one per track
	 */
	public List<Cairn> tracks() {
		return this.tracks;
	}

	/**
	 * The tracks that run, in order.
	 * @return the engines of the enabled tracks
	 */
	public List<Cairn> enabled() {
		return this.tracks.stream().filter((cairn) -> cairn.configuration().trackSettings().enabled()).toList();
	}

	/**
	 * The names of every track, in run order.
	 * @return the names
	 */
	public List<String> names() {
		return this.tracks.stream().map((cairn) -> cairn.configuration().track()).toList();
	}

	/**
	 * One track, enabled or not.
	 * @param name its name
	 * @return its engine, or {@code null} if the set has no such track
	 */
	public @Nullable Cairn track(String name) {
		return this.tracks.stream().filter((cairn) -> cairn.configuration().track().equals(name)).findFirst().orElse(null);
	}

	/**
	 * Applies every enabled track's pending migrations, track after track.
	 * @return every track's outcome; a failed track holds the engine's exception
	 */
	public TrackSetResult migrate() {
		return run(Operation.MIGRATE, List.of(), Cairn::migrate);
	}

	/**
	 * Checks that an operation can be asked for these tracks by name.
	 * @param only the names; empty for every enabled track
	 * @throws CairnConfigurationException if a name is no track of this set or a disabled one
	 */
	public void checkSelection(Collection<String> only) {
		List<String> mistakes = new ArrayList<>();
		for (String name : only) {
			Cairn cairn = track(name);
			if (cairn == null) {
				mistakes.add("No track '" + name + "': the tracks are " + names());
			}
			else if (!cairn.configuration().trackSettings().enabled()) {
				mistakes.add("Track '" + name + "' is disabled: enable it (enabled=true) to run an operation on it");
			}
		}
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException(String.join("; ", mistakes));
		}
	}

	/**
	 * Runs one operation on the enabled tracks, in order, stopping at the first that fails.
	 * @param operation what the action is, for the result
	 * @param only the tracks to run it on, by name; empty for every enabled track
	 * @param action the operation on one track
	 * @return every track's outcome
	 * @throws CairnConfigurationException before anything runs, if {@code only} names no track
	 * of this set or a disabled one
	 */
	public TrackSetResult run(Operation operation, Collection<String> only,
			Function<Cairn, ? extends OperationReport> action) {
		checkSelection(only);
		List<TrackOutcome> outcomes = new ArrayList<>();
		boolean failed = false;
		for (Cairn cairn : this.tracks) {
			String name = cairn.configuration().track();
			if (!cairn.configuration().trackSettings().enabled()) {
				outcomes.add(TrackOutcome.skipped(name, TrackOutcome.State.DISABLED));
			}
			else if (!only.isEmpty() && !only.contains(name)) {
				outcomes.add(TrackOutcome.skipped(name, TrackOutcome.State.NOT_SELECTED));
			}
			else if (failed) {
				outcomes.add(TrackOutcome.skipped(name, TrackOutcome.State.NOT_RUN));
			}
			else {
				TrackOutcome outcome = runOne(cairn, action);
				failed = outcome.state() == TrackOutcome.State.FAILED;
				outcomes.add(outcome);
			}
		}
		TrackSetResult result = new TrackSetResult(operation, outcomes);
		if (this.tracks.size() > 1) {
			log(result);
		}
		return result;
	}

	private static TrackOutcome runOne(Cairn cairn, Function<Cairn, ? extends OperationReport> action) {
		String name = cairn.configuration().track();
		long start = System.nanoTime();
		try {
			return TrackOutcome.of(name, action.apply(cairn), Duration.ofNanos(System.nanoTime() - start));
		}
		catch (CairnException ex) {
			return TrackOutcome.failed(name, ex, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private static void log(TrackSetResult result) {
		TrackOutcome failure = result.failure();
		String line = "Tracks, " + result.operation().externalName() + ": " + result.summary();
		if (failure != null) {
			List<String> notRun = result.tracks(TrackOutcome.State.NOT_RUN);
			logger.warn(line + "; track '" + failure.track() + "' failed"
					+ (notRun.isEmpty() ? "" : ", so " + notRun + " did not run"));
		}
		else {
			logger.info(line);
		}
	}

	private static void checkNames(List<CairnConfiguration> tracks, List<String> mistakes) {
		Map<String, String> seen = new LinkedHashMap<>();
		for (CairnConfiguration track : tracks) {
			String name = track.track();
			String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
			if (earlier != null) {
				mistakes.add(earlier.equals(name) ? "two tracks are named '" + name + "': give each track its own name"
						: "tracks '" + earlier + "' and '" + name + "' differ only in case: logs, metrics and"
								+ " properties would mix them up; give each track a distinct name");
			}
		}
	}

	/**
	 * Two tracks in one history table would see each other's rows as unknown, and two takeovers of
	 * one legacy table would both record its versions. Names are compared ignoring case: the
	 * history table refuses one that differs from an existing table only in case.
	 */
	private static void checkTables(List<CairnConfiguration> tracks, List<String> mistakes) {
		Map<String, String> history = new LinkedHashMap<>();
		for (CairnConfiguration track : tracks) {
			String key = key(track.schema(), track.table());
			String earlier = history.putIfAbsent(key, track.track());
			if (earlier != null) {
				mistakes.add("tracks '" + earlier + "' and '" + track.track() + "' share the history table "
						+ track.schema() + "." + track.table() + (sameCase(tracks, key) ? "" : " (the names differ only in case)")
						+ ": give each track its own table");
			}
		}
		Map<String, String> legacy = new LinkedHashMap<>();
		for (CairnConfiguration track : tracks) {
			if (!track.takeover() || !track.trackSettings().enabled()) {
				continue;
			}
			// goose's, gormigrate's and Prisma's tables are not compared: the starter names them after each
			// track, and a program building tracks itself names them where it takes those over.
			for (String table : List.of(track.golangMigrateTable(), track.flywayTable())) {
				String key = key(track.schema(), table);
				String owner = history.get(key);
				if (owner != null) {
					mistakes.add("track '" + track.track() + "' would take over " + track.schema() + "." + table
							+ ", the history table of track '" + owner + "': name another legacy table or turn its"
							+ " takeover off");
					continue;
				}
				String earlier = legacy.putIfAbsent(key, track.track());
				if (earlier != null) {
					mistakes.add("tracks '" + earlier + "' and '" + track.track() + "' would both take over "
							+ track.schema() + "." + table + " (each would record its versions as applied): name each"
							+ " track's legacy table (golangMigrateTable, flywayTable) or turn takeover off for one");
				}
			}
		}
	}

	private static boolean sameCase(List<CairnConfiguration> tracks, String key) {
		return tracks.stream()
			.filter((track) -> key(track.schema(), track.table()).equals(key))
			.map((track) -> track.schema() + "." + track.table())
			.distinct()
			.count() == 1;
	}

	private static String key(String schema, String table) {
		return schema.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
	}

	private static void checkAfter(List<CairnConfiguration> tracks, List<String> mistakes) {
		Map<String, CairnConfiguration> byName = new LinkedHashMap<>();
		tracks.forEach((track) -> byName.putIfAbsent(track.track(), track));
		for (CairnConfiguration track : tracks) {
			for (String other : track.trackSettings().after()) {
				CairnConfiguration earlier = byName.get(other);
				if (earlier == null) {
					mistakes.add("track '" + track.track() + "' runs after '" + other + "', which is no track: the tracks"
							+ " are " + byName.keySet() + "; fix the name or remove it from after");
				}
				else if (track.trackSettings().enabled() && !earlier.trackSettings().enabled()) {
					mistakes.add("track '" + track.track() + "' runs after '" + other + "', which is disabled: its"
							+ " tables may be missing; enable '" + other + "', disable '" + track.track()
							+ "' too, or remove '" + other + "' from after");
				}
			}
		}
	}

	/**
	 * Orders the tracks so that each runs after those it names, keeping the given order where
	 * {@code after} says nothing.
	 */
	private static List<CairnConfiguration> order(List<CairnConfiguration> tracks, List<String> mistakes) {
		List<CairnConfiguration> ordered = new ArrayList<>();
		Set<String> placed = new LinkedHashSet<>();
		List<CairnConfiguration> left = new ArrayList<>(tracks);
		while (!left.isEmpty()) {
			CairnConfiguration next = left.stream()
				.filter((track) -> placed.containsAll(track.trackSettings().after()))
				.findFirst()
				.orElse(null);
			if (next == null) {
				mistakes.add("the tracks " + left.stream().map(CairnConfiguration::track).toList()
						+ " run after each other in a cycle (" + cycle(left) + "): remove one of these after entries");
				return tracks;
			}
			ordered.add(next);
			placed.add(next.track());
			left.remove(next);
		}
		return ordered;
	}

	private static String cycle(List<CairnConfiguration> left) {
		return String.join(", ", left.stream()
			.filter((track) -> !track.trackSettings().after().isEmpty())
			.map((track) -> track.track() + " after " + String.join(", ", track.trackSettings().after()))
			.toList());
	}

}
