package dev.cairn.benchmarks.report;

import java.util.Optional;

/**
 * Cairn's targets from the benchmark issue, checked against one run's medians. Tests never
 * check these: they are reported next to the figures.
 */
final class Targets {

	static final String CAIRN = "Cairn";

	static final String FLOOR = "Floor";

	static final String CAIRN_JAR = "CairnJar";

	static final String FLOOR_JAR = "FloorJar";

	static final String BOOT_CAIRN = "Cairn starter";

	static final String BOOT_FLYWAY = "Flyway";

	/** Peak heap while applying this many migrations must stay under {@link #HEAP_LIMIT_MB}. */
	static final String HEAP_TARGET_SIZE = "-1000";

	static final double HEAP_LIMIT_MB = 32;

	private Targets() {
	}

	static String verdict(Results results, Measure measure, String row) {
		return switch (measure) {
			case APPLY -> ratioTarget(results, measure, row, 1.0);
			case NOOP_FRESH, NOOP_WARM -> ratioTarget(results, measure, row, 1.1);
			case PEAK_HEAP -> row.endsWith(HEAP_TARGET_SIZE) ? heapTarget(results, row) : "";
			case APPLY_SMALL_HEAP -> results.stats(measure, row, CAIRN).isPresent() ? "runs in 32 MB: met"
					: "runs in 32 MB: **missed**";
			case BOOT_READY -> bootTarget(results, row);
			default -> "";
		};
	}

	private static String ratioTarget(Results results, Measure measure, String row, double limit) {
		String target = "≤ " + MarkdownReport.ratio(limit) + " floor";
		String folder = ratio(results, measure, row, limit, CAIRN, FLOOR);
		String jar = ratio(results, measure, row, limit, CAIRN_JAR, FLOOR_JAR);
		if (folder.isEmpty() && jar.isEmpty()) {
			return target;
		}
		return target + ": " + folder + ((!folder.isEmpty() && !jar.isEmpty()) ? "; " : "")
				+ (jar.isEmpty() ? "" : "in a jar " + jar);
	}

	/** "met (0.98x)" for Cairn against its floor, empty when one of them was not measured. */
	private static String ratio(Results results, Measure measure, String row, double limit, String cairnName,
			String floorName) {
		Optional<Stats> cairn = results.stats(measure, row, cairnName);
		Optional<Stats> floor = results.stats(measure, row, floorName);
		if (cairn.isEmpty() || floor.isEmpty() || floor.get().median() <= 0) {
			return "";
		}
		double ratio = cairn.get().median() / floor.get().median();
		return ((ratio <= limit) ? "met" : "**missed**") + " (" + MarkdownReport.ratio(ratio) + ")";
	}

	private static String heapTarget(Results results, String row) {
		Optional<Stats> cairn = results.stats(Measure.PEAK_HEAP, row, CAIRN);
		String target = "≤ " + MarkdownReport.number(HEAP_LIMIT_MB) + " MB";
		return cairn.map((stats) -> target + ": " + ((stats.median() <= HEAP_LIMIT_MB) ? "met" : "**missed**"))
			.orElse(target);
	}

	private static String bootTarget(Results results, String row) {
		Optional<Stats> cairn = results.stats(Measure.BOOT_READY, row, BOOT_CAIRN);
		Optional<Stats> flyway = results.stats(Measure.BOOT_READY, row, BOOT_FLYWAY);
		String target = "≤ Flyway";
		if (cairn.isEmpty() || flyway.isEmpty()) {
			return target;
		}
		double ratio = cairn.get().median() / flyway.get().median();
		return target + ": " + ((ratio <= 1.0) ? "met" : "**missed**") + " (" + MarkdownReport.ratio(ratio)
				+ " Flyway)";
	}

}
