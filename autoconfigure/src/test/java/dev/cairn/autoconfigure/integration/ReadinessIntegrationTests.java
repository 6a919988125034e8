package dev.cairn.autoconfigure.integration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cairn.autoconfigure.TestDatabases;
import dev.cairn.core.MigrationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the start-up run applies a slow migration, the web server is up, liveness is correct,
 * readiness refuses traffic and the endpoint shows the migration in progress; once it is
 * applied the application accepts traffic. A listener holds the slow migration until the
 * checks are done, so nothing here depends on timing.
 */
class ReadinessIntegrationTests {

	private static final CountDownLatch slowMigrationStarted = new CountDownLatch(1);

	private static final CountDownLatch checksDone = new CountDownLatch(1);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		checksDone.countDown();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void readinessRefusesTrafficWhileMigratingAndAcceptsItAfter() throws Exception {
		String url = TestDatabases.createUrl();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		SpringApplicationBuilder application = new SpringApplicationBuilder(CairnTestApplication.class,
				HoldSlowMigration.class)
			.properties("spring.datasource.url=" + url, "server.port=0", "cairn.locations=classpath:cairn/slow",
					"management.endpoints.web.exposure.include=health,migrations",
					"management.endpoint.health.show-details=always")
			.listeners((ApplicationListener<WebServerInitializedEvent>) (event) -> port
				.complete(event.getWebServer().getPort()));
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(application::run);

		assertThat(slowMigrationStarted.await(60, TimeUnit.SECONDS)).as("the slow migration started").isTrue();
		int serverPort = port.get(10, TimeUnit.SECONDS);

		Http.Response readiness = Http.get(serverPort, "/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
		Http.Response liveness = Http.get(serverPort, "/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.<String>read("$.status")).isEqualTo("UP");
		Http.Response migrations = Http.get(serverPort, "/actuator/migrations");
		Http.keep("migrations-in-progress.json", migrations);
		assertThat(migrations.<String>read("$.tracks.default.currentRun.migration.version")).isEqualTo("2");
		assertThat(migrations.<String>read("$.tracks.default.currentRun.migration.script"))
			.endsWith("V2__slow_backfill.sql");
		assertThat(migrations.<Integer>read("$.tracks.default.currentRun.applied")).isEqualTo(1);
		assertThat(migrations.<Integer>read("$.tracks.default.currentRun.planned")).isEqualTo(2);
		assertThat(migrations.<String>read("$.tracks.default.migrations[1].state")).isEqualTo("pending");
		Http.Response health = Http.get(serverPort, "/actuator/health/migrations");
		Http.keep("health-migrating.json", health);
		assertThat(health.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
		assertThat(health.<String>read("$.details.default.state")).isEqualTo("migrating");

		checksDone.countDown();
		this.context = started.get(60, TimeUnit.SECONDS);

		Http.Response ready = Http.get(serverPort, "/actuator/health/readiness");
		assertThat(ready.status()).isEqualTo(200);
		assertThat(ready.<String>read("$.status")).isEqualTo("UP");
		Http.Response after = Http.get(serverPort, "/actuator/migrations");
		assertThat(after.<String>read("$.tracks.default.lastRun.outcome")).isEqualTo("success");
		assertThat(after.<Boolean>read("$.tracks.default.upToDate")).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class HoldSlowMigration {

		@Bean
		MigrationListener holdSlowMigration() {
			return new MigrationListener() {

				@Override
				public void migrationStarted(MigrationStarted event) {
					if (event.version().toString().equals("2")) {
						slowMigrationStarted.countDown();
						await();
					}
				}

			};
		}

		private static void await() {
			try {
				checksDone.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
