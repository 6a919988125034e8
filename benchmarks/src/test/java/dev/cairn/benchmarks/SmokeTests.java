package dev.cairn.benchmarks;


import org.junit.jupiter.api.Test;

import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.db.Server;
import dev.cairn.benchmarks.report.Measure;
import dev.cairn.benchmarks.report.Results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves the benchmark still works, on the tiniest corpora: every contender applies the mixed
 * corpus in a child JVM and runs the no-op, the runner checks that all of them leave the same
 * schema (it fails otherwise), and each Spring Boot variant starts once with its tool wired.
 * Times are never asserted.
 */
class SmokeTests {

	@Test
	void everyContenderAppliesTheTiniestCorporaToTheSameSchema() throws Exception {
		Server server = Server.fromEnvironment();
		assumeTrue(server.isReachable(), () -> "Skipped: no PostgreSQL answers at " + server.adminUrl()
				+ "; set CAIRN_TEST_JDBC_URL (or CAIRN_BENCH_JDBC_URL) to run the benchmark smoke test");
		// The mixed corpus alone: it is the one that can trip a splitter, and it keeps the test short.
		String[] args = { "--sizes", "10", "--runs", "1", "--corpora", "mixed", "--heap-check-size", "0",
				"--boot-size", "10", "--boot-runs", "1", "--work", "target/bench-smoke" };
		Results results = new Results();
		String report = Main.run(Options.parse(args), server, args, results);
		for (Contender contender : Contender.all()) {
			for (Measure measure : new Measure[] { Measure.APPLY, Measure.NOOP_FRESH, Measure.NOOP_WARM,
					Measure.PEAK_HEAP, Measure.ALLOCATED }) {
				assertThat(results.stats(measure, "mixed-10", contender.name())).as(measure + " " + contender.name())
					.isPresent();
			}
		}
		for (String variant : BootBenchmark.VARIANTS) {
			assertThat(results.stats(Measure.BOOT_READY, "trivial-10", variant)).as(variant).isPresent();
		}
		assertThat(report).contains("| mixed-10 |", "| trivial-10 |", "Cairn's target");
	}

}
