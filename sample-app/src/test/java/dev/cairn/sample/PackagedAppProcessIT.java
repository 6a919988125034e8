package dev.cairn.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample application started as a user starts it, {@code java -jar
 * cairn-sample-app.jar} with no database configured: it starts its embedded PostgreSQL (as an
 * unprivileged account when this runs as root, as on CI), applies its migrations and reports
 * health UP; stopped, it stops the server. Runs in the integration-test phase, after the jar is
 * packaged.
 */
class PackagedAppProcessIT {

	private static Path jar;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Path data;

	private Process process;

	private Path log;

	@BeforeAll
	static void findTheJar() {
		String path = System.getProperty("cairn.sample.jar");
		assumeTrue(path != null, "runs in the integration-test phase, where failsafe sets cairn.sample.jar");
		jar = Path.of(path);
	}

	@AfterEach
	void stopAndCleanUp() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		if (this.data != null) {
			try (Stream<Path> paths = Files.walk(this.data)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	@Test
	void theJarStartsItsEmbeddedPostgresMigratesAndReportsUp() throws Exception {
		// Under /var/tmp, not a test's private temp folder: as root the server runs as another
		// account, which must be able to reach its data directory.
		this.data = Files.createTempDirectory(Path.of("/var/tmp"), "cairn-sample-it-");
		this.data.toFile().setExecutable(true, false);
		this.data.toFile().setReadable(true, false);
		int port = freePort();
		int postgresPort = freePort();
		this.log = this.data.resolve("app.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=" + port,
				"--sample.embedded-postgres.data-directory=" + this.data.resolve("postgres"),
				"--sample.embedded-postgres.port=" + postgresPort);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// The embedded server is the point here: no database from the environment.
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_DATASOURCE"));
		this.process = builder.start();

		String health = awaitHealth(port, Duration.ofSeconds(150));
		assertThat(health).as(log()).contains("\"status\":\"UP\"");
		String migrations = get(port, "/actuator/migrations").body();
		assertThat(migrations).contains("\"applied\":9").contains("\"upToDate\":true");
		assertThat(log()).contains("started an embedded PostgreSQL")
			.contains("Track 'default': applied 9 migrations in");
		if ("root".equals(System.getProperty("user.name"))) {
			assertThat(log()).as("as root").contains("because PostgreSQL refuses root");
		}

		this.process.destroy();
		assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		assertThat(log()).contains("Stopped the embedded PostgreSQL");
		try (ServerSocket stillFree = new ServerSocket(postgresPort)) {
			assertThat(stillFree.getLocalPort()).as("the embedded server's port is free again").isEqualTo(postgresPort);
		}
	}

	private String awaitHealth(int port, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.process.isAlive()).as("the application exited early:\n" + log()).isTrue();
			try {
				HttpResponse<String> response = get(port, "/actuator/health");
				if (response.statusCode() == 200) {
					return response.body();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("health was not UP within " + timeout + ":\n" + log());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String log() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "(no output)";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
