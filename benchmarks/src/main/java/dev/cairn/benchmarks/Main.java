package dev.cairn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.db.Server;
import dev.cairn.benchmarks.report.MarkdownReport;
import dev.cairn.benchmarks.report.Results;

/**
 * Runs every benchmark and prints the markdown report; progress goes to standard error. See
 * {@code src/docs/performance.md} for what is measured and how.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage().isEmpty() ? Options.usage() : ex.getMessage() + "\n\n" + Options.usage());
			System.exit(2);
			return;
		}
		Server server = Server.fromEnvironment();
		if (!server.isReachable()) {
			System.err.println("No PostgreSQL answers at " + server.adminUrl()
					+ "; set CAIRN_BENCH_JDBC_URL to a server where databases may be created.");
			System.exit(1);
			return;
		}
		Results results = new Results();
		String report = run(options, server, args, results);
		System.out.print(report);
		System.err.println("Written to " + options.workDir().resolve("results.md"));
	}

	/** Runs everything into {@code results}; returns the report, also written to the work directory. */
	static String run(Options options, Server server, String[] args, Results results) throws Exception {
		Instant start = Instant.now();
		String loadBefore = Environment.loadAverage();
		new BenchmarkRunner(options, server, results, System.err).runAll();
		if (options.bootSize() > 0) {
			new BootBenchmark(options, server, results, System.err).run();
		}
		String loadAfter = Environment.loadAverage();
		List<String> header = new ArrayList<>(Environment.describe(server.adminUrl()));
		header.add("Command: `java -jar benchmarks/target/cairn-benchmarks.jar " + String.join(" ", args) + "`");
		header.add("Run: " + start.truncatedTo(ChronoUnit.SECONDS) + ", took "
				+ Duration.between(start, Instant.now()).toMinutes() + " min; " + options.runs()
				+ " interleaved runs per corpus; load average (1/5/15 min) " + loadBefore + " at the start, " + loadAfter
				+ " at the end");
		StringBuilder report = new StringBuilder();
		header.forEach((line) -> report.append("- ").append(line).append('\n'));
		report.append('\n');
		// The floor is the first column: ratios are to it.
		List<String> contenders = Contender.all()
			.stream()
			.map(Contender::name)
			.filter((name) -> options.contenders().stream().anyMatch((c) -> c.name().equals(name)))
			.toList();
		report.append(new MarkdownReport(results, contenders, BootBenchmark.VARIANTS).render());
		Files.createDirectories(options.workDir());
		Files.writeString(options.workDir().resolve("results.md"), report);
		Files.write(options.workDir().resolve("samples.csv"), results.csv());
		return report.toString();
	}

}
