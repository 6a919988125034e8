package dev.cairn.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.corpus.CorpusKind;

/** Command-line options; {@link #usage()} lists them. */
record Options(List<Integer> sizes, int runs, List<CorpusKind> corpora, List<Contender> contenders, int heapCheckSize,
		int bootSize, int bootRuns, Path workDir, long timeoutSeconds) {

	static String usage() {
		return """
				java -jar benchmarks/target/cairn-benchmarks.jar [options]
				  --sizes 100,1000,10000       corpus sizes (migrations)
				  --runs 5                     interleaved runs per corpus
				  --corpora trivial,mixed      corpus kinds
				  --contenders floor,cairn,flyway,liquibase,floorjar,cairnjar
				  --heap-check-size 1000       size applied once more with -Xmx32m (0: skip)
				  --boot-size 1000             applied trivial migrations for the Spring Boot start-up (0: skip)
				  --boot-runs 5                Spring Boot start-ups per variant (default: --runs)
				  --work DIR                   corpora, logs and results (default: target/bench next to the jar)
				  --timeout 1800               seconds before a child JVM is stopped
				The server: CAIRN_BENCH_JDBC_URL, else CAIRN_TEST_JDBC_URL, else
				jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres; databases cairn_bench_* are created and dropped.
				""";
	}

	static Options parse(String[] args) {
		List<Integer> sizes = List.of(100, 1000, 10000);
		int runs = 5;
		List<CorpusKind> corpora = List.of(CorpusKind.TRIVIAL, CorpusKind.MIXED);
		List<Contender> contenders = Contender.all();
		int heapCheckSize = 1000;
		int bootSize = 1000;
		Integer bootRuns = null;
		Path workDir = null;
		long timeout = 1800;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("--help") || option.equals("-h")) {
				throw new IllegalArgumentException("");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + option + " needs a value");
			}
			String value = args[++i];
			switch (option) {
				case "--sizes" -> sizes = list(value).stream().map(Integer::parseInt).toList();
				case "--runs" -> runs = Integer.parseInt(value);
				case "--corpora" -> corpora = list(value).stream().map(CorpusKind::of).toList();
				case "--contenders" -> contenders = list(value).stream().map(Contender::named).toList();
				case "--heap-check-size" -> heapCheckSize = Integer.parseInt(value);
				case "--boot-size" -> bootSize = Integer.parseInt(value);
				case "--boot-runs" -> bootRuns = Integer.parseInt(value);
				case "--work" -> workDir = Path.of(value);
				case "--timeout" -> timeout = Long.parseLong(value);
				default -> throw new IllegalArgumentException("Unknown option " + option);
			}
		}
		if (runs < 1 || sizes.isEmpty() || corpora.isEmpty() || contenders.isEmpty()) {
			throw new IllegalArgumentException("Need at least one run, size, corpus and contender");
		}
		return new Options(sizes, runs, corpora, contenders, heapCheckSize, bootSize,
				(bootRuns != null) ? bootRuns : runs, (workDir != null) ? workDir : defaultWorkDir(), timeout);
	}

	private static List<String> list(String value) {
		return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList());
	}

	/** {@code target/bench} of the module the code was loaded from, so nothing lands in the source tree. */
	private static Path defaultWorkDir() {
		try {
			// target/cairn-benchmarks.jar or target/classes: either way, its parent is target/.
			Path code = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return code.getParent().resolve("bench");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("target", "bench");
		}
	}

}
