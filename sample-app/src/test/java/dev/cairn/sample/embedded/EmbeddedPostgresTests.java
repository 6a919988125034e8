package dev.cairn.sample.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.cairn.sample.LibraryApplication;
import dev.cairn.test.LocalPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quick start's path: no datasource URL anywhere, so the app starts its own PostgreSQL,
 * migrates it, keeps the data when it stops and reuses it on the next start; as root, under an
 * unprivileged account that owns the data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresTests {

	@Test
	void startsMigratesKeepsAndReusesTheEmbeddedServer(@TempDir Path folder, CapturedOutput output) throws Exception {
		assumeTrue(System.getenv("SPRING_DATASOURCE_URL") == null, "SPRING_DATASOURCE_URL is set");
		// As root the server's account must be able to pass through the folders above its data.
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path data = folder.resolve("postgres");
		String url;
		try (ConfigurableApplicationContext first = start(data)) {
			url = first.getEnvironment().getProperty("spring.datasource.url");
			assertThat(url).startsWith("jdbc:postgresql://localhost:").endsWith("/library");
			assertThat(data.resolve("PG_VERSION")).exists();
			if (LocalPostgres.runningAsRoot()) {
				assertThat(output).contains("run as user '" + LocalPostgres.account() + "' because PostgreSQL refuses root");
				assertThat(Files.getOwner(data).getName()).isEqualTo(LocalPostgres.account());
			}
			assertThat(output).contains("started an embedded PostgreSQL").contains("data in " + data + " (created now");
			client(first).get().uri("/actuator/migrations").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.tracks.default.upToDate").isEqualTo(true)
				.jsonPath("$.tracks.default.counts.applied").isEqualTo(9);
			client(first).post()
				.uri("/authors")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", "Ursula K. Le Guin", "born", 1929))
				.exchange()
				.expectStatus()
				.isCreated();
		}
		// Closing the application stopped the server.
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> DriverManager.getConnection(url, "postgres", ""));
		try (ConfigurableApplicationContext second = start(data)) {
			assertThat(output).contains("data in " + data + " (reused");
			client(second).get().uri("/authors").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$[?(@.name == 'Ursula K. Le Guin')]").exists();
			client(second).get().uri("/actuator/health").exchange().expectBody()
				.jsonPath("$.components.migrations.details.default.lastRunApplied").isEqualTo(0);
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		// Arguments, not default properties, which application.yml would override.
		return new SpringApplicationBuilder(LibraryApplication.class).run("--server.port=0",
				"--sample.embedded-postgres.data-directory=" + data, "--sample.embedded-postgres.port=0");
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
