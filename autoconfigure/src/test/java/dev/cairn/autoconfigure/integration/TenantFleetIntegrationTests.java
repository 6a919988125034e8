package dev.cairn.autoconfigure.integration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.autoconfigure.command.CairnCommandExit;
import dev.cairn.core.FleetResult;
import dev.cairn.core.FleetShard;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;
import dev.cairn.core.command.ExitCode;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * A fleet of five tenant schemas, one of which cannot take its first migration (its
 * {@code notes} table is already there), in a real application against a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantFleetIntegrationTests {

	private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli");

	private PGSimpleDataSource database;

	private String url;

	@BeforeEach
	void setUp() throws SQLException {
		this.database = TestDatabase.createDatabase();
		this.url = TestDatabase.urlFor(this.database.getDatabaseName());
		try (Connection connection = this.database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA initech");
			statement.execute("CREATE TABLE initech.notes (id int)");
		}
	}

	private String[] fleet(String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("spring.datasource.url=" + this.url,
				"cairn.tracks.tenants.locations=classpath:cairn/tenant",
				"cairn.tracks.tenants.tenants.schemas=" + String.join(",", TENANTS),
				"cairn.tracks.tenants.tenants.create-schemas=true", "cairn.tracks.tenants.tenants.workers=2"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private List<String> versions(String tenant) {
		if (!Sql.tableExists(this.database, tenant + ".cairn_history_tenants")) {
			return List.of();
		}
		return Sql.column(this.database, "SELECT version FROM " + tenant
				+ ".cairn_history_tenants ORDER BY version::int");
	}

	@Test
	void startUpMigratesEveryTenantAndOneFailingTenantDoesNotStopTheOthers(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties(fleet())
			.run()) {
			FleetResult result = context.getBean(TenantFleets.class).lastResult("tenants");
			assertThat(result).isNotNull();
			assertThat(result.count(TenantOutcome.State.APPLIED)).isEqualTo(4);
			assertThat(result.failed()).extracting(TenantOutcome::tenant).containsExactly("initech");
			for (String tenant : List.of("acme", "globex", "umbrella", "hooli")) {
				assertThat(versions(tenant)).as(tenant).containsExactly("1", "2");
			}
			assertThat(versions("initech")).isEmpty();
			assertThat(output).contains("Fleet 'tenants': 5 tenants: 4 applied, 0 up to date, 1 failed, 0 not run;"
					+ " failed: initech (");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cairn.fleet.tenants").tags("fleet", "tenants", "outcome", "failed").gauge().value())
				.isEqualTo(1);
			assertThat(registry.get("cairn.fleet.tenants").tags("fleet", "tenants", "outcome", "applied").gauge().value())
				.isEqualTo(4);
			assertThat(registry.getMeters())
				.as("no meter has a tag per tenant")
				.allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.noneMatch((tag) -> TENANTS.contains(tag.getValue())));
		}
	}

	/** Starts the fleet's application with the endpoint exposed and the fleet status kept this long. */
	private ConfigurableApplicationContext withStatusMaxAge(String maxAge) {
		return new SpringApplicationBuilder(CairnTestApplication.class)
			.properties(fleet("server.port=0", "management.endpoints.web.exposure.include=migrations",
					"cairn.endpoint.fleet-status-max-age=" + maxAge))
			.run();
	}

	/** Behind the endpoint's back: initech's conflicting table goes, and a sign-up style call migrates it. */
	private void fixAndMigrateInitech(ConfigurableApplicationContext context) throws SQLException {
		try (Connection connection = this.database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE initech.notes");
		}
		context.getBean(TenantFleets.class).fleet("tenants").migrateTenant("initech");
	}

	@Test
	void theEndpointReusesAFleetsStatusForItsMaxAgeAndReadsAgainAfterAFleetRun() throws SQLException {
		try (ConfigurableApplicationContext context = withStatusMaxAge("1h")) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response first = Http.get(port, "/actuator/migrations");
			assertThat(first.<Integer>read("$.fleets.tenants.withoutVersion")).isEqualTo(1);
			String readAt = first.read("$.fleets.tenants.statusReadAt");
			fixAndMigrateInitech(context);
			TenantFleets fleets = context.getBean(TenantFleets.class);
			Http.Response second = Http.get(port, "/actuator/migrations");
			assertThat(second.<Integer>read("$.fleets.tenants.withoutVersion")).as("reused within the max age")
				.isEqualTo(1);
			assertThat(second.<String>read("$.fleets.tenants.statusReadAt")).isEqualTo(readAt);
			fleets.migrate(fleets.fleet("tenants"));
			Http.Response third = Http.get(port, "/actuator/migrations");
			assertThat(third.<Integer>read("$.fleets.tenants.withoutVersion")).as("read again after a fleet run")
				.isEqualTo(0);
			assertThat(third.<Map<String, Object>>read("$.fleets.tenants.versions")).containsExactly(entry("2", 5));
		}
	}

	@Test
	void aFleetStatusMaxAgeOfZeroReadsTheTenantsOnEveryRequest() throws SQLException {
		try (ConfigurableApplicationContext context = withStatusMaxAge("0")) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			assertThat(Http.get(port, "/actuator/migrations").<Integer>read("$.fleets.tenants.withoutVersion")).isEqualTo(1);
			fixAndMigrateInitech(context);
			assertThat(Http.get(port, "/actuator/migrations").<Integer>read("$.fleets.tenants.withoutVersion")).isZero();
		}
	}

	@Test
	void theEndpointShowsTheFleetAndHealthIsDownForAFailedTenant() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties(fleet("server.port=0", "management.endpoints.web.exposure.include=health,migrations",
					"management.endpoint.health.show-details=always"))
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response migrations = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-fleet.json", migrations);
			assertThat(migrations.<Integer>read("$.fleets.tenants.tenants")).isEqualTo(5);
			assertThat(migrations.<Map<String, Object>>read("$.fleets.tenants.versions")).containsExactly(entry("2", 4));
			assertThat(migrations.<Integer>read("$.fleets.tenants.withoutVersion")).isEqualTo(1);
			assertThat(migrations.<Integer>read("$.fleets.tenants.lastRun.failedCount")).isEqualTo(1);
			assertThat(migrations.<String>read("$.fleets.tenants.lastRun.failed[0].tenant")).isEqualTo("initech");
			assertThat(migrations.<String>read("$.fleets.tenants.lastRun.failed[0].error")).contains("V1__create_notes.sql")
				.doesNotContain("\n");
			assertThat(migrations.<Map<String, Object>>read("$.tracks")).isEmpty();
			assertThat(migrations.<Map<String, Object>>read("$.fleets.tenants")).as("no run in progress")
				.doesNotContainKey("currentRun");

			Http.Response acme = Http.get(port, "/actuator/migrations/tenants/acme");
			Http.keep("migrations-fleet-tenant.json", acme);
			assertThat(acme.<String>read("$.historyTable")).isEqualTo("\"acme\".\"cairn_history_tenants\"");
			assertThat(acme.<Integer>read("$.counts.applied")).isEqualTo(2);
			assertThat(acme.<Boolean>read("$.upToDate")).isTrue();
			Http.Response initech = Http.get(port, "/actuator/migrations/tenants/initech");
			assertThat(initech.<Boolean>read("$.upToDate")).isFalse();
			assertThat(initech.<Integer>read("$.counts.pending")).isEqualTo(2);
			assertThat(Http.get(port, "/actuator/migrations/tenants/wayne").status()).as("a tenant the fleet does not list")
				.isEqualTo(404);
			assertThat(Http.get(port, "/actuator/migrations/nofleet/acme").status()).as("no such fleet").isEqualTo(404);

			Http.Response health = Http.get(port, "/actuator/health");
			assertThat(health.<String>read("$.components.migrations.status")).isEqualTo("DOWN");
			assertThat(health.<String>read("$.components.migrations.details.fleets.tenants.status")).isEqualTo("DOWN");
			assertThat(health.<Integer>read("$.components.migrations.details.fleets.tenants.failed")).isEqualTo(1);
		}
	}

	@Test
	void theEndpointShowsARunningFleetsProgressAndItsSlowestTenant() throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		SpringApplicationBuilder application = new SpringApplicationBuilder(CairnTestApplication.class,
				HoldLastTenant.class)
			.properties("spring.datasource.url=" + this.url, "server.port=0",
					"management.endpoints.web.exposure.include=migrations",
					"cairn.tracks.tenants.locations=classpath:cairn/tenant",
					"cairn.tracks.tenants.tenants.schemas=" + String.join(",", TENANTS),
					"cairn.tracks.tenants.tenants.create-schemas=true", "cairn.tracks.tenants.tenants.workers=1")
			.listeners((ApplicationListener<WebServerInitializedEvent>) (event) -> port
				.complete(event.getWebServer().getPort()));
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(application::run);
		try {
			assertThat(HoldLastTenant.started.await(60, TimeUnit.SECONDS)).as("the last tenant started").isTrue();
			int serverPort = port.get(10, TimeUnit.SECONDS);
			Http.Response migrations = Http.get(serverPort, "/actuator/migrations");
			// The held tenant becomes the slowest once it has run longer than any finished one.
			for (int i = 0; i < 300 && !slowestIsRunning(migrations); i++) {
				Thread.sleep(100);
				migrations = Http.get(serverPort, "/actuator/migrations");
			}
			Http.keep("migrations-fleet-running.json", migrations);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.total")).isEqualTo(5);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.done")).isEqualTo(4);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.applied")).isEqualTo(3);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.failed")).as("initech").isEqualTo(1);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.running")).isEqualTo(1);
			assertThat(migrations.<Integer>read("$.fleets.tenants.currentRun.workers")).isEqualTo(1);
			assertThat(migrations.<String>read("$.fleets.tenants.currentRun.slowest.tenant")).isEqualTo("hooli");
			assertThat(migrations.<Boolean>read("$.fleets.tenants.currentRun.slowest.running")).isTrue();
			assertThat(migrations.<Map<String, Object>>read("$.fleets.tenants")).as("no run finished yet")
				.doesNotContainKey("lastRun");
		}
		finally {
			HoldLastTenant.release.countDown();
		}
		try (ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS)) {
			int serverPort = port.get();
			Http.Response after = Http.get(serverPort, "/actuator/migrations");
			assertThat(after.<Map<String, Object>>read("$.fleets.tenants")).doesNotContainKey("currentRun");
			assertThat(after.<Integer>read("$.fleets.tenants.lastRun.applied")).isEqualTo(4);
		}
	}

	private static boolean slowestIsRunning(Http.Response migrations) {
		try {
			return Boolean.TRUE.equals(migrations.read("$.fleets.tenants.currentRun.slowest.running"));
		}
		catch (com.jayway.jsonpath.PathNotFoundException ex) {
			return false;
		}
	}

	/** Holds the fleet's last tenant's first migration until the test has looked. */
	@Configuration(proxyBeanMethods = false)
	static class HoldLastTenant {

		static final CountDownLatch started = new CountDownLatch(1);

		static final CountDownLatch release = new CountDownLatch(1);

		@Bean
		MigrationListener holdLastTenant() {
			return new MigrationListener() {

				@Override
				public void migrationStarted(MigrationStarted event) {
					if ("hooli".equals(MDC.get(TenantFleet.MDC_TENANT))) {
						started.countDown();
						try {
							release.await(60, TimeUnit.SECONDS);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}
				}

			};
		}

	}

	@Test
	void aFailureWithinTheHealthThresholdKeepsHealthUp() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties(fleet("server.port=0", "management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-details=always",
					"cairn.tracks.tenants.tenants.health-failure-threshold=1"))
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response health = Http.get(port, "/actuator/health");
			assertThat(health.<String>read("$.components.migrations.status")).isEqualTo("UP");
			assertThat(health.<Integer>read("$.components.migrations.details.fleets.tenants.failed")).isEqualTo(1);
		}
	}

	@Test
	void commandModeMigratesTheFleetAndExitsWithTheFailedTenantsCode(CapturedOutput output) {
		Integer exitCode = runCommand(fleet("cairn.command=migrate"));
		assertThat(exitCode).as("a failed migration").isEqualTo(3);
		assertThat(output.getErr()).contains("Fleet 'tenants': 5 tenants: 4 applied, 0 up to date, 1 failed");
		assertThat(versions("acme")).containsExactly("1", "2");
	}

	@Test
	void commandModeExitsZeroWhenEveryTenantIsCurrent(CapturedOutput output) throws SQLException {
		try (Connection connection = this.database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE initech.notes");
		}
		assertThat(runCommand(fleet("cairn.command=migrate"))).isZero();
		assertThat(runCommand(fleet("cairn.command=migrate"))).isZero();
		assertThat(output.getOut()).contains("Fleet 'tenants': 5 tenants: 0 applied, 5 up to date, 0 failed, 0 not run");
	}

	@Test
	void commandModeMigratesOnlyItsShard() {
		assertThat(runCommand(fleet("cairn.command=migrate", "cairn.tracks.tenants.tenants.shard-count=2",
				"JOB_COMPLETION_INDEX=1")))
			.as("3 (a failed migration) exactly when the failing tenant is in the shard")
			.isEqualTo((FleetShard.shardOf("initech", 2) == 1) ? 3 : 0);
		for (String tenant : TENANTS) {
			boolean inShard = FleetShard.shardOf(tenant, 2) == 1;
			if (!tenant.equals("initech")) {
				assertThat(versions(tenant)).as(tenant).isEqualTo(inShard ? List.of("1", "2") : List.of());
			}
		}
	}

	@Test
	void aFailingTenantQueryFailsStartUpNamingTheQuery() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + this.url, "cairn.tracks.tenants.locations=classpath:cairn/tenant",
					"cairn.tracks.tenants.tenants.query=SELECT schema_name FROM no_such_table")
			.run()
			.close())
			.hasStackTraceContaining("The tenant query failed: ERROR: relation \"no_such_table\" does not exist");
	}

	@Test
	void aFailingTenantQueryInCommandModeExitsNonZeroAndSaysWhy(CapturedOutput output) {
		Integer exitCode = runCommand("spring.datasource.url=" + this.url, "cairn.command=migrate",
				"cairn.tracks.tenants.locations=classpath:cairn/tenant",
				"cairn.tracks.tenants.tenants.query=SELECT schema_name FROM no_such_table");
		assertThat(exitCode).isEqualTo(ExitCode.OTHER_ERROR.code());
		assertThat(output.getErr()).contains("Fleet 'tenants' cannot run: The tenant query failed");
	}

	private static Integer runCommand(String... properties) {
		Integer[] code = new Integer[1];
		CairnCommandExit exit = (context, exitCode) -> code[0] = SpringApplication.exit(context);
		new SpringApplicationBuilder(CairnTestApplication.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("cairnCommandExit", exit))
			.properties(properties)
			.run();
		assertThat(code[0]).as("the command ended the application").isNotNull();
		return code[0];
	}

}
