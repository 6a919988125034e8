package dev.cairn.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.corpus.Corpus;
import dev.cairn.benchmarks.corpus.CorpusKind;
import dev.cairn.benchmarks.corpus.CorpusWriter;
import dev.cairn.benchmarks.db.SchemaFingerprint;
import dev.cairn.benchmarks.db.Server;
import dev.cairn.benchmarks.jvm.ChildLauncher;
import dev.cairn.benchmarks.jvm.ChildMain;
import dev.cairn.benchmarks.report.Measure;
import dev.cairn.benchmarks.report.Results;

/**
 * Runs the contenders side by side. For each corpus and run, the contenders take turns in a
 * rotated order (A B C D, then B C D A, ...), each on a database of its own created for it:
 * <ol>
 * <li>a child JVM applies the whole corpus (time, heap, allocation);</li>
 * <li>the schema is compared with the first contender's, and the history must record every
 * migration;</li>
 * <li>a second child JVM runs the no-op twice: fresh (launch to the end of the first call, as
 * seen from this process) and warm (the second call, timed inside);</li>
 * <li>the database is dropped.</li>
 * </ol>
 */
final class BenchmarkRunner {

	private final Options options;

	private final Server server;

	private final ChildLauncher launcher;

	private final Results results;

	private final PrintStream progress;

	/** Per corpus, the first contender's schema and its name. */
	private final Map<String, Map.Entry<String, SchemaFingerprint>> references = new HashMap<>();

	BenchmarkRunner(Options options, Server server, Results results, PrintStream progress) {
		this.options = options;
		this.server = server;
		this.results = results;
		this.progress = progress;
		this.launcher = new ChildLauncher(options.workDir().resolve("logs"), options.timeoutSeconds());
	}

	void runAll() {
		CorpusWriter writer = new CorpusWriter(this.options.workDir().resolve("corpora"));
		for (CorpusKind kind : this.options.corpora()) {
			for (int size : this.options.sizes()) {
				Corpus corpus = writer.write(kind, size);
				for (int run = 0; run < this.options.runs(); run++) {
					for (Contender contender : rotated(this.options.contenders(), run)) {
						measure(corpus, contender, run);
					}
				}
				if (size == this.options.heapCheckSize()) {
					for (Contender contender : this.options.contenders()) {
						smallHeap(corpus, contender);
					}
				}
			}
		}
	}

	static <T> List<T> rotated(List<T> items, int by) {
		List<T> rotated = new ArrayList<>(items);
		Collections.rotate(rotated, -(by % items.size()));
		return rotated;
	}

	private void measure(Corpus corpus, Contender contender, int run) {
		String label = contender.name() + corpus.kind().id() + corpus.size();
		String database = this.server.createDatabase(label);
		try {
			String url = this.server.urlFor(database);
			String logName = corpus.id() + "-" + contender.name().toLowerCase(Locale.ROOT) + "-" + (run + 1);
			ChildLauncher.Report apply = child(logName + "-apply", List.of(), "apply", contender, url, corpus);
			check(corpus, contender, url);
			ChildLauncher.Report noop = child(logName + "-noop", List.of(), "noop", contender, url, corpus);
			String row = corpus.id();
			String name = contender.name();
			this.results.add(Measure.APPLY, row, name, millis(apply.value("apply_nanos")));
			this.results.add(Measure.APPLY_CPU, row, name, millis(apply.value("apply_cpu_nanos")));
			this.results.add(Measure.NOOP_FRESH, row, name, millis(noop.arrival("first_nanos")));
			this.results.add(Measure.NOOP_WARM, row, name, millis(noop.value("second_nanos")));
			this.results.add(Measure.NOOP_WARM_CPU, row, name, millis(noop.value("second_cpu_nanos")));
			this.results.add(Measure.PEAK_HEAP, row, name, megabytes(apply.value("peak_heap_bytes")));
			this.results.add(Measure.PEAK_AFTER_GC, row, name, megabytes(apply.value("peak_after_gc_bytes")));
			this.results.add(Measure.ALLOCATED, row, name, megabytes(apply.value("allocated_bytes")));
			this.progress.printf(Locale.ROOT, "%-12s run %d/%d %-9s apply %8.0f ms  no-op fresh %6.0f ms  warm %7.1f ms"
					+ "  peak heap %5.1f MB%n", corpus.id(), run + 1, this.options.runs(), name,
					millis(apply.value("apply_nanos")), millis(noop.arrival("first_nanos")),
					millis(noop.value("second_nanos")), megabytes(apply.value("peak_heap_bytes")));
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/** One more apply with the heap capped; running out of memory is a result, not an error. */
	private void smallHeap(Corpus corpus, Contender contender) {
		String database = this.server.createDatabase(contender.name() + "xmx");
		try {
			String logName = corpus.id() + "-" + contender.name().toLowerCase(Locale.ROOT) + "-xmx32m";
			ChildLauncher.Report apply = child(logName, List.of("-Xmx32m"), "apply", contender,
					this.server.urlFor(database), corpus);
			this.results.add(Measure.APPLY_SMALL_HEAP, corpus.id(), contender.name(), millis(apply.value("apply_nanos")));
			this.progress.printf(Locale.ROOT, "%-12s -Xmx32m   %-9s apply %8.0f ms%n", corpus.id(), contender.name(),
					millis(apply.value("apply_nanos")));
		}
		catch (IllegalStateException ex) {
			String reason = ex.getMessage().contains("OutOfMemoryError") ? "ran out of memory" : "failed";
			this.results.note(contender.name() + " " + reason + " applying " + corpus.id() + " with -Xmx32m (log: "
					+ corpus.id() + "-" + contender.name().toLowerCase(Locale.ROOT) + "-xmx32m.log).");
			this.progress.printf("%-12s -Xmx32m   %-9s %s%n", corpus.id(), contender.name(), reason);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private ChildLauncher.Report child(String logName, List<String> jvmOptions, String mode, Contender contender,
			String url, Corpus corpus) {
		return this.launcher.run(logName, jvmOptions, ChildMain.class.getName(), List.of(mode, contender.name(), url,
				corpus.dir().toAbsolutePath().toString(), corpus.kind().id(), Integer.toString(corpus.size())));
	}

	/** The schema must equal the first contender's, and the history must hold every migration. */
	private void check(Corpus corpus, Contender contender, String url) {
		long recorded = count(url, contender.historyCountQuery());
		if (recorded != corpus.size()) {
			throw new IllegalStateException(contender.name() + " recorded " + recorded + " of " + corpus.size()
					+ " migrations of " + corpus.id());
		}
		SchemaFingerprint fingerprint = SchemaFingerprint.of(url);
		Map.Entry<String, SchemaFingerprint> reference = this.references.putIfAbsent(corpus.id(),
				Map.entry(contender.name(), fingerprint));
		if (reference != null) {
			String differences = reference.getValue().differences(fingerprint);
			if (!differences.isEmpty()) {
				throw new IllegalStateException(contender.name() + " left a different schema than " + reference.getKey()
						+ " for " + corpus.id() + " (first: " + reference.getKey() + ", second: " + contender.name() + "): "
						+ differences);
			}
		}
	}

	private static long count(String url, String query) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(query + ": " + ex.getMessage(), ex);
		}
	}

	static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

	static double megabytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
