package dev.cairn.core.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.RecoveryPolicy;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many instances of a service starting at once against one empty database, each in its own
 * JVM, as replicas of a deployment do.
 */
class RacingInstancesTests {

	private static final int INSTANCES = 16;

	@TempDir
	Path folder;

	@TempDir
	Path logs;

	private List<Child> start(PGSimpleDataSource dataSource, int count, long lockTimeoutMillis) throws Exception {
		String url = TestDatabase.urlFor(dataSource.getDatabaseName());
		List<Child> children = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			children.add(Child.start(url, this.folder, lockTimeoutMillis, RecoveryPolicy.FAIL,
					this.logs.resolve("child-" + i + ".log")));
		}
		return children;
	}

	@Test
	void sixteenInstancesApplyEveryMigrationExactlyOnceAndAllSucceed() throws Exception {
		for (int i = 1; i <= 30; i++) {
			Faults.write(this.folder, i + "_t" + i + ".up.sql",
					"CREATE TABLE t" + i + " (id int);" + ((i % 10 == 0) ? " SELECT pg_sleep(0.1);" : ""));
		}
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		int applied = 0;
		for (Child child : start(dataSource, INSTANCES, 120_000)) {
			assertThat(child.waitFor(180)).as(child.output()).isZero();
			applied += Integer.parseInt(child.output().replaceAll("(?s).*applied (\\d+).*", "$1"));
		}
		assertThat(applied).isEqualTo(30);
		assertThat(Sql.column(dataSource, "SELECT count(DISTINCT version) || '/' || count(*) FROM cairn_history"))
			.containsExactly("30/30");
	}

	@Test
	void waitersWaitForASlowMigrationAndThenFindNothingToDo() throws Exception {
		// The slow migration waits for a lock this test holds, so it runs until the test has seen every other
		// instance waiting, however slowly their JVMs start.
		Faults.write(this.folder, "1_slow.up.sql", "CREATE TABLE slow (id int); SELECT pg_advisory_xact_lock(4711);");
		Faults.write(this.folder, "2_after.up.sql", "CREATE TABLE after_slow (id int);");
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		List<String> outputs = new ArrayList<>();
		List<Child> children;
		try (Connection gate = dataSource.getConnection(); Statement statement = gate.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(4711)");
			children = start(dataSource, 6, 120_000);
			int waiting = 0;
			for (Child child : children) {
				String first = child.awaitLine("event lockWaiting", "event migrationStarted", 120);
				if (first.startsWith("event lockWaiting")) {
					waiting++;
				}
			}
			assertThat(waiting).as("instances seen waiting for the one applying the slow migration").isEqualTo(5);
		}
		for (Child child : children) {
			assertThat(child.waitFor(180)).as(child.output()).isZero();
			outputs.add(child.output().strip().lines().reduce((first, last) -> last).orElse(""));
		}
		assertThat(outputs).containsOnlyOnce("applied 2").filteredOn("applied 0"::equals).hasSize(5);
		assertThat(Faults.history(dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void waitersWithALockTimeoutShorterThanTheMigrationFailNamingTheHolder() throws Exception {
		Faults.write(this.folder, "1_slow.up.sql", "CREATE TABLE slow (id int); SELECT pg_sleep(6);");
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		List<Child> children = start(dataSource, 4, 1500);
		int succeeded = 0;
		for (Child child : children) {
			int exit = child.waitFor(180);
			if (exit == 0) {
				succeeded++;
			}
			else {
				assertThat(exit).isEqualTo(2);
				assertThat(child.output()).contains("could not take the migration lock", "held by pid",
						"application 'cairn-fault-", "pg_terminate_backend");
			}
		}
		assertThat(succeeded).isEqualTo(1);
		assertThat(Faults.history(dataSource)).containsExactly("1:applied");
	}

}
