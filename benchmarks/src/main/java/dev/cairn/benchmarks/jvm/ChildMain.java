package dev.cairn.benchmarks.jvm;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import dev.cairn.benchmarks.contender.Contender;
import dev.cairn.benchmarks.corpus.Corpus;
import dev.cairn.benchmarks.corpus.CorpusKind;

/**
 * The child JVM of one measurement, started by {@link ChildLauncher}. Its standard output
 * carries only the protocol lines ({@value #PREFIX} key value); everything the tools print goes
 * to standard error.
 *
 * <ul>
 * <li>{@code apply}: one migrate call on an empty database, timed from building the tool to its
 * return, with the heap watched throughout.</li>
 * <li>{@code noop}: two migrate calls with nothing pending. The first is announced the moment it
 * returns, so the parent can time the fresh JVM from launch to that point; the second is timed
 * in-process: the warm call.</li>
 * </ul>
 * Every child first starts logging (SLF4J with Logback, at INFO, to standard error), as an
 * application does before it migrates.
 */
public final class ChildMain {

	public static final String PREFIX = "cairn-bench";

	private ChildMain() {
	}

	/** Arguments: mode contender jdbcUrl corpusDir kind size. */
	public static void main(String[] args) throws Exception {
		PrintStream protocol = System.out;
		System.setOut(System.err);
		String mode = args[0];
		Contender contender = Contender.named(args[1]);
		String url = args[2];
		Corpus corpus = new Corpus(CorpusKind.of(args[4]), Integer.parseInt(args[5]), Path.of(args[3]));
		// Logging starts with the application, for every contender alike (the floor included): starting
		// Logback is the application's cost, not the cost of the tool that happens to log first.
		LoggerFactory.getLogger(ChildMain.class).info("{} {} on {}", mode, contender.name(), corpus.id());
		switch (mode) {
			case "apply" -> apply(contender, url, corpus, protocol);
			case "noop" -> noop(contender, url, corpus, protocol);
			default -> throw new IllegalArgumentException("Unknown mode " + mode);
		}
		protocol.flush();
	}

	private static void apply(Contender contender, String url, Corpus corpus, PrintStream protocol) throws Exception {
		// Start from a collected heap, so the peak is the contender's and not start-up garbage.
		System.gc();
		try (HeapWatcher heap = new HeapWatcher()) {
			long cpu = processCpuNanos();
			long start = System.nanoTime();
			contender.migrate(url, corpus);
			long elapsed = System.nanoTime() - start;
			cpu = processCpuNanos() - cpu;
			heap.close();
			report(protocol, "apply_nanos", elapsed);
			report(protocol, "apply_cpu_nanos", cpu);
			report(protocol, "peak_heap_bytes", heap.peakUsedBytes());
			report(protocol, "peak_after_gc_bytes", heap.peakAfterGcBytes());
			report(protocol, "allocated_bytes", heap.allocatedBytes());
			report(protocol, "collections", heap.collections());
		}
	}

	private static void noop(Contender contender, String url, Corpus corpus, PrintStream protocol) throws Exception {
		long start = System.nanoTime();
		contender.migrate(url, corpus);
		report(protocol, "first_nanos", System.nanoTime() - start);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		start = System.nanoTime();
		contender.migrate(url, corpus);
		long elapsed = System.nanoTime() - start;
		cpu = threads.getCurrentThreadCpuTime() - cpu;
		report(protocol, "second_nanos", elapsed);
		report(protocol, "second_cpu_nanos", cpu);
	}

	/** CPU time of the whole JVM (JIT and GC threads included), which load on the machine barely changes. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	static void report(PrintStream protocol, String key, long value) {
		protocol.println(PREFIX + " " + key + " " + value);
		protocol.flush();
	}

}
