package dev.cairn.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code prod} profile as a DBA would set it up (see the comment at the top of
 * application-prod.yml): migrations run as the schema owner, the service as a role that can
 * only read and write rows, actuator on its own port.
 */
class ProductionProfileTests {

	private static final AtomicInteger counter = new AtomicInteger();

	private final String suffix = ProcessHandle.current().pid() + "_" + counter.incrementAndGet();

	private final String owner = "library_owner_" + this.suffix;

	private final String app = "library_app_" + this.suffix;

	private final String database = "library_prod_" + this.suffix;

	@BeforeEach
	void createRolesAndDatabase() {
		TestDatabase.execute(TestDatabase.adminDataSource(), "CREATE ROLE " + this.owner + " LOGIN PASSWORD 'owner'",
				"CREATE ROLE " + this.app + " LOGIN PASSWORD 'app'",
				"CREATE DATABASE " + this.database + " OWNER " + this.owner);
		TestDatabase.execute(dataSource(null), "ALTER SCHEMA public OWNER TO " + this.owner,
				"REVOKE CREATE ON SCHEMA public FROM PUBLIC", "GRANT USAGE ON SCHEMA public TO " + this.app,
				"ALTER DEFAULT PRIVILEGES FOR ROLE " + this.owner + " IN SCHEMA public"
						+ " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + this.app,
				"ALTER DEFAULT PRIVILEGES FOR ROLE " + this.owner + " IN SCHEMA public"
						+ " GRANT USAGE, SELECT ON SEQUENCES TO " + this.app);
	}

	@AfterEach
	void dropRolesAndDatabase() {
		TestDatabase.execute(TestDatabase.adminDataSource(), "DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)",
				"DROP ROLE IF EXISTS " + this.app, "DROP ROLE IF EXISTS " + this.owner);
	}

	@Test
	void migrationsRunAsTheOwnerAndTheServiceAsTheApplicationRole() throws SQLException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LibraryApplication.class)
			.profiles("prod")
			// What the platform would put in the environment; role names differ only to keep tests apart.
			.run("--LIBRARY_DB_URL=" + url(), "--LIBRARY_APP_PASSWORD=app", "--LIBRARY_OWNER_PASSWORD=owner",
					"--spring.datasource.username=" + this.app, "--cairn.user=" + this.owner, "--server.port=0",
					"--management.server.port=0")) {
			// The profile's lock waits and linter policies reach the engine.
			dev.cairn.core.CairnConfiguration cairn = context.getBean(dev.cairn.core.Cairn.class).configuration();
			assertThat(cairn.lockWait().statementTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
			assertThat(cairn.lint().policy(dev.cairn.core.LintRule.CREATE_INDEX_BLOCKING))
				.isEqualTo(dev.cairn.core.LintPolicy.FAIL);
			assertThat(cairn.lint().policy(dev.cairn.core.LintRule.DROP)).isEqualTo(dev.cairn.core.LintPolicy.WARN);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(this.app);
			assertThat(jdbc.sql("SELECT DISTINCT applied_by FROM public.cairn_history").query(String.class).list())
				.containsExactly(this.owner);
			assertThat(jdbc.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'books'").query(String.class).single())
				.isEqualTo(this.owner);
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			TestServers.client(port).get().uri("/books").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.length()").isEqualTo(6);
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			TestServers.client(managementPort).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP")
				// Details only for authorised callers.
				.jsonPath("$.components").doesNotExist();
			TestServers.client(managementPort).get().uri("/actuator/migrations").exchange().expectStatus().isOk()
				.expectBody()
				.jsonPath("$.tracks.default.counts.applied").isEqualTo(9);
			TestServers.client(port).get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		}
		try (Connection connection = dataSource(this.app).getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("CREATE TABLE mischief ()"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
		}
	}

	/** The database's URL without the test server's user parameter, which would override the roles. */
	private String url() {
		String url = TestDatabase.urlFor(this.database);
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

	private PGSimpleDataSource dataSource(String user) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl((user != null) ? url() : TestDatabase.urlFor(this.database));
		if (user != null) {
			dataSource.setUser(user);
			dataSource.setPassword(user.startsWith("library_app") ? "app" : "owner");
		}
		return dataSource;
	}

}
