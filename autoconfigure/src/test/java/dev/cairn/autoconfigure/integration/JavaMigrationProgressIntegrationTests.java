package dev.cairn.autoconfigure.integration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.cairn.autoconfigure.TestDatabases;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java migration bean running on start-up, seen through {@code /actuator/migrations} while
 * it runs: its progress on the running migration, then its row in history like a file's.
 */
class JavaMigrationProgressIntegrationTests {

	private static final CountDownLatch reported = new CountDownLatch(1);

	private static final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseTheMigration() {
		release.countDown();
	}

	@Test
	void theEndpointShowsTheProgressOfARunningJavaMigration() throws Exception {
		try (BackgroundApplication application = BackgroundApplication.start(new SpringApplicationBuilder(
				CairnTestApplication.class, Backfill.class)
			.properties("spring.datasource.url=" + TestDatabases.createUrl(), "server.port=0",
					"cairn.locations=classpath:cairn/ok", "management.endpoints.web.exposure.include=health,migrations"))) {
			assertThat(reported.await(60, TimeUnit.SECONDS)).as("the Java migration reported progress").isTrue();
			int port = application.port();
			Http.Response running = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-java-progress.json", running);
			assertThat(running.<String>read("$.tracks.default.currentRun.migration.version")).isEqualTo("3");
			assertThat(running.<String>read("$.tracks.default.currentRun.migration.type")).isEqualTo("JAVA");
			assertThat(running.<String>read("$.tracks.default.currentRun.migration.script"))
				.isEqualTo(HalfwayBackfill.class.getName());
			assertThat(running.<Integer>read("$.tracks.default.currentRun.migration.progress.done")).isEqualTo(40);
			assertThat(running.<Integer>read("$.tracks.default.currentRun.migration.progress.total")).isEqualTo(100);
			assertThat(running.<Double>read("$.tracks.default.currentRun.migration.progress.percent")).isEqualTo(40.0);
			assertThat(running.<String>read("$.tracks.default.migrations[2].state")).isEqualTo("pending");

			release.countDown();
			application.awaitStarted();
			Http.Response done = Http.get(port, "/actuator/migrations/3");
			assertThat(done.<String>read("$.state")).isEqualTo("applied");
			assertThat(done.<String>read("$.type")).isEqualTo("JAVA");
			assertThat(done.<String>read("$.description")).isEqualTo("Halfway backfill");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Backfill {

		@Bean
		HalfwayBackfill halfwayBackfill(JdbcClient jdbc) {
			return new HalfwayBackfill(jdbc);
		}

	}

	/** Reports 40 of 100 and waits until the test has looked. */
	static class HalfwayBackfill implements JavaMigration {

		private final JdbcClient jdbc;

		HalfwayBackfill(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String version() {
			return "3";
		}

		@Override
		public void migrate(JavaMigrationContext context) throws InterruptedException {
			this.jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
			context.progress(40, 100);
			reported.countDown();
			release.await(60, TimeUnit.SECONDS);
			context.progress(100, 100);
		}

	}

}
