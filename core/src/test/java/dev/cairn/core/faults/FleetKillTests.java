package dev.cairn.core.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.FleetResult;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantSource;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a fleet runner while its workers are inside tenants' migrations, then a normal
 * fleet run: every tenant ends exactly as a clean run leaves it, nothing applied twice.
 */
class FleetKillTests {

	private static final int KILLS = Integer.getInteger("cairn.faults.fleetKills", 3);

	private static final List<String> TENANTS = IntStream.rangeClosed(1, 12)
		.mapToObj((i) -> String.format("tenant_%02d", i))
		.toList();

	@TempDir
	Path folder;

	@TempDir
	Path logs;

	private void migrations() {
		Faults.write(this.folder, "1_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);\n"
				+ "INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 2000) g;\nSELECT pg_sleep(0.05);");
		Faults.write(this.folder, "2_ledger.up.sql", "CREATE TABLE ledger (id bigserial PRIMARY KEY, account int"
				+ " REFERENCES accounts, amount int);\nSELECT pg_sleep(0.1);\nINSERT INTO ledger (account, amount)"
				+ " SELECT id, balance FROM accounts;");
		Faults.write(this.folder, "3_index.up.sql", "-- cairn:no-transaction\n"
				+ "CREATE INDEX CONCURRENTLY ledger_account ON ledger (account);\nSELECT pg_sleep(0.1);");
		// What ROLLBACK_AND_RETRY runs before retrying a no-transaction migration a kill interrupted.
		Faults.write(this.folder, "3_index.down.sql", "-- cairn:no-transaction\n"
				+ "DROP INDEX CONCURRENTLY IF EXISTS ledger_account;");
		Faults.write(this.folder, "4_bonus.up.sql", "UPDATE accounts SET balance = balance + 1;");
	}

	private TenantFleet fleet(PGSimpleDataSource dataSource) {
		return builder(dataSource, TENANTS).createSchemas(true).build();
	}

	private TenantFleet.Builder builder(PGSimpleDataSource dataSource, List<String> tenants) {
		CairnConfiguration.Builder builder = CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.lockTimeout(Duration.ofSeconds(60))
			.recoveryPolicy(RecoveryPolicy.ROLLBACK_AND_RETRY);
		return TenantFleet.builder(builder.buildEngine(), builder.track("tenants").buildTrack())
			.tenants(TenantSource.of(tenants))
			.workers(3);
	}

	/** Each migration of a tenant applied exactly once, whatever the kill interrupted. */
	private static void assertMigratedOnce(PGSimpleDataSource database, String schema, String as) {
		assertThat(Sql.column(database, "SELECT version || ':' || state FROM " + schema
				+ ".cairn_history ORDER BY version::int")).as(as)
			.containsExactly("1:applied", "2:applied", "3:applied", "4:applied");
		// 2,000 ledger rows, every balance raised once.
		assertThat(Sql.value(database, "SELECT count(*) || ':' || min(balance) || ':' || max(balance) FROM " + schema
				+ ".accounts")).as(as).isEqualTo("2000:101:101");
		assertThat(Sql.value(database, "SELECT count(*) FROM " + schema + ".ledger")).as(as).isEqualTo("2000");
		assertThat(Sql.value(database, "SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
				+ "' AND indexname = 'ledger_account'")).as(as).isEqualTo("1");
	}

	@Test
	void aFleetRunnerKilledMidwayIsFinishedByTheNextRunWithNothingAppliedTwice() throws Exception {
		migrations();
		long seed = Long.getLong("cairn.faults.seed", System.nanoTime());
		System.out.println("FleetKillTests seed " + seed + " (rerun with -Dcairn.faults.seed=" + seed + ")");
		Random random = new Random(seed);
		for (int kill = 1; kill <= KILLS; kill++) {
			PGSimpleDataSource dataSource = TestDatabase.createDatabase();
			// Creating the schemas is the run's job too: a kill may land before some exist.
			Process child = start(TestDatabase.urlFor(dataSource.getDatabaseName()), this.logs.resolve("kill-" + kill));
			int startedBeforeKill = 4 + random.nextInt(20);
			awaitStarted(child, this.logs.resolve("kill-" + kill), startedBeforeKill);
			child.destroyForcibly();
			child.waitFor();
			FleetResult result = fleet(dataSource).migrate();
			assertThat(result.succeeded()).as("re-run after kill %d (seed %d): %s", kill, seed, result.summary()).isTrue();
			assertThat(result.count(dev.cairn.core.TenantOutcome.State.APPLIED)).as("tenants the re-run finished")
				.isPositive();
			for (String tenant : TENANTS) {
				assertMigratedOnce(dataSource, tenant, tenant + " after kill " + kill + " (seed " + seed + ")");
			}
		}
	}

	@Test
	void aFleetOfDatabasesKilledMidwayIsFinishedByTheNextRunWithNothingAppliedTwice() throws Exception {
		migrations();
		long seed = Long.getLong("cairn.faults.seed", System.nanoTime());
		System.out.println("FleetKillTests (databases) seed " + seed + " (rerun with -Dcairn.faults.seed=" + seed + ")");
		PGSimpleDataSource catalogue = TestDatabase.createDatabase();
		List<PGSimpleDataSource> databases = IntStream.range(0, 6).mapToObj((i) -> TestDatabase.createDatabase()).toList();
		List<String> names = databases.stream().map(PGSimpleDataSource::getDatabaseName).toList();
		String template = TestDatabase.urlFor(TenantDatabases.TENANT);
		Path output = this.logs.resolve("kill-databases");
		Process child = start(TestDatabase.urlFor(catalogue.getDatabaseName()), output, names, template);
		awaitStarted(child, output, 4 + new Random(seed).nextInt(10));
		child.destroyForcibly();
		child.waitFor();
		FleetResult result = builder(catalogue, names).databases(TenantDatabases.urlTemplate(template, null, null))
			.build()
			.migrate();
		assertThat(result.succeeded()).as("re-run after the kill (seed %d): %s", seed, result.summary()).isTrue();
		for (PGSimpleDataSource database : databases) {
			assertMigratedOnce(database, "public", database.getDatabaseName() + " (seed " + seed + ")");
		}
	}

	private Process start(String url, Path output) throws Exception {
		return start(url, output, TENANTS, null);
	}

	private Process start(String url, Path output, List<String> tenants, String template) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx96m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(FleetProcess.class.getName());
		command.add(url);
		command.add(this.folder.toString());
		command.add("3");
		command.add(String.join(",", tenants));
		if (template != null) {
			command.add(template);
		}
		// The fleet creates the schemas itself in this process too.
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static void awaitStarted(Process child, Path output, int count) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			long started = java.nio.file.Files.readAllLines(output)
				.stream()
				.filter((line) -> line.startsWith("event migrationStarted"))
				.count();
			if (started >= count) {
				return;
			}
			if (!child.isAlive()) {
				throw new IllegalStateException("the fleet runner ended before the kill: "
						+ java.nio.file.Files.readString(output));
			}
			Thread.sleep(5);
		}
		throw new IllegalStateException("the fleet runner never started " + count + " migrations: "
				+ java.nio.file.Files.readString(output));
	}

}
