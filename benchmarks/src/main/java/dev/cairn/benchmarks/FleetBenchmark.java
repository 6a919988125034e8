package dev.cairn.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.benchmarks.db.Server;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.FleetResult;
import dev.cairn.core.FleetShard;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;
import dev.cairn.core.TenantSource;

/**
 * The tenant-fleet benchmark: one track of {@code migrations} files applied to {@code tenants}
 * schemas of one database, by Cairn's fleet with 1, 2, 4 and 8 workers, by a serial loop of
 * Cairn (one engine per schema, {@code currentSchema} in its URL) and by a serial loop of
 * Flyway (one history table per schema, Flyway's documented answer); then the same fleet with
 * nothing pending. Each case gets a fresh database with the schemas created. Prints a markdown
 * table: wall time, tenants per second, and the machine's CPU use split into this JVM and the
 * rest (the server, and on a shared machine anything else that ran).
 *
 * <p>Then sharding: four processes (child JVMs) run the same fleet at once with shard count 4,
 * one worker each, as four pods of a Kubernetes Indexed Job would; the row is the wall time
 * until the last one ends (its "this JVM" CPU is the parent's, about nothing: each child
 * reports its own), and each process's share of the tenants and its own times follow.
 *
 * <p>{@code java -cp benchmarks/target/cairn-benchmarks.jar dev.cairn.benchmarks.FleetBenchmark
 * [tenants] [migrations] [workers,...] [fleet-only]}
 */
public final class FleetBenchmark {

	private final Server server = Server.fromEnvironment();

	private final int tenants;

	private final Path folder;

