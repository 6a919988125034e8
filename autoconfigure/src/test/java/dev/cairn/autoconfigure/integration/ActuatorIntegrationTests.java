package dev.cairn.autoconfigure.integration;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.cairn.autoconfigure.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application on a random port, migrated on start-up against a real PostgreSQL, and
 * read through {@code /actuator} over HTTP.
 */
@SpringBootTest(classes = CairnTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cairn.locations=classpath:cairn/ok",
				"management.endpoints.web.exposure.include=health,migrations,metrics",
				"management.endpoint.health.show-details=always",
				"spring.datasource.password=" + ActuatorIntegrationTests.PASSWORD })
class ActuatorIntegrationTests {

	// Sent to a server that trusts local connections, so it is never checked; it must never be shown either.
	static final String PASSWORD = "do-not-show-me-4711";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.createUrl();
		registry.add("spring.datasource.url", () -> url);
	}

	@Test
	void migrationsEndpointShowsEveryMigrationOfTheTrack() throws Exception {
		Http.Response response = Http.get(this.port, "/actuator/migrations");
		Http.keep("migrations.json", response);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/vnd.spring-boot.actuator.v3+json");
		assertThat(response.<String>read("$.tracks.default.historyTable")).isEqualTo("\"public\".\"cairn_history\"");
		assertThat(response.<Boolean>read("$.tracks.default.upToDate")).isTrue();
		assertThat(response.<Map<String, Object>>read("$.tracks.default.counts")).containsEntry("total", 2)
			.containsEntry("applied", 2)
			.containsEntry("pending", 0)
			.containsEntry("failed", 0)
			.containsEntry("drifted", 0)
			.containsEntry("missing", 0);
		assertThat(response.<List<String>>read("$.tracks.default.migrations[*].version")).containsExactly("1", "2");
		assertThat(response.<List<String>>read("$.tracks.default.migrations[*].state")).containsOnly("applied");
		assertThat(response.<String>read("$.tracks.default.migrations[0].description")).isEqualTo("create orders");
		assertThat(response.<String>read("$.tracks.default.migrations[0].script")).endsWith("V1__create_orders.sql");
		assertThat(response.<String>read("$.tracks.default.migrations[0].type")).isEqualTo("SQL");
		assertThat(response.<String>read("$.tracks.default.migrations[0].checksum"))
			.isEqualTo(sha256("cairn/ok/V1__create_orders.sql"));
		assertThat(response.<String>read("$.tracks.default.migrations[0].appliedAt")).isNotBlank();
		assertThat(response.<String>read("$.tracks.default.migrations[0].appliedBy")).isNotBlank();
		assertThat(response.<Integer>read("$.tracks.default.migrations[0].durationMs")).isNotNegative();
		assertThat(response.<List<Object>>read("$.tracks.default.problems")).isEmpty();
		assertThat(response.<String>read("$.tracks.default.lastRun.outcome")).isEqualTo("success");
		assertThat(response.<List<String>>read("$.tracks.default.lastRun.applied")).containsExactly("1", "2");
		assertThat(response.<Integer>read("$.tracks.default.lastRun.durationMs")).isNotNegative();
		// Nothing runs now; null members are left out rather than written as null.
		assertThat(response.<Map<String, Object>>read("$.tracks.default")).doesNotContainKeys("currentRun", "error");
		assertThat(response.<Map<String, Object>>read("$.tracks.default.lastRun")).doesNotContainKey("error");
	}

	/** The SHA-256 of a classpath file's bytes, as lower-case hex (the file has no BOM and no CRLF). */
	private static String sha256(String resource) throws Exception {
		try (InputStream in = ActuatorIntegrationTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
		}
	}

	@Test
	void migrationsEndpointShowsOneMigrationByVersion() {
		Http.Response response = Http.get(this.port, "/actuator/migrations/000002");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.<String>read("$.track")).isEqualTo("default");
		assertThat(response.<String>read("$.version")).isEqualTo("2");
		assertThat(response.<String>read("$.description")).isEqualTo("add order status");
		assertThat(response.<String>read("$.state")).isEqualTo("applied");
		assertThat(response.<Map<String, Object>>read("$")).doesNotContainKey("error");
	}

	@Test
	void migrationsEndpointAnswersNotFoundForAnUnknownVersion() {
		assertThat(Http.get(this.port, "/actuator/migrations/99").status()).isEqualTo(404);
		assertThat(Http.get(this.port, "/actuator/migrations/not-a-version").status()).isEqualTo(404);
	}

	@Test
	void healthHasAMigrationsComponent() {
		Http.Response response = Http.get(this.port, "/actuator/health");
		Http.keep("health.json", response);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.<String>read("$.components.migrations.status")).isEqualTo("UP");
		assertThat(response.<Map<String, Object>>read("$.components.migrations.details.default"))
			.containsEntry("state", "up to date")
			.containsEntry("applied", 2)
			.containsEntry("pending", 0)
			.containsEntry("failed", 0)
			.containsEntry("lastRun", "success")
			.containsEntry("lastRunApplied", 2);
		assertThat(Http.get(this.port, "/actuator/health/migrations").<String>read("$.status")).isEqualTo("UP");
	}

	@Test
	void readinessAcceptsTrafficOnceMigrated() {
		Http.Response response = Http.get(this.port, "/actuator/health/readiness");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.<String>read("$.status")).isEqualTo("UP");
	}

	@Test
	void metricsAreListedUnderTheirNames() {
		Http.Response names = Http.get(this.port, "/actuator/metrics");
		assertThat(names.<List<String>>read("$.names")).contains("cairn.migrations.applied", "cairn.migrations.pending",
				"cairn.lock.wait", "cairn.run", "cairn.migration");
		// Observations are on (Actuator brings them), so the run and migration timers come from them.
		assertThat(names.<List<String>>read("$.names")).contains("cairn.run.active", "cairn.migration.active");
		Http.Response applied = Http.get(this.port, "/actuator/metrics/cairn.migrations.applied");
		Http.keep("metric-applied.json", applied);
		assertThat(count(applied)).isEqualTo(2.0);
		assertThat(applied.<List<String>>read("$.availableTags[*].tag")).contains("track", "type");
		Http.Response run = Http.get(this.port, "/actuator/metrics/cairn.run?tag=outcome:success");
		Http.keep("metric-run.json", run);
		assertThat(run.status()).isEqualTo(200);
		assertThat(count(run)).isEqualTo(1.0);
		assertThat(run.<List<String>>read("$.availableTags[*].tag")).contains("track", "error");
		Http.Response migration = Http.get(this.port, "/actuator/metrics/cairn.migration?tag=type:sql");
		assertThat(count(migration)).isEqualTo(2.0);
		Http.Response pending = Http.get(this.port, "/actuator/metrics/cairn.migrations.pending?tag=track:default");
		assertThat(pending.<Double>read("$.measurements[0].value")).isZero();
		Http.Response lock = Http.get(this.port, "/actuator/metrics/cairn.lock.wait?tag=outcome:acquired");
		assertThat(lock.status()).isEqualTo(200);
	}

	private static double count(Http.Response metric) {
		List<Double> counts = metric.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).hasSize(1);
		return counts.get(0);
	}

	@Test
	void noPasswordAppearsInTheOutput() {
		for (String path : List.of("/actuator/migrations", "/actuator/migrations/1", "/actuator/health",
				"/actuator/health/migrations")) {
			assertThat(Http.get(this.port, path).body()).doesNotContain(PASSWORD);
		}
	}

}
