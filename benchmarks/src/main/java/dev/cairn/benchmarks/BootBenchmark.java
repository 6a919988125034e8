package dev.cairn.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cairn.benchmarks.boot.BenchApplication;
import dev.cairn.benchmarks.boot.BootClassPath;
import dev.cairn.benchmarks.boot.BootVariant;
import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.corpus.Corpus;
import dev.cairn.benchmarks.corpus.CorpusKind;
import dev.cairn.benchmarks.corpus.CorpusWriter;
import dev.cairn.benchmarks.db.Server;
import dev.cairn.benchmarks.jvm.ChildLauncher;
import dev.cairn.benchmarks.report.Measure;
import dev.cairn.benchmarks.report.Results;

/**
 * Spring Boot start-up with nothing pending. Each variant gets a database on which its tool has
 * already applied the trivial corpus (the application without a tool uses Cairn's), then the
 * variants start in rotated order, timed from launching the JVM to the application's ready line
 * (printed on {@code ApplicationReadyEvent}). With several runs, one untimed round first warms
 * the file cache.
 */
final class BootBenchmark {

	static final List<String> VARIANTS = List.of(BootVariant.NONE.title(), BootVariant.CAIRN.title(),
			BootVariant.FLYWAY.title());

	private final Options options;

	private final Server server;

	private final Results results;

	private final PrintStream progress;

	private final ChildLauncher launcher;

	BootBenchmark(Options options, Server server, Results results, PrintStream progress) {
		this.options = options;
		this.server = server;
		this.results = results;
		this.progress = progress;
		this.launcher = new ChildLauncher(options.workDir().resolve("logs"), options.timeoutSeconds());
	}

	void run() throws Exception {
		Corpus corpus = new CorpusWriter(this.options.workDir().resolve("corpora")).write(CorpusKind.TRIVIAL,
				this.options.bootSize());
		Map<BootVariant, String> databases = new EnumMap<>(BootVariant.class);
		try {
			for (BootVariant variant : BootVariant.values()) {
				String database = this.server.createDatabase("boot" + variant.name());
				databases.put(variant, database);
				Contender owner = Contender.named((variant == BootVariant.FLYWAY) ? "flyway" : "cairn");
				owner.migrate(this.server.urlFor(database), corpus);
			}
			List<BootVariant> variants = List.of(BootVariant.values());
			if (this.options.bootRuns() > 1) {
				for (BootVariant variant : variants) {
					start(variant, databases.get(variant), corpus, "warmup");
				}
			}
			for (int run = 0; run < this.options.bootRuns(); run++) {
				for (BootVariant variant : BenchmarkRunner.rotated(variants, run)) {
					double millis = start(variant, databases.get(variant), corpus, Integer.toString(run + 1));
					this.results.add(Measure.BOOT_READY, corpus.id(), variant.title(), millis);
					this.progress.printf(Locale.ROOT, "boot %-12s run %d/%d %-18s ready %6.0f ms%n", corpus.id(), run + 1,
							this.options.bootRuns(), variant.title(), millis);
				}
			}
		}
		finally {
			databases.values().forEach(this.server::dropDatabase);
		}
	}

	private double start(BootVariant variant, String database, Corpus corpus, String label) {
		List<String> command = new ArrayList<>();
		command.add(ChildLauncher.javaExecutable());
		command.add("-cp");
		command.add(BootClassPath.forVariant(variant));
		command.add(BenchApplication.class.getName());
		command.addAll(variant.arguments(this.server.urlFor(database), corpus));
		String logName = "boot-" + corpus.id() + "-" + variant.name().toLowerCase(Locale.ROOT) + "-" + label;
		ChildLauncher.Report report = this.launcher.run(logName, command);
		long cairn = report.value("cairn_beans");
		long flyway = report.value("flyway_beans");
		if ((cairn > 0) != (variant == BootVariant.CAIRN) || (flyway > 0) != (variant == BootVariant.FLYWAY)) {
			throw new IllegalStateException("The " + variant.title() + " application started with " + cairn
					+ " Cairn and " + flyway + " Flyway beans; see " + logName + ".log");
		}
		return BenchmarkRunner.millis(report.arrival("ready_uptime_millis"));
	}

}
