package dev.cairn.autoconfigure.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.integration.CommandIntegrationTests.CapturingExit;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several tracks through everything an operator sees: the endpoint lists every track, enabled
 * or not; health shows each and takes the worst; meters carry the track; write operations and
 * command mode take a track, and refuse a disabled one.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracksIntegrationTests {

	@TempDir
	Path folder;

	private PGSimpleDataSource database;

	private String url;

	private Path billing;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.createDatabase();
		this.url = TestDatabase.urlFor(this.database.getDatabaseName());
		this.billing = Files.createDirectories(this.folder.resolve("billing"));
		Files.writeString(this.billing.resolve("000001_invoices.up.sql"),
				"CREATE TABLE invoices (id int PRIMARY KEY, order_id int REFERENCES orders);");
	}

	private String[] tracks(String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("spring.datasource.url=" + this.url,
				"cairn.tracks.orders.locations=classpath:cairn/ok", "cairn.tracks.billing.locations=filesystem:" + this.billing,
				"cairn.tracks.billing.after=orders", "cairn.tracks.audit.locations=classpath:cairn/updown",
				"cairn.tracks.audit.enabled=false"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	@Test
	void theEndpointHealthAndMetersShowEveryTrack() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties(tracks("server.port=0", "management.endpoints.web.exposure.include=health,migrations",
					"management.endpoint.health.show-details=always", "cairn.endpoint.write-operations.enabled=true",
					"cairn.endpoint.write-operations.allow-anonymous=true",
					"management.endpoint.migrations.access=unrestricted"))
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response migrations = Http.get(port, "/actuator/migrations");
			Http.keep("migrations-tracks.json", migrations);
			assertThat(migrations.<Map<String, Object>>read("$.tracks")).containsOnlyKeys("audit", "orders", "billing");
			assertThat(migrations.<Boolean>read("$.tracks.orders.enabled")).isTrue();
			assertThat(migrations.<Boolean>read("$.tracks.audit.enabled")).isFalse();
			assertThat(migrations.<String>read("$.tracks.billing.historyTable"))
				.isEqualTo("\"public\".\"cairn_history_billing\"");
			assertThat(migrations.<Integer>read("$.tracks.audit.counts.pending")).isEqualTo(2);

			Http.Response health = Http.get(port, "/actuator/health");
			Http.keep("health-tracks.json", health);
			assertThat(health.<String>read("$.components.migrations.status")).isEqualTo("UP");
			assertThat(health.<String>read("$.components.migrations.details.orders.state")).isEqualTo("up to date");
			assertThat(health.<String>read("$.components.migrations.details.billing.state")).isEqualTo("up to date");
			assertThat(health.<String>read("$.components.migrations.details.audit.state")).isEqualTo("disabled");
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(200);

			Http.Response refused = Http.post(port, "/actuator/migrations",
					"{\"operation\": \"migrate\", \"track\": \"audit\"}");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.<String>read("$.message"))
				.isEqualTo("Track 'audit' is disabled: enable it (cairn.tracks.audit.enabled=true) to run an operation on it");
			Http.Response all = Http.post(port, "/actuator/migrations", "{\"operation\": \"validate\"}");
			assertThat(all.status()).isEqualTo(200);
			assertThat(all.<String>read("$.tracks.audit.outcome")).isEqualTo("disabled");
			assertThat(all.<String>read("$.tracks.billing.outcome")).isEqualTo("success");

			// The track tag takes the configured names only: its cardinality is the number of tracks.
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cairn.migrations.applied").counters())
				.extracting((counter) -> counter.getId().getTag("track"))
				.containsOnly("orders", "billing");
			assertThat(registry.find("cairn.run").timers()).extracting((timer) -> timer.getId().getTag("track"))
				.containsOnly("orders", "billing");
		}
		assertThat(Sql.tableExists(this.database, "public.cairn_history_audit")).isFalse();
	}

	@Test
	void commandModeRunsTheTracksItIsGiven(CapturedOutput output) {
		CommandIntegrationTests.CommandRun orders = run(tracks("cairn.command=migrate", "cairn.command-tracks=orders"));
		assertThat(orders.exitCode()).isZero();
		assertThat(output.getOut()).contains("Track 'billing': not-selected", "Track 'audit': disabled");
		assertThat(Sql.tableExists(this.database, "public.cairn_history_billing")).isFalse();
		assertThat(run(tracks("cairn.command=migrate")).exitCode()).isZero();
		assertThat(Sql.column(this.database, "SELECT version FROM cairn_history_billing")).containsExactly("1");
	}

	@Test
	void commandModeRefusesADisabledOrUnknownTrackAndExitsOne(CapturedOutput output) {
		assertThat(run(tracks("cairn.command=migrate", "cairn.command-tracks=audit")).exitCode()).isEqualTo(1);
		assertThat(output.getErr()).contains("cairn.command=migrate cannot run: cairn.command-tracks: Track 'audit' is"
				+ " disabled");
		assertThat(run(tracks("cairn.command=migrate", "cairn.command-tracks=ordres")).exitCode()).isEqualTo(1);
		assertThat(output.getErr()).contains("No track 'ordres': the tracks are [audit, orders, billing]");
		assertThat(Sql.tableExists(this.database, "public.cairn_history_orders")).isFalse();
	}

	@Test
	void commandModeExitsWithTheFailingTracksCodeAndSaysWhatDidNotRun(CapturedOutput output) throws IOException {
		Files.writeString(this.billing.resolve("000002_broken.up.sql"), "SELECT 1/0;");
		CommandIntegrationTests.CommandRun run = run(tracks("cairn.command=migrate",
				"cairn.tracks.late.locations=filesystem:" + Files.createDirectories(this.folder.resolve("late")),
				"cairn.tracks.late.after=billing"));
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(output.getErr()).contains("Cairn migrate on track 'billing' failed (exit code 3, migration failed)");
		assertThat(output.getOut()).contains("Track 'late': not-run");
		assertThat(Sql.column(this.database, "SELECT version FROM cairn_history_orders")).containsExactly("1", "2");
	}

	private static CommandIntegrationTests.CommandRun run(String... properties) {
		CapturingExit exit = new CapturingExit();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("cairnCommandExit", exit))
			.properties(properties)
			.run();
		return new CommandIntegrationTests.CommandRun(exit.exitCode(), context);
	}

}
