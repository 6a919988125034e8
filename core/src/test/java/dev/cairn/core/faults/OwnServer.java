package dev.cairn.core.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.LocalPostgres;

/**
 * A PostgreSQL server owned by one test, to stop and restart without disturbing the shared
 * one: the machine's PostgreSQL binaries when installed (run as user postgres when the test
 * runs as root, since initdb refuses root), otherwise the embedded binaries.
 */
final class OwnServer implements AutoCloseable {

	private final Path data;

	private final int port;

	private final Optional<Path> binaries;

	private LocalPostgres embedded;

	private OwnServer(Path data, int port, Optional<Path> binaries) {
		this.data = data;
		this.port = port;
		this.binaries = binaries;
	}

	/** A new server (as root, the embedded one runs under an unprivileged account: see LocalPostgres). */
	static Optional<OwnServer> create() throws IOException, InterruptedException {
		boolean root = "root".equals(System.getProperty("user.name"));
		Optional<Path> binaries = systemBinaries();
		Path data = Files.createTempDirectory("cairn-own-server");
		OwnServer server = new OwnServer(data, freePort(), binaries);
		if (binaries.isPresent()) {
			if (root) {
				server.run("chown", "postgres", data.toString());
			}
			server.pg("initdb", "-D", data.resolve("db").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
		}
		server.start();
		return Optional.of(server);
	}

	PGSimpleDataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + this.port + "/postgres?user=postgres");
		return dataSource;
	}

	void start() throws IOException, InterruptedException {
		if (this.binaries.isPresent()) {
			pg("pg_ctl", "-D", this.data.resolve("db").toString(), "-l", this.data.resolve("log").toString(), "-w",
					"-o", "-p " + this.port + " -k " + this.data + " -c listen_addresses=127.0.0.1", "start");
		}
		else {
			// The account the server runs under as root must pass through the temporary folder.
			Files.setPosixFilePermissions(this.data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			this.embedded = LocalPostgres
				.start(new LocalPostgres.Options().dataDirectory(this.data.resolve("db"), true).port(this.port));
		}
	}

	void stop() throws IOException, InterruptedException {
		if (this.binaries.isPresent()) {
			pg("pg_ctl", "-D", this.data.resolve("db").toString(), "-m", "fast", "-w", "stop");
		}
		else if (this.embedded != null) {
			this.embedded.close();
			this.embedded = null;
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			stop();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.data)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private void pg(String tool, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.binaries.orElseThrow().resolve(tool).toString());
		command.addAll(Arrays.asList(args));
		run(command.toArray(String[]::new));
	}

	private void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.data.resolve("commands.log").toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: "
					+ Files.readString(this.data.resolve("commands.log")));
		}
	}

	private static Optional<Path> systemBinaries() {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")) && Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.naturalOrder());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
