package dev.cairn.benchmarks;

import java.io.PrintStream;
import java.util.List;

import dev.cairn.benchmarks.db.Server;
import dev.cairn.benchmarks.report.Results;

/** Spring Boot start-up with nothing pending; filled in once the starter exists. */
final class BootBenchmark {

	static final List<String> VARIANTS = List.of("No migration tool", "Cairn starter", "Flyway");

	private final Options options;

	BootBenchmark(Options options, Server server, Results results, PrintStream progress) {
		this.options = options;
	}

	void run() {
	}

}
