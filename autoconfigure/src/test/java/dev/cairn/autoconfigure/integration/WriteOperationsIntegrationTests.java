package dev.cairn.autoconfigure.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/migrations} over HTTP against a real PostgreSQL: absent by default and
 * under read-only access, and, once enabled, the operations of {@code cairn.command} with the
 * same exit codes.
 */
class WriteOperationsIntegrationTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,migrations";

	private static final String ENABLED = "cairn.endpoint.write-operations.enabled=true";

	// Spring Security is not on this module's classpath: without the opt-in, write operations refuse to start.
	private static final String ANONYMOUS = "cairn.endpoint.write-operations.allow-anonymous=true";

	@Test
	void writeOperationsAreAbsentByDefault() throws Exception {
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=classpath:cairn/updown", EXPOSED)) {
			int port = application.port();
			application.awaitStarted();
			Http.Response response = Http.post(port, "/actuator/migrations", "{\"operation\": \"rollback\", \"steps\": 1}");
			assertThat(response.status()).isIn(404, 405);
			assertThat(versions(database)).containsExactly("1", "2");
			assertThat(Http.get(port, "/actuator/migrations").status()).isEqualTo(200);
		}
	}

	@Test
	void readOnlyAccessHidesWriteOperations() throws Exception {
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=classpath:cairn/updown", EXPOSED,
				ENABLED, "management.endpoint.migrations.access=read-only")) {
			int port = application.port();
			application.awaitStarted();
			Http.Response response = Http.post(port, "/actuator/migrations", "{\"operation\": \"rollback\", \"steps\": 1}");
			assertThat(response.status()).isIn(404, 405);
			assertThat(versions(database)).containsExactly("1", "2");
			assertThat(Http.get(port, "/actuator/migrations").status()).isEqualTo(200);
		}
	}

	@Test
	void operationsRunOverHttpAndShowInTheEndpoint() throws Exception {
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=classpath:cairn/updown", EXPOSED,
				ENABLED, "management.endpoint.health.show-details=always")) {
			int port = application.port();
			application.awaitStarted();

			Http.Response before = Http.get(port, "/actuator/migrations");
			assertThat(before.<List<String>>read("$.tracks.default.rollbackOrder")).containsExactly("2", "1");
			assertThat(before.<List<Integer>>read("$.tracks.default.migrations[*].appliedOrder")).containsExactly(1, 2);

			Http.Response rollback = post(port, "{\"operation\": \"rollback\", \"steps\": 1}");
			Http.keep("write-rollback.json", rollback);
			assertThat(rollback.status()).isEqualTo(200);
			assertThat(rollback.<String>read("$.operation")).isEqualTo("rollback");
			assertThat(rollback.<String>read("$.outcome")).isEqualTo("success");
			assertThat(rollback.<Integer>read("$.exitCode")).isZero();
			assertThat(rollback.<List<String>>read("$.tracks.default.undone")).containsExactly("2");
			assertThat(versions(database)).containsExactly("1");

			Http.Response after = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-after-rollback.json", after);
			assertThat(after.<String>read("$.tracks.default.migrations[1].state")).isEqualTo("pending");
			assertThat(after.<List<String>>read("$.tracks.default.rollbackOrder")).containsExactly("1");
			assertThat(after.<String>read("$.tracks.default.lastOperation.operation")).isEqualTo("rollback");
			assertThat(after.<String>read("$.tracks.default.lastOperation.outcome")).isEqualTo("success");
			assertThat(after.<List<String>>read("$.tracks.default.lastOperation.changes")).singleElement()
				.asString()
				.startsWith("undid version 2 with 000002_add_order_status.down.sql");
			assertThat(Http.get(port, "/actuator/health/migrations").<String>read("$.details.default.lastOperation"))
				.isEqualTo("rollback");

			Http.Response dryRun = post(port, "{\"operation\": \"dry-run\"}");
			assertThat(dryRun.status()).isEqualTo(200);
			assertThat(dryRun.<String>read("$.tracks.default.steps[0].outcome")).isEqualTo("proved");
			assertThat(versions(database)).containsExactly("1");

			Http.Response migrate = post(port, "{\"operation\": \"migrate\", \"steps\": 1}");
			assertThat(migrate.status()).isEqualTo(200);
			assertThat(migrate.<List<String>>read("$.tracks.default.applied")).containsExactly("2");
			assertThat(versions(database)).containsExactly("1", "2");

			assertThat(post(port, "{\"operation\": \"force\", \"version\": \"2\", \"applied\": false}").status())
				.isEqualTo(200);
			assertThat(versions(database)).containsExactly("1");
			Http.Response force = post(port, "{\"operation\": \"force\", \"version\": 2}");
			assertThat(force.<List<String>>read("$.tracks.default.changes")).singleElement()
				.asString()
				.contains("recorded version 2");
			assertThat(Http.get(port, "/actuator/migrations/2").<String>read("$.type")).isEqualTo("FORCED");

			Http.Response validate = post(port, "{\"operation\": \"validate\"}");
			assertThat(validate.status()).isEqualTo(200);
			assertThat(validate.<Integer>read("$.tracks.default.pending")).isZero();

			Http.Response repair = post(port, "{\"operation\": \"repair\", \"acceptChanges\": true}");
			assertThat(repair.status()).isEqualTo(200);
			assertThat(repair.<List<String>>read("$.tracks.default.changes")).containsExactly("nothing to change");
		}
	}

	@Test
	void refusalsAndUsageErrorsAnswerWithTheExitCode() throws Exception {
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=classpath:cairn/updown", EXPOSED,
				ENABLED)) {
			int port = application.port();
			application.awaitStarted();

			Http.Response unknown = post(port, "{\"operation\": \"upgrade\"}");
			assertThat(unknown.status()).isEqualTo(400);
			assertThat(unknown.<Integer>read("$.exitCode")).isEqualTo(1);
			assertThat(unknown.<String>read("$.message")).startsWith("Unknown operation 'upgrade': use one of migrate,");

			Http.Response missing = post(port, "{\"operation\": \"rollback\"}");
			assertThat(missing.status()).isEqualTo(400);
			assertThat(missing.<String>read("$.message"))
				.startsWith("rollback needs steps (how many of the most recently applied migrations to undo) or target");

			assertThat(post(port, "{\"operation\": \"status\"}").<String>read("$.message"))
				.isEqualTo("status is read with GET /actuator/migrations");
			assertThat(post(port, "{}").status()).isEqualTo(400);
			assertThat(post(port, "{\"operation\": \"migrate\", \"track\": \"other\"}").status()).isEqualTo(400);

			Http.Response tooMany = post(port, "{\"operation\": \"rollback\", \"steps\": 3}");
			assertThat(tooMany.status()).isEqualTo(400);
			assertThat(tooMany.<String>read("$.tracks.default.error.message")).contains("only 2 are applied");

			Http.Response baseline = post(port, "{\"operation\": \"baseline\", \"version\": \"1\"}");
			assertThat(baseline.status()).isEqualTo(409);
			assertThat(baseline.<Integer>read("$.exitCode")).isEqualTo(2);
			assertThat(baseline.<String>read("$.tracks.default.error.kind")).isEqualTo("validation");
			assertThat(versions(database)).containsExactly("1", "2");
		}
	}

	@Test
	void successfulMigrateAfterAFailureMakesTheApplicationReady(@TempDir Path migrations) throws Exception {
		Files.writeString(migrations.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
		Files.writeString(migrations.resolve("V2__backfill.sql"), "UPDATE order_lines SET quantity = 1;");
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=filesystem:" + migrations, EXPOSED,
				ENABLED, "cairn.fail-on-error=false", "management.endpoint.health.show-details=always")) {
			int port = application.port();
			application.awaitStarted();
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(503);

			// The operator fixes the file and migrates through the endpoint.
			Files.writeString(migrations.resolve("V2__backfill.sql"), "ALTER TABLE orders ADD COLUMN quantity int;");
			Http.Response migrate = post(port, "{\"operation\": \"migrate\"}");
			assertThat(migrate.status()).isEqualTo(200);
			assertThat(migrate.<List<String>>read("$.tracks.default.applied")).containsExactly("2");
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(Http.get(port, "/actuator/health/migrations").<String>read("$.status")).isEqualTo("UP");
		}
	}

	@Test
	void failedMigrationAnswersWithItsError(@TempDir Path migrations) throws Exception {
		Files.writeString(migrations.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
		PGSimpleDataSource database = database();
		try (BackgroundApplication application = start(database, "cairn.locations=filesystem:" + migrations, EXPOSED,
				ENABLED)) {
			int port = application.port();
			application.awaitStarted();
			Files.writeString(migrations.resolve("V2__backfill.sql"), "SELECT 1;\nUPDATE order_lines SET quantity = 1;");
			Http.Response migrate = post(port, "{\"operation\": \"migrate\"}");
			Http.keep("write-migrate-failed.json", migrate);
			assertThat(migrate.status()).isEqualTo(500);
			assertThat(migrate.<Integer>read("$.exitCode")).isEqualTo(3);
			assertThat(migrate.<Map<String, Object>>read("$.tracks.default.error")).containsEntry("kind", "migration")
				.containsEntry("line", 2)
				.containsEntry("sqlState", "42P01");
		}
	}

	private static Http.Response post(int port, String json) {
		return Http.post(port, "/actuator/migrations", json);
	}

	private static BackgroundApplication start(PGSimpleDataSource database, String... properties) {
		return BackgroundApplication.start(new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + TestDatabase.urlFor(database.getDatabaseName()), "server.port=0",
					ANONYMOUS)
			.properties(properties));
	}

	private static PGSimpleDataSource database() {
		PGSimpleDataSource created = TestDatabase.createDatabase();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(created.getDatabaseName()));
		return dataSource;
	}

	private static List<String> versions(PGSimpleDataSource database) {
		return new JdbcTemplate(database).queryForList(
				"SELECT version FROM cairn_history WHERE state = 'applied' ORDER BY applied_order", String.class);
	}

}
