package dev.cairn.autoconfigure.integration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.command.CairnCommandExit;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Version;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code cairn.command} in a real application against a real PostgreSQL: each run starts the
 * application in-process, and its exit is captured instead of ending the JVM. The exit code
 * asserted is the one {@code SpringApplication.exit} computes, as {@code System.exit} would get
 * it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandIntegrationTests {

	@Test
	void migrateAppliesEverythingAndExitsZeroWithoutAWebServer(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=migrate", "cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isZero();
		assertThat(run.context()).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(run.context().isActive()).as("closed by SpringApplication.exit").isFalse();
		assertThat(database.versions()).containsExactly("1", "2");
		assertThat(output.getOut()).contains("Cairn migrate on track 'default': applied 2 migrations in")
			.contains("V1__create_orders.sql")
			.contains("V2__add_order_status.sql");
		assertThat(output).contains("cairn.command=migrate finished with exit code 0 (success)");
	}

	@Test
	void statusPrintsATableAndTheRollbackOrder(CapturedOutput output) {
		Database database = Database.create();
		database.migrate("classpath:cairn/updown", "1");
		CommandRun run = run(database, "cairn.command=status", "cairn.locations=classpath:cairn/updown");
		assertThat(run.exitCode()).isZero();
		assertThat(output.getOut()).contains("Cairn status of track 'default' (\"public\".\"cairn_history\")")
			.containsPattern("Version +Description +Type +State +Applied at")
			.containsPattern("\n  1 +create orders +SQL +applied +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n")
			.containsPattern("\n  2 +add order status +SQL +pending\n")
			.contains("2 migrations: 1 applied, 1 pending, 0 failed or in progress")
			.contains("Rollback order (most recently applied first): 1");
		assertThat(database.versions()).containsExactly("1");
	}

	@Test
	void validateFindsAnUnknownRowAndExitsTwo(CapturedOutput output) {
		Database database = Database.create();
		database.migrate("classpath:cairn/ok", null);
		database.insertUnknownRow("1.5");
		CommandRun run = run(database, "cairn.command=validate", "cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(output.getOut()).contains("Cairn validate on track 'default': not valid, 1 problem would stop a"
				+ " migrate run")
			.contains("ERROR UNKNOWN");
	}

	@Test
	void validateOfACurrentSchemaExitsZero(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=validate", "cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isZero();
		assertThat(output.getOut()).contains("Cairn validate on track 'default': valid, 2 migrations pending");
	}

	@Test
	void dryRunWithAFailingMigrationExitsTwoAndWritesNothing(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=dry-run", "cairn.locations=classpath:cairn/failing");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(output.getOut()).contains("2 pending migrations tried, 1 failed; everything was rolled back")
			.containsPattern("\n  1 +\\S*V1__create_orders.sql +proved")
			.containsPattern("\n  2 +\\S*V2__broken_backfill.sql +failed")
			.contains("relation \"order_lines\" does not exist");
		assertThat(database.hasHistoryTable()).isFalse();
	}

	@Test
	void failingMigrationExitsThree(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=migrate", "cairn.locations=classpath:cairn/failing");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(output.getErr()).contains("Cairn migrate on track 'default' failed (exit code 3, migration failed):")
			.contains("V2__broken_backfill.sql")
			.contains("line 4");
		assertThat(database.versions()).containsExactly("1");
	}

	@Test
	void lockHeldByAnotherInstanceExitsFour(CapturedOutput output) throws Exception {
		Database database = Database.create();
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Cairn other = new Cairn(CairnConfiguration.builder()
			.dataSource(database.dataSource())
			.locations("classpath:cairn/ok")
			.listeners(List.of(new MigrationListener() {

				@Override
				public void migrationStarted(MigrationStarted event) {
					holding.countDown();
					await(release);
				}

			}))
			.build());
		CompletableFuture<?> otherRun = CompletableFuture.runAsync(other::migrate);
		try {
			assertThat(holding.await(60, TimeUnit.SECONDS)).as("the other instance holds the lock").isTrue();
			CommandRun run = run(database, "cairn.command=migrate", "cairn.locations=classpath:cairn/ok",
					"cairn.lock-timeout=0");
			assertThat(run.exitCode()).isEqualTo(4);
			assertThat(output.getErr()).contains("failed (exit code 4, lock timeout)");
		}
		finally {
			release.countDown();
			otherRun.get(60, TimeUnit.SECONDS);
		}
	}

	@Test
	void unreachableDatabaseExitsFive(CapturedOutput output) {
		CommandRun run = run("jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&connectTimeout=2",
				"cairn.command=migrate", "cairn.locations=classpath:cairn/ok", "cairn.connect-timeout=0");
		assertThat(run.exitCode()).isEqualTo(5);
		assertThat(output.getErr()).contains("failed (exit code 5, other error)").contains("cannot connect to the database");
	}

	@Test
	void missingArgumentStopsTheStartNamingTheProperty(CapturedOutput output) {
		Database database = Database.create();
		assertThatException().isThrownBy(() -> run(database, "cairn.command=rollback"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("cairn.command=rollback needs cairn.steps (how many of the most recently applied migrations to"
					+ " undo) or cairn.target")
			.doesNotContain("Value: \"null\"");
	}

	@Test
	void anUnknownCommandStopsTheStartListingTheOperationsAsTheyAreTyped(CapturedOutput output) {
		Database database = Database.create();
		assertThatException().isThrownBy(() -> run(database, "cairn.command=upgrade"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("cairn.command")
			.contains("dry-run")
			.doesNotContain("DRY_RUN");
	}

	@Test
	void commandWithoutCairnExitsOne(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=migrate", "cairn.enabled=false");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(output.getErr()).contains("cairn.command=migrate cannot run: Cairn is not set up");
	}

	@Test
	void migrateToAVersionNoFileHasExitsOne(CapturedOutput output) {
		Database database = Database.create();
		CommandRun run = run(database, "cairn.command=migrate", "cairn.target=7", "cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(output.getErr()).contains("failed (exit code 1, usage)").contains("no migration file has that version");
	}

	@Test
	void migrateByStepsAppliesOnlyTheNextPending() {
		Database database = Database.create();
		String locations = "cairn.locations=classpath:cairn/updown";
		assertThat(run(database, "cairn.command=migrate", "cairn.steps=1", locations).exitCode()).isZero();
		assertThat(database.versions()).containsExactly("1");
		assertThat(run(database, "cairn.command=migrate", "cairn.steps=5", locations).exitCode()).isZero();
		assertThat(database.versions()).containsExactly("1", "2");
	}

	@Test
	void migrateToRollbackAndForceWalkTheHistory(CapturedOutput output) {
		Database database = Database.create();
		String locations = "cairn.locations=classpath:cairn/updown";
		assertThat(run(database, "cairn.command=migrate", "cairn.target=1", locations).exitCode()).isZero();
		assertThat(database.versions()).containsExactly("1");
		assertThat(run(database, "cairn.command=migrate", locations).exitCode()).isZero();
		assertThat(database.versions()).containsExactly("1", "2");

		assertThat(run(database, "cairn.command=rollback", "cairn.steps=1", locations).exitCode()).isZero();
		assertThat(output.getOut()).contains("Cairn rollback on track 'default': undid 1 migration in")
			.contains("000002_add_order_status.down.sql");
		assertThat(database.versions()).containsExactly("1");

		assertThat(run(database, "cairn.command=force", "cairn.version=2", locations).exitCode()).isZero();
		assertThat(output.getOut()).contains("Cairn force on track 'default': 1 change")
			.contains("recorded version 2 (000002_add_order_status.up.sql) as applied without running it");
		assertThat(database.types()).containsExactly("SQL", "FORCED");

		assertThat(run(database, "cairn.command=force", "cairn.version=2", "cairn.applied=false", locations).exitCode())
			.isZero();
		assertThat(database.versions()).containsExactly("1");

		assertThat(run(database, "cairn.command=rollback", "cairn.target=0", locations).exitCode()).isZero();
		assertThat(database.versions()).isEmpty();

		assertThat(run(database, "cairn.command=repair", locations).exitCode()).isZero();
		assertThat(output.getOut()).contains("Cairn repair on track 'default': nothing to change");
	}

	@Test
	void rollbackWithoutADownFileExitsTwo(CapturedOutput output) {
		Database database = Database.create();
		database.migrate("classpath:cairn/ok", null);
		CommandRun run = run(database, "cairn.command=rollback", "cairn.steps=1", "cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(output.getErr()).contains("has no down file");
		assertThat(database.versions()).containsExactly("1", "2");
	}

	@Test
	void baselineRecordsAnExistingDatabase(CapturedOutput output) {
		Database database = Database.create();
		database.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL)");
		CommandRun run = run(database, "cairn.command=baseline", "cairn.baseline-version=1",
				"cairn.locations=classpath:cairn/ok");
		assertThat(run.exitCode()).isZero();
		assertThat(database.versions()).containsExactly("1");
		assertThat(database.types()).containsExactly("BASELINE");
		assertThat(output.getOut()).contains("Cairn baseline on track 'default': 1 change");
	}

	private static CommandRun run(Database database, String... properties) {
		return run(database.url(), properties);
	}

	private static CommandRun run(String url, String... properties) {
		CapturingExit exit = new CapturingExit();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("cairnCommandExit", exit))
			.properties("spring.datasource.url=" + url)
			.properties(properties)
			.run();
		assertThat(exit.exitCode).as("the command ended the application").isNotNull();
		assertThat(exit.exitCode).as("SpringApplication.exit gives the command's exit code").isEqualTo(exit.reported);
		return new CommandRun(exit.exitCode, context);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record CommandRun(int exitCode, ConfigurableApplicationContext context) {
	}

	/**
	 * Ends the application as the default does, but hands the exit code to the test instead of
	 * the JVM.
	 */
	static final class CapturingExit implements CairnCommandExit {

		private Integer reported;

		private Integer exitCode;

		Integer exitCode() {
			return this.exitCode;
		}

		@Override
		public void exit(ConfigurableApplicationContext context, int exitCode) {
			this.reported = exitCode;
			this.exitCode = SpringApplication.exit(context);
		}

	}

	/**
	 * A fresh database and the SQL the tests check it with.
	 */
	record Database(PGSimpleDataSource dataSource, String url) {

		static Database create() {
			PGSimpleDataSource dataSource = TestDatabase.createDatabase();
			PGSimpleDataSource withUser = new PGSimpleDataSource();
			withUser.setUrl(TestDatabase.urlFor(dataSource.getDatabaseName()));
			return new Database(withUser, TestDatabase.urlFor(dataSource.getDatabaseName()));
		}

		void migrate(String locations, String target) {
			Cairn cairn = new Cairn(CairnConfiguration.builder().dataSource(this.dataSource).locations(locations).build());
			if (target != null) {
				cairn.migrateTo(Version.parse(target));
			}
			else {
				cairn.migrate();
			}
		}

		void insertUnknownRow(String version) {
			execute("INSERT INTO cairn_history (version, description, script, checksum, type, state) VALUES ('"
					+ version + "', 'ghost', 'V" + version.replace('.', '_') + "__ghost.sql', 'abc', 'SQL', 'applied')");
		}

		void execute(String sql) {
			TestDatabase.execute(this.dataSource, sql);
		}

		List<String> versions() {
			return column("version");
		}

		List<String> types() {
			return column("type");
		}

		boolean hasHistoryTable() {
			return !query("SELECT to_regclass('public.cairn_history')::text").get(0).equals("null");
		}

		private List<String> column(String column) {
			if (!hasHistoryTable()) {
				return List.of();
			}
			return query("SELECT " + column + " FROM cairn_history WHERE state = 'applied' ORDER BY applied_order");
		}

		private List<String> query(String sql) {
			List<String> values = new ArrayList<>();
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(sql)) {
				while (result.next()) {
					values.add(String.valueOf(result.getString(1)));
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return values;
		}

	}

}
