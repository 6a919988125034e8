package dev.cairn.autoconfigure.integration;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.FleetResult;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantOutcome;
import dev.cairn.core.TenantSource;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of one database per tenant in a real application: the tenants come from a
 * {@link TenantSource} bean (reading the application's own database), each tenant's database
 * from {@code tenants.url-template}; one tenant's database does not exist.
 */
class TenantDatabaseFleetIntegrationTests {

	private PGSimpleDataSource catalogue;

	private final List<String> tenants = new ArrayList<>();

	private final String missing = "cairn_gone_" + ProcessHandle.current().pid();

	@BeforeEach
	void setUp() {
		this.catalogue = TestDatabase.createDatabase();
		this.tenants.add(TestDatabase.createDatabase().getDatabaseName());
		this.tenants.add(TestDatabase.createDatabase().getDatabaseName());
		TestDatabase.execute(this.catalogue, "CREATE TABLE tenants (position int, db text NOT NULL, active boolean NOT NULL)",
				"INSERT INTO tenants VALUES (1, '" + this.tenants.get(0) + "', true), (2, '" + this.missing + "', true), (3, '"
						+ this.tenants.get(1) + "', true), (4, 'retired', false)");
	}

	private ConfigurableApplicationContext start(String... more) {
		List<String> properties = new ArrayList<>(List.of(
				"spring.datasource.url=" + TestDatabase.urlFor(this.catalogue.getDatabaseName()),
				"cairn.tracks.tenants.locations=classpath:cairn/tenant", "cairn.tracks.tenants.tenants.source=registry",
				"cairn.tracks.tenants.tenants.url-template=" + TestDatabase.urlFor(TenantDatabases.TENANT),
				"cairn.tracks.tenants.tenants.workers=2", "server.port=0",
				"management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.health.show-details=always"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(CairnTestApplication.class, Registry.class)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	@Test
	void startUpMigratesEachTenantsDatabaseAndAMissingDatabaseFailsOnlyItsTenant() {
		try (ConfigurableApplicationContext context = start()) {
			FleetResult result = context.getBean(TenantFleets.class).lastResult("tenants");
			assertThat(result.tenants()).extracting(TenantOutcome::tenant)
				.containsExactly(this.tenants.get(0), this.missing, this.tenants.get(1));
			assertThat(result.count(TenantOutcome.State.APPLIED)).isEqualTo(2);
			assertThat(result.tenant(this.missing).error()).contains("does not exist");
			for (String tenant : this.tenants) {
				PGSimpleDataSource database = new PGSimpleDataSource();
				database.setUrl(TestDatabase.urlFor(tenant));
				assertThat(Sql.column(database, "SELECT version FROM public.cairn_history_tenants ORDER BY version::int"))
					.as(tenant)
					.containsExactly("1", "2");
				assertThat(Sql.tableExists(database, "public.notes")).isTrue();
			}
			// The application's own database only lists the tenants.
			assertThat(Sql.tableExists(this.catalogue, "public.notes")).isFalse();
			assertThat(Sql.tableExists(this.catalogue, "public.cairn_history_tenants")).isFalse();

			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response fleet = Http.get(port, "/actuator/migrations");
			assertThat(fleet.<Integer>read("$.fleets.tenants.tenants")).isEqualTo(3);
			assertThat(fleet.<String>read("$.fleets.tenants.lastRun.failed[0].tenant")).isEqualTo(this.missing);
			Http.Response one = Http.get(port, "/actuator/migrations/tenants/" + this.tenants.get(1));
			assertThat(one.<String>read("$.historyTable")).isEqualTo("\"public\".\"cairn_history_tenants\"");
			assertThat(one.<Boolean>read("$.upToDate")).isTrue();
			assertThat(Http.get(port, "/actuator/health").<String>read("$.components.migrations.status"))
				.isEqualTo("DOWN");
		}
	}

	/** The application's registry of tenants: a table in its own database. */
	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		TenantSource registry() {
			return TenantSource.query("SELECT db FROM tenants WHERE active ORDER BY position");
		}

	}

}
