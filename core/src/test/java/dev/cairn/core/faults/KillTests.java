package dev.cairn.core.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 at random moments of a run, then a normal run: the database must end exactly as a
 * clean run leaves it, with no hand-written SQL in between.
 */
class KillTests {

	/** Kills per run; {@code -Dcairn.faults.kills=500} for a longer soak. */
	private static final int KILLS = Integer.getInteger("cairn.faults.kills", 50);

	@TempDir
	Path folder;

	@TempDir
	Path logs;

	@BeforeEach
	void migrations() {
		Faults.write(this.folder, "1_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);\n"
				+ "INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 20000) g;");
		Faults.write(this.folder, "2_ledger.up.sql", "CREATE TABLE ledger (id bigserial PRIMARY KEY, account int"
				+ " REFERENCES accounts, amount int);\nSELECT pg_sleep(0.3);\nINSERT INTO ledger (account, amount)"
				+ " SELECT id, balance FROM accounts;");
		Faults.write(this.folder, "3_indexes.up.sql", "-- cairn:no-transaction\n"
				+ "CREATE INDEX CONCURRENTLY ledger_account ON ledger (account);\nSELECT pg_sleep(0.8);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY accounts_balance_id ON accounts (balance, id);");
		Faults.write(this.folder, "3_indexes.down.sql", "-- cairn:no-transaction\n"
				+ "DROP INDEX CONCURRENTLY IF EXISTS ledger_account;\n"
				+ "DROP INDEX CONCURRENTLY IF EXISTS accounts_balance_id;");
		Faults.write(this.folder, "4_audit.up.sql", "CREATE TABLE audit (id int, note text);\nSELECT pg_sleep(0.3);\n"
				+ "ALTER TABLE audit ADD COLUMN at timestamptz DEFAULT now();\nUPDATE accounts SET balance = balance + 1;");
		Faults.write(this.folder, "5_more.up.sql", "INSERT INTO audit (id, note) SELECT id, 'x' FROM accounts"
				+ " WHERE id <= 100;");
		Faults.write(this.folder, "6_audit_index.up.sql", "-- cairn:no-transaction\n"
				+ "CREATE INDEX CONCURRENTLY audit_id ON audit (id);");
		Faults.write(this.folder, "6_audit_index.down.sql", "-- cairn:no-transaction\n"
				+ "DROP INDEX CONCURRENTLY IF EXISTS audit_id;");
	}

	private Cairn recovering(PGSimpleDataSource dataSource) {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.lockTimeout(Duration.ofSeconds(60))
			.recoveryPolicy(RecoveryPolicy.ROLLBACK_AND_RETRY)
			.build());
	}

	@Test
	void everyKillIsFollowedByARunThatEndsInTheCleanSchema() throws Exception {
		PGSimpleDataSource clean = TestDatabase.createDatabase();
		recovering(clean).migrate();
		List<String> expectedSchema = Faults.schema(clean);
		List<String> expectedHistory = Faults.history(clean);

		long seed = Long.getLong("cairn.faults.seed", System.nanoTime());
		System.out.println("KillTests seed " + seed + " (rerun with -Dcairn.faults.seed=" + seed + ")");
		Random random = new Random(seed);
		int interruptedNonTransactional = 0;
		int midMigration = 0;
		for (int kill = 1; kill <= KILLS; kill++) {
			PGSimpleDataSource dataSource = TestDatabase.createDatabase();
			Child child = Child.start(TestDatabase.urlFor(dataSource.getDatabaseName()), this.folder, 60_000,
					RecoveryPolicy.FAIL, this.logs.resolve("kill-" + kill + ".log"));
			// Counted from an event of the run, not from the JVM's start: on a busy machine a JVM may take
			// longer to start than the whole run takes, and a kill before the run starts proves nothing.
			// Half the kills wait for a random migration to start, so some surely land inside one.
			if (kill % 2 == 0) {
				child.awaitLine("event migrationStarted " + (1 + random.nextInt(6)), 60);
				Thread.sleep(random.nextInt(400));
			}
			else {
				child.awaitLine("event runStarted", 60);
				Thread.sleep(random.nextInt(2600));
			}
			child.kill();
			List<String> events = child.lines().stream().filter((line) -> line.startsWith("event migration")).toList();
			// The child prints each event as it happens: a last event "migrationStarted" means the kill
			// landed while that migration ran.
			if (!events.isEmpty() && events.get(events.size() - 1).startsWith("event migrationStarted")) {
				midMigration++;
			}
			boolean started = Sql.column(dataSource, "SELECT to_regclass('public.cairn_history')").get(0) != null;
			List<String> left = started ? Faults.history(dataSource) : List.of();
			if (left.stream().anyMatch((row) -> row.endsWith("in_progress"))) {
				interruptedNonTransactional++;
			}
			recovering(dataSource).migrate();
			assertThat(Faults.schema(dataSource)).as("schema after kill %d (seed %d, history was %s)", kill, seed, left)
				.isEqualTo(expectedSchema);
			assertThat(Faults.history(dataSource)).as("history after kill %d (seed %d)", kill, seed)
				.isEqualTo(expectedHistory);
		}
		System.out.println("KillTests: " + KILLS + " kills survived, " + midMigration + " of them landed while a"
				+ " migration ran, " + interruptedNonTransactional + " left a non-transactional one in progress");
		// Kills that all landed before or after the migrations would prove nothing about recovery.
		assertThat(midMigration).as("kills that landed while a migration ran (seed %d)", seed).isPositive();
	}

}