	private FleetBenchmark(int tenants, Path folder) {
		this.tenants = tenants;
		this.folder = folder;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals(SHARD)) {
			runShard(args);
			return;
		}
		int tenants = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int migrations = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		List<Integer> workers = (args.length > 2) ? List.of(args[2].split(",")).stream().map(Integer::parseInt).toList()
				: List.of(1, 2, 4, 8);
		Path folder = Files.createTempDirectory("cairn-fleet-bench");
		for (int i = 1; i <= migrations; i++) {
			Files.writeString(folder.resolve("V" + i + "__step_" + i + ".sql"), migration(i));
		}
		FleetBenchmark bench = new FleetBenchmark(tenants, folder);
		List<String> rows = new ArrayList<>();
		rows.add("| case | wall time | tenants/s | CPU: this JVM | CPU: rest of machine |");
		rows.add("|---|---:|---:|---:|---:|");
		// "fleet-only" as a fourth argument leaves out the serial loops, for a large fleet in little time.
		boolean loops = args.length < 4 || !args[3].equals("fleet-only");
		if (loops) {
			rows.add(bench.measure("Flyway, serial loop", (db) -> bench.flywayLoop(db)));
			rows.add(bench.measure("Cairn, serial loop", (db) -> bench.cairnLoop(db)));
		}
		for (int n : workers) {
			rows.add(bench.measure("Cairn fleet, " + n + ((n == 1) ? " worker" : " workers"), (db) -> bench.fleet(db, n)));
		}
		if (loops) {
			rows.add(bench.measureNoOp("Flyway, serial loop, nothing pending", (db) -> bench.flywayLoop(db)));
		}
		List<String> shardLines = new ArrayList<>();
		rows.add(bench.measure("Cairn fleet, " + SHARDS + " processes of shard count " + SHARDS + ", 1 worker each",
				(db) -> shardLines.addAll(bench.shards(db))));
		int noOpWorkers = workers.get(workers.size() - 1);
		rows.add(bench.measureNoOp("Cairn fleet, " + noOpWorkers + " workers, nothing pending",
				(db) -> bench.fleet(db, noOpWorkers)));
		System.out.println("- " + tenants + " schemas x " + migrations + " migrations, "
				+ Runtime.getRuntime().availableProcessors() + " cores, load average before the last case "
				+ Environment.loadAverage());
		System.out.println();
		rows.forEach(System.out::println);
		System.out.println();
		shardLines.forEach((line) -> System.out.println("- " + line));
	}

	private static final String SHARD = "shard";

	private static final int SHARDS = 4;

	/** Runs the fleet in {@link #SHARDS} child JVMs at once, each its shard; returns each one's report line. */
	private List<String> shards(String database) throws Exception {
		String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<Process> processes = new ArrayList<>();
		for (int index = 0; index < SHARDS; index++) {
			processes.add(new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"),
					FleetBenchmark.class.getName(), SHARD, database, this.folder.toString(), String.valueOf(this.tenants),
					String.valueOf(index), String.valueOf(SHARDS))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		List<String> lines = new ArrayList<>();
		for (Process process : processes) {
			String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
				.trim();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("A shard process failed: " + out);
			}
			lines.add(out);
		}
		return lines;
	}

	/** The child side of {@link #shards}: {@code shard <database> <folder> <tenants> <index> <count>}. */
	private static void runShard(String[] args) {
		FleetBenchmark bench = new FleetBenchmark(Integer.parseInt(args[3]), Path.of(args[2]));
		FleetShard shard = new FleetShard(Integer.parseInt(args[4]), Integer.parseInt(args[5]));
		FleetResult result = bench.fleet(args[1], 1, shard);
		System.out.printf(Locale.ROOT, "shard %s: %d tenants (%d applied), %.1f s from JVM start to end of its run"
				+ " (%.1f s in the fleet run), JVM CPU %.1f s%n", shard, result.tenants().size(),
				result.count(TenantOutcome.State.APPLIED),
				(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3,
				result.duration().toMillis() / 1e3, jvmCpuNanos() / 1e9);
	}

	/** A small mixed step: a table, a column, an index, a few rows. */
	private static String migration(int i) {
		return switch (i % 4) {
			case 1 -> "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL);";
			case 2 -> "ALTER TABLE t" + (i - 1) + " ADD COLUMN created timestamptz DEFAULT now();";
			case 3 -> "CREATE INDEX t" + (i - 2) + "_name ON t" + (i - 2) + " (name);";
			default -> "INSERT INTO t" + (i - 3) + " (id, name) SELECT g, 'n' || g FROM generate_series(1, 10) g;";
		};
	}

	private interface Run {

		void run(String database) throws Exception;

	}

	private String measure(String label, Run run) throws Exception {
		String database = prepare(label);
		try {
			return timed(label, () -> run.run(database));
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private String measureNoOp(String label, Run run) throws Exception {
		String database = prepare(label);
		try {
			run.run(database);
			return timed(label, () -> run.run(database));
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private interface Body {

		void run() throws Exception;

	}

	private String timed(String label, Body body) throws Exception {
		long[] cpuBefore = machineCpu();
		long jvmBefore = jvmCpuNanos();
		long start = System.nanoTime();
		body.run();
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] cpuAfter = machineCpu();
		double jvmCpu = (jvmCpuNanos() - jvmBefore) / 1e9;
		double total = cpuAfter[1] - cpuBefore[1];
		double busy = (cpuAfter[0] - cpuBefore[0]);
		// /proc/stat counts in clock ticks (USER_HZ, 100 on Linux) over all cores.
		double cores = Runtime.getRuntime().availableProcessors();
		double busyShare = (total > 0) ? busy / total : 0;
		double jvmShare = jvmCpu / (seconds * cores);
		String row = String.format(Locale.ROOT, "| %s | %.1f s | %.0f | %.0f %% | %.0f %% |", label, seconds,
				this.tenants / seconds, 100 * jvmShare, 100 * Math.max(0, busyShare - jvmShare));
		System.err.println(row);
		return row;
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Busy and total ticks of the whole machine, from /proc/stat; zeros where there is none. */
	private static long[] machineCpu() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			for (int i = 1; i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			return new long[] { total - idle, total };
		}
		catch (Exception ex) {
			return new long[] { 0, 0 };
		}
	}

	private List<String> schemas() {
		return IntStream.rangeClosed(1, this.tenants).mapToObj((i) -> String.format("tenant_%05d", i)).toList();
	}

	private String prepare(String label) throws Exception {
		String database = this.server.createDatabase("fleet");
		try (Connection connection = dataSource(database).getConnection();
				Statement statement = connection.createStatement()) {
			for (String schema : schemas()) {
				statement.addBatch("CREATE SCHEMA " + schema);
			}
			statement.executeBatch();
		}
		System.err.println("Fleet benchmark: " + label + " on " + database);
		return database;
	}

	private PGSimpleDataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(this.server.urlFor(database));
		return dataSource;
	}

	private void fleet(String database, int workers) {
		fleet(database, workers, FleetShard.all());
	}

	private FleetResult fleet(String database, int workers, FleetShard shard) {
		CairnConfiguration.Builder builder = CairnConfiguration.builder()
			.dataSource(dataSource(database))
			.locations("filesystem:" + this.folder)
			.progressInterval(Duration.ofHours(1));
		FleetResult result = TenantFleet.builder(builder.buildEngine(), builder.track("tenants").buildTrack())
			.tenants(TenantSource.of(schemas()))
			.workers(workers)
			.shard(shard)
			.build()
			.migrate();
		if (!result.succeeded()) {
			throw new IllegalStateException(result.summary());
		}
		return result;
	}

	private void cairnLoop(String database) {
		for (String schema : schemas()) {
			PGSimpleDataSource dataSource = dataSource(database);
			dataSource.setCurrentSchema(schema);
			new Cairn(CairnConfiguration.builder()
				.dataSource(dataSource)
				.locations("filesystem:" + this.folder)
				.schema(schema)
				.build()).migrate();
		}
	}

	private void flywayLoop(String database) {
		for (String schema : schemas()) {
			Flyway.configure()
				.dataSource(dataSource(database))
				.locations("filesystem:" + this.folder)
				.schemas(schema)
				.defaultSchema(schema)
				.load()
				.migrate();
		}
	}

}
