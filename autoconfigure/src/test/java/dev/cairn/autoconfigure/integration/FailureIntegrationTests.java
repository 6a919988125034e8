package dev.cairn.autoconfigure.integration;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an operator sees when migrations fail on start-up: Spring Boot's failure analysis, or,
 * with {@code cairn.fail-on-error=false}, a running application that stays not ready and
 * explains itself through health and the endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureIntegrationTests {

	@Test
	void failingMigrationStopsTheStartWithAFailureAnalysis(CapturedOutput output) {
		String url = TestDatabases.createUrl();
		SpringApplicationBuilder application = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + url, "spring.main.web-application-type=none",
					"cairn.locations=classpath:cairn/failing");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Cairn could not apply a migration.")
			.contains("V2__broken_backfill.sql")
			.contains("Line:       4")
			.contains("SQLSTATE:   42P01")
			.contains("PostgreSQL: relation \"order_lines\" does not exist")
			.contains("Action:")
			.contains("cairn/failing/V2__broken_backfill.sql at line 4")
			.contains("cairn.fail-on-error=false");
		// The report explains; the stack trace is not its headline.
		String report = output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START"));
		assertThat(report).doesNotContain("\tat dev.cairn");
	}

	@Test
	void badPropertyValueStopsTheStartNamingTheProperty(CapturedOutput output) {
		String url = TestDatabases.createUrl();
		SpringApplicationBuilder application = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + url, "spring.main.web-application-type=none",
					"cairn.lock-timeout=-5s");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Origin: \"cairn.lock-timeout\"")
			.contains("Reason: cairn.lock-timeout PT-5S is negative");
	}

	@Test
	void withoutFailOnErrorTheApplicationRunsNotReadyAndReportsTheFailure(CapturedOutput output) {
		String url = TestDatabases.createUrl();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + url, "server.port=0", "cairn.locations=classpath:cairn/failing",
					"cairn.fail-on-error=false", "management.endpoints.web.exposure.include=health,migrations",
					"management.endpoint.health.show-details=always")
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			assertThat(output).contains("Migrations failed; the application keeps running but stays not ready");

			Http.Response readiness = Http.get(port, "/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
			assertThat(Http.get(port, "/actuator/health/liveness").status()).isEqualTo(200);

			Http.Response health = Http.get(port, "/actuator/health");
			Http.keep("health-failed.json", health);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.<String>read("$.components.migrations.status")).isEqualTo("DOWN");
			assertThat(health.<Map<String, Object>>read("$.components.migrations.details.default"))
				.containsEntry("state", "migration failed")
				.containsEntry("applied", 1)
				.containsEntry("pending", 1)
				.containsEntry("failed", 1)
				.containsEntry("lastRun", "failure")
				.containsEntry("errorLine", 4)
				.containsEntry("errorSqlState", "42P01");
			assertThat(health.<String>read("$.components.migrations.details.default.error"))
				.contains("relation \"order_lines\" does not exist");

			Http.Response migrations = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-failed.json", migrations);
			assertThat(migrations.<String>read("$.tracks.default.lastRun.outcome")).isEqualTo("failure");
			assertThat(migrations.<String>read("$.tracks.default.lastRun.applied[0]")).isEqualTo("1");
			assertThat(migrations.<Map<String, Object>>read("$.tracks.default.lastRun.error"))
				.containsEntry("kind", "migration")
				.containsEntry("exception", "MigrationFailedException")
				.containsEntry("version", "2")
				.containsEntry("line", 4)
				.containsEntry("sqlState", "42P01")
				.containsEntry("serverMessage", "relation \"order_lines\" does not exist");
			assertThat(migrations.<String>read("$.tracks.default.migrations[1].state")).isEqualTo("pending");
			assertThat(migrations.<Boolean>read("$.tracks.default.upToDate")).isFalse();
		}
	}

}
