package dev.cairn.benchmarks.report;

/** What is measured, with its unit and the title of its table. */
public enum Measure {

	APPLY("ms", "Apply everything to an empty database"),

	APPLY_CPU("ms", "CPU time of the applying JVM (all its threads; the database server's work is not included)"),

	NOOP_FRESH("ms", "No-op in a fresh JVM: launch to the end of the first migrate call, nothing pending"),

	NOOP_WARM("ms", "No-op as a second call in a warm JVM, nothing pending"),

	NOOP_WARM_CPU("ms", "CPU time of the warm no-op call (the calling thread)"),

	APPLY_SMALL_HEAP("ms", "Apply with the heap capped at -Xmx32m (no figure: the contender failed; see the notes)"),

	PEAK_HEAP("MB", "Peak heap used while applying (default JVM settings, garbage included)"),

	PEAK_AFTER_GC("MB", "Peak heap right after a collection while applying (upper bound of live data; 0 = no GC ran)"),

	ALLOCATED("MB", "Bytes allocated while applying"),

	BOOT_READY("ms", "Spring Boot start-up with nothing pending: launch to ApplicationReadyEvent");

	private final String unit;

	private final String title;

	Measure(String unit, String title) {
		this.unit = unit;
		this.title = title;
	}

	public String unit() {
		return this.unit;
	}

	public String title() {
		return this.title;
	}

}
