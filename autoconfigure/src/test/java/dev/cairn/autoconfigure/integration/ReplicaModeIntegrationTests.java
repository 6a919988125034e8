package dev.cairn.autoconfigure.integration;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Operation;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code cairn.mode=validate}: a replica applies nothing, stays not ready until another
 * instance (here the test, through the engine) has migrated, and fails on drift.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicaModeIntegrationTests {

	private static volatile CountDownLatch firstCheckDone = new CountDownLatch(1);

	@BeforeEach
	void resetLatch() {
		firstCheckDone = new CountDownLatch(1);
	}

	@Test
	void replicaIsReadyOnlyAfterAnotherInstanceMigrated() throws Exception {
		PGSimpleDataSource database = database();
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class).properties(
				"spring.datasource.url=" + url(database), "server.port=0", "cairn.locations=classpath:cairn/ok",
				"cairn.mode=validate", "cairn.validate-interval=100ms",
				"management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.health.show-details=always");
		try (BackgroundApplication application = BackgroundApplication.start(replica)) {
			int port = application.port();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> Http.get(port, "/actuator/migrations").body().contains("\"waiting\""));

			Http.Response readiness = Http.get(port, "/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(Http.get(port, "/actuator/health/liveness").status()).isEqualTo(200);
			Http.Response health = Http.get(port, "/actuator/health/migrations");
			Http.keep("health-waiting.json", health);
			assertThat(health.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
			assertThat(health.<String>read("$.details.default.state")).isEqualTo("waiting for migrations");
			assertThat(health.<Integer>read("$.details.default.pending")).isEqualTo(2);
			Http.Response migrations = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-waiting.json", migrations);
			assertThat(migrations.<Integer>read("$.tracks.default.waiting.pending")).isEqualTo(2);
			assertThat(migrations.<Integer>read("$.tracks.default.waiting.checks")).isPositive();
			assertThat(migrations.<Integer>read("$.tracks.default.counts.applied")).isZero();
			// It applies nothing itself: not even the history table exists.
			assertThat(historyTableExists(database)).isFalse();
			assertThat(application.hasStarted()).isFalse();

			migrate(database);
			ConfigurableApplicationContext context = application.awaitStarted();
			assertThat(context.isActive()).isTrue();

			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(Http.get(port, "/actuator/health/migrations").<String>read("$.status")).isEqualTo("UP");
			Http.Response after = Http.get(port, "/actuator/migrations");
			assertThat(after.<Boolean>read("$.tracks.default.upToDate")).isTrue();
			assertThat(after.<String>read("$.tracks.default.lastRun.operation")).isEqualTo("validate");
			assertThat(after.<String>read("$.tracks.default.lastRun.outcome")).isEqualTo("success");
			assertThat(after.body()).doesNotContain("\"waiting\"");
		}
	}

	@Test
	void replicaFailsToStartOnDrift(CapturedOutput output) {
		PGSimpleDataSource database = database();
		migrate(database);
		TestDatabase.execute(database, "UPDATE cairn_history SET checksum = 'edited' WHERE version = '2'");
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class).properties(
				"spring.datasource.url=" + url(database), "spring.main.web-application-type=none",
				"cairn.locations=classpath:cairn/ok", "cairn.mode=validate");
		assertThatException().isThrownBy(replica::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Cairn found problems before applying anything")
			.contains("V2__add_order_status.sql: changed since it was applied");
	}

	@Test
	void replicaWithoutFailOnErrorStartsNotReadyOnDrift() throws Exception {
		PGSimpleDataSource database = database();
		migrate(database);
		TestDatabase.execute(database, "UPDATE cairn_history SET checksum = 'edited' WHERE version = '2'");
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class).properties(
				"spring.datasource.url=" + url(database), "server.port=0", "cairn.locations=classpath:cairn/ok",
				"cairn.mode=validate", "cairn.fail-on-error=false",
				"management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.health.show-details=always");
		try (BackgroundApplication application = BackgroundApplication.start(replica)) {
			int port = application.port();
			application.awaitStarted();
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(503);
			Http.Response health = Http.get(port, "/actuator/health/migrations");
			assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
			assertThat(health.<String>read("$.details.default.lastRunOperation")).isEqualTo("validate");
			assertThat(health.<String>read("$.details.default.error")).contains("changed since it was applied");
		}
	}

	@Test
	void replicaInInitializationModeWaitsBeforeDatabaseUsersAreCreated() throws Exception {
		PGSimpleDataSource database = database();
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class,
				FirstCheck.class, JdbcUser.class)
			.properties("spring.datasource.url=" + url(database), "spring.main.web-application-type=none",
					"cairn.locations=classpath:cairn/ok", "cairn.mode=validate", "cairn.run-on=initialization",
					"cairn.validate-interval=100ms");
		try (BackgroundApplication application = BackgroundApplication.start(replica)) {
			assertThat(firstCheckDone.await(60, TimeUnit.SECONDS)).as("the replica checked the schema").isTrue();
			assertThat(application.hasStarted()).isFalse();
			migrate(database);
			ConfigurableApplicationContext context = application.awaitStarted();
			// Created after the wait, so it saw the migrated schema.
			assertThat(context.getBean("ordersAtStartup")).isEqualTo(0);
		}
	}

	@Test
	void shutdownEndsTheWait() throws Exception {
		PGSimpleDataSource database = database();
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class).properties(
				"spring.datasource.url=" + url(database), "server.port=0", "cairn.locations=classpath:cairn/ok",
				"cairn.mode=validate", "management.endpoints.web.exposure.include=health,migrations");
		BackgroundApplication application = BackgroundApplication.start(replica);
		int port = application.port();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Http.get(port, "/actuator/migrations").body().contains("\"waiting\""));
		// The default interval (10 s) is longer than this test needs: closing must not wait for it.
		application.close();
		assertThatException().isThrownBy(application::awaitStarted)
			.havingRootCause()
			.withMessageContaining("stopped waiting for 2 pending migrations (cairn.mode=validate) because the"
					+ " application is shutting down");
	}

	@Test
	void shutdownDuringRefreshEndsTheWait() throws Exception {
		PGSimpleDataSource database = database();
		SpringApplicationBuilder replica = new SpringApplicationBuilder(CairnTestApplication.class, FirstCheck.class)
			.properties("spring.datasource.url=" + url(database), "spring.main.web-application-type=none",
					"cairn.locations=classpath:cairn/ok", "cairn.mode=validate", "cairn.run-on=initialization");
		BackgroundApplication application = BackgroundApplication.start(replica);
		assertThat(firstCheckDone.await(60, TimeUnit.SECONDS)).as("the replica checked the schema").isTrue();
		application.close();
		assertThatException().isThrownBy(application::awaitStarted);
		assertThat(historyTableExists(database)).isFalse();
	}

	private static PGSimpleDataSource database() {
		PGSimpleDataSource created = TestDatabase.createDatabase();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url(created));
		return dataSource;
	}

	private static String url(PGSimpleDataSource dataSource) {
		return TestDatabase.urlFor(dataSource.getDatabaseName());
	}

	// The other instance: a migration Job, here the engine on its own.
	private static void migrate(PGSimpleDataSource database) {
		new Cairn(CairnConfiguration.builder().dataSource(database).locations("classpath:cairn/ok").build()).migrate();
	}

	private static boolean historyTableExists(PGSimpleDataSource database) {
		return new JdbcTemplate(database).queryForObject("SELECT to_regclass('public.cairn_history') IS NOT NULL",
				Boolean.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class FirstCheck {

		@Bean
		MigrationListener firstCheck() {
			return new MigrationListener() {

				@Override
				public void runFinished(RunFinished event) {
					if (event.operation() == Operation.STATUS) {
						firstCheckDone.countDown();
					}
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcUser {

		@Bean
		Integer ordersAtStartup(JdbcTemplate jdbcTemplate) {
			return jdbcTemplate.queryForObject("SELECT count(*) FROM orders", Integer.class);
		}

	}

}
