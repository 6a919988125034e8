package dev.cairn.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migrate run against a real PostgreSQL, each test in a database of its own.
 */
class MigrateTests extends MigrationTest {

	@Test
	void freshDatabaseGetsEveryMigrationInVersionOrder() {
		this.migrations.write("000002_add_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers);")
			.write("000001_add_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);")
			.write("000001_add_customers.down.sql", "DROP TABLE customers;")
			.write("000010_seed.up.sql", "INSERT INTO customers VALUES (1); INSERT INTO orders VALUES (1, 1);");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version().toString()).containsExactly("1", "2", "10");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied", "10:applied");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM orders")).isEqualTo("1");
		assertThat(Sql.column(this.dataSource, "SELECT script || ' ' || type || ' ' || description FROM cairn_history"
				+ " ORDER BY applied_order")).containsExactly("000001_add_customers.up.sql SQL add customers",
						"000002_add_orders.up.sql SQL add orders", "000010_seed.up.sql SQL seed");
	}

	@Test
	void historyRowsCarryChecksumUserTimeAndDuration() throws Exception {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);\n");
		this.migrations.cairn(this.dataSource).migrate();
		byte[] file = java.nio.file.Files.readAllBytes(this.folder.resolve("1_a.up.sql"));
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
		assertThat(Sql.value(this.dataSource, "SELECT checksum FROM cairn_history")).isEqualTo(sha256);
		assertThat(Sql.value(this.dataSource, "SELECT applied_by FROM cairn_history")).isEqualTo("postgres");
		assertThat(Sql.value(this.dataSource, "SELECT execution_ms >= 0 AND applied_at <= now() FROM cairn_history"))
			.isEqualTo("t");
	}

	@Test
	void secondRunChangesNothing() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		MigrateResult second = this.migrations.cairn(this.dataSource).migrate();
		assertThat(second.isNoOp()).isTrue();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void gapIsAppliedAndReported() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("3_c.up.sql", "CREATE TABLE c (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.write("2_b.up.sql", "CREATE TABLE b (id int);");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version().toString()).containsExactly("2");
		assertThat(result.warnings()).singleElement().satisfies((warning) -> {
			assertThat(warning.kind()).isEqualTo(Problem.Kind.GAP);
			assertThat(warning.message()).contains("2_b.up.sql", "below the highest applied version 3");
		});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "3:applied", "2:applied");
	}

	@Test
	void gapFailsUnderFailPolicy() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("3_c.up.sql", "CREATE TABLE c (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.write("2_b.up.sql", "CREATE TABLE b (id int);");
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).gapPolicy(ValidationPolicy.FAIL).build());
		assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class).hasMessageContaining("2_b.up.sql");
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
	}

	@Test
	void fileProblemsAreReportedTogetherBeforeTheDatabaseIsTouched() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("V1__also_one.sql", "CREATE TABLE a2 (id int);")
			.write("000002_b.down.sql", "DROP TABLE b;")
			.write("add_stuff.sql", "SELECT 1;")
			.write("README.md", "not a migration");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(CairnValidationException.class, (ex) -> {
				assertThat(ex.problems()).extracting(Problem::kind)
					.containsExactlyInAnyOrder(Problem.Kind.UNPARSEABLE_NAME, Problem.Kind.DUPLICATE_VERSION,
							Problem.Kind.ORPHAN_DOWN);
				assertThat(ex.getMessage()).contains("000001_a.up.sql", "V1__also_one.sql", "000002_b.down.sql",
						"add_stuff.sql", "3 problems").doesNotContain("README.md");
			});
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

	@Test
	void renamedMigrationFails() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.delete("1_a.up.sql").write("1_renamed.up.sql", "CREATE TABLE a (id int);")
			.write("2_b.up.sql", "CREATE TABLE b (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("1_renamed.up.sql")
			.hasMessageContaining("was applied as 1_a.up.sql");
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
	}

	@Test
	void driftFailsByDefaultAndWarnsUnderWarnPolicy() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id bigint);").write("2_b.up.sql", "CREATE TABLE b (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("1_a.up.sql: changed since it was applied");
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
		MigrateResult result = new Cairn(this.migrations.configure(this.dataSource).driftPolicy(ValidationPolicy.WARN).build())
			.migrate();
		assertThat(result.warnings()).extracting(Problem::kind).containsExactly(Problem.Kind.DRIFT);
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isTrue();
	}

	@Test
	void lineEndingAndByteOrderMarkChangesAreNotDrift() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
		this.migrations.cairn(this.dataSource).migrate();
		byte[] windows = "\uFEFFCREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		this.migrations.write("1_a.up.sql", windows);
		assertThat(this.migrations.cairn(this.dataSource).migrate().isNoOp()).isTrue();
	}

	@Test
	void unknownVersionBelowTheHighestOnDiskFails() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("2_b.up.sql", "CREATE TABLE b (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.delete("1_a.up.sql");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("1_a.up.sql: version 1 was applied")
			.hasMessageContaining("no file has that version");
	}

	@Test
	void versionAboveTheHighestOnDiskWarnsAndContinuesAsInARollingDeploy() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("2_b.up.sql", "CREATE TABLE b (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.delete("2_b.up.sql");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.warnings()).extracting(Problem::kind).containsExactly(Problem.Kind.FUTURE);
		Cairn strict = new Cairn(this.migrations.configure(this.dataSource).futurePolicy(ValidationPolicy.FAIL).build());
		assertThatThrownBy(strict::migrate).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("newer release");
	}

	@Test
	void failingMigrationLeavesEarlierOnesAppliedAndNoTraceOfItself() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);")
			.write("2_b.up.sql", "CREATE TABLE b (id int);\n\nINSERT INTO b VALUES (1);\nINSERT INTO b VALUES ('x');\n")
			.write("3_c.up.sql", "CREATE TABLE c (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.script()).endsWith("2_b.up.sql");
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.sqlState()).isEqualTo("22P02");
				assertThat(ex.getMessage()).contains("2_b.up.sql", "line 4", "invalid input syntax for type integer",
						"SQLSTATE 22P02", "INSERT INTO b VALUES ('x')", "Fix the file");
				assertThat(ex.leftTrace()).isFalse();
			});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.a")).isTrue();
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
		assertThat(Sql.tableExists(this.dataSource, "public.c")).isFalse();
	}

	@Test
	void syntaxErrorPositionIsReportedAsTheFileLine() {
		this.migrations.write("1_a.up.sql", "-- header\nCREATE TABLE a (\n  id int,\n  name txet\n);\n");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.sqlState()).isEqualTo("42704");
			});
	}

	@Test
	void statementsReturningRowsRunInOneTransaction() {
		this.migrations.write("1_a.up.sql", "CREATE SEQUENCE s; SELECT setval('s', 42);\n"
				+ "CREATE TABLE t (id int); INSERT INTO t VALUES (1) RETURNING id;");
		this.migrations.cairn(this.dataSource).migrate();
		assertThat(Sql.value(this.dataSource, "SELECT last_value FROM s")).isEqualTo("42");
		this.migrations.write("2_b.up.sql", "INSERT INTO t VALUES (2);\nSELECT setval('s', 1);\nSELECT 1/0;");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.line()).isEqualTo(3));
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("1");
	}

	@Test
	void createIndexConcurrentlyWorksWithTheNoTransactionDirective() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int, name text);")
			.write("2_index.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY a_name ON a (name);\n"
					+ "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied().get(1).type()).isEqualTo(MigrationType.SQL_NO_TRANSACTION);
		assertThat(Sql.column(this.dataSource, "SELECT indexname FROM pg_indexes WHERE tablename = 'a' ORDER BY 1"))
			.containsExactly("a_id", "a_name");
		assertThat(Sql.column(this.dataSource, "SELECT type || ':' || state FROM cairn_history WHERE version = '2'"))
			.containsExactly("SQL_NO_TRANSACTION:applied");
	}

	@Test
	void createIndexConcurrentlyWithoutTheDirectiveIsRefusedBeforeAnythingRuns() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);")
			.write("2_index.up.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("2_index.up.sql:1")
			.hasMessageContaining("-- cairn:no-transaction");
		assertThat(Sql.tableExists(this.dataSource, "public.a")).isFalse();
	}

	@Test
	void failedNonTransactionalMigrationIsRecordedAsFailedAndStopsTheNextRun() {
		this.migrations.write("1_a.up.sql", "-- cairn:no-transaction\nCREATE TABLE a (id int);\nCREATE TABLE a (id int);\n");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.leftTrace()).isTrue();
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.getMessage()).contains("DELETE FROM \"public\".\"cairn_history\" WHERE version = '1'");
			});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:failed");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("failed part-way");
	}

	@Test
	void nonTransactionalMigrationFailingAtItsFirstStatementLeavesNoRow() {
		this.migrations.write("1_a.up.sql", "-- cairn:no-transaction\nCREATE TABLE a (id int REFERENCES missing);\n");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.leftTrace()).isFalse());
		assertThat(Migrations.history(this.dataSource)).isEmpty();
	}

	@Test
	void failedConcurrentIndexBuildStaysVisibleBecauseItMayLeaveAnInvalidIndex() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (1);")
			.write("2_b.up.sql", "-- cairn:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY a_id ON a (id);\n");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.leftTrace()).isTrue());
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:failed");
	}

	@Test
	void leftoverInProgressRowStopsTheRunNamingTheWayOut() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);")
			.write("2_b.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);");
		this.migrations.cairn(this.dataSource).migrate();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET state = 'in_progress' WHERE version = '2'");
		this.migrations.write("3_c.up.sql", "CREATE TABLE c (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("2_b.up.sql: version 2 was interrupted")
			.hasMessageContaining("DELETE FROM \"public\".\"cairn_history\" WHERE version = '2'");
		assertThat(Sql.tableExists(this.dataSource, "public.c")).isFalse();
	}

	@Test
	void emptyAndCommentOnlyMigrationsAreRecordedAsNoOps() {
		this.migrations.write("1_empty.up.sql", "").write("2_comments.up.sql", "-- nothing yet\n/* really */\n");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting(AppliedMigration::statements).containsExactly(0, 0);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void flywayLayoutOrdersVersionsNumerically() {
		this.migrations.write("V1_9__nine.sql", "CREATE TABLE nine (id int);")
			.write("V1_10__ten.sql", "CREATE TABLE ten (id int REFERENCES nine_ref);")
			.write("V1_2__two.sql", "CREATE TABLE nine_ref (id int PRIMARY KEY);");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version().toString())
			.containsExactly("1.2", "1.9", "1.10");
	}

	@Test
	void connectionWhoseSearchPathPointsElsewhereStillFindsTheHistoryTable() {
		TestDatabase.execute(this.dataSource, "CREATE SCHEMA other");
		this.migrations.write("1_a.up.sql", "CREATE TABLE public.a (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		PGSimpleDataSource elsewhere = new PGSimpleDataSource();
		elsewhere.setUrl(this.dataSource.getUrl());
		elsewhere.setUser(this.dataSource.getUser());
		elsewhere.setCurrentSchema("other");
		assertThat(this.migrations.cairn(elsewhere).migrate().isNoOp()).isTrue();
		assertThat(Sql.tableExists(this.dataSource, "other.cairn_history")).isFalse();
	}

	@Test
	void sessionSettingsChangedByAMigrationDoNotLeakIntoTheNext() {
		TestDatabase.execute(this.dataSource, "CREATE SCHEMA other");
		this.migrations.write("1_a.up.sql", "SET search_path TO other;\nCREATE TABLE a (id int);")
			.write("2_b.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.b (id int);")
			.write("3_c.up.sql", "CREATE TABLE c (id int);");
		this.migrations.cairn(this.dataSource).migrate();
		assertThat(Sql.tableExists(this.dataSource, "other.a")).isTrue();
		assertThat(Sql.tableExists(this.dataSource, "public.c")).isTrue();
	}

	@Test
	void historyTableSchemaAndNameAreConfigurable() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		new Cairn(this.migrations.configure(this.dataSource).schema("ops").table("schema_history").build()).migrate();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM ops.schema_history")).isEqualTo("1");
	}

	@Test
	void tableOfTheSameNameWithAnotherShapeIsAClearError() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE cairn_history (id int)");
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnException.class)
			.hasMessageContaining("exists but is not a Cairn history table");
	}

	@Test
	void twoEnginesStartedAtOnceApplyEveryMigrationExactlyOnce() throws Exception {
		for (int i = 1; i <= 20; i++) {
			this.migrations.write(i + "_t" + i + ".up.sql", "CREATE TABLE t" + i + " (id int); SELECT pg_sleep(0.01);");
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<MigrateResult>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(() -> this.migrations.cairn(this.dataSource).migrate());
			}
			int applied = 0;
			for (Future<MigrateResult> run : pool.invokeAll(runs)) {
				applied += run.get().applied().size();
			}
			assertThat(applied).isEqualTo(20);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(Sql.value(this.dataSource, "SELECT count(DISTINCT version) || '/' || count(*) FROM cairn_history"))
			.isEqualTo("20/20");
	}

	@Test
	void historyTimesAreReadToTheMicrosecondOnEitherSideOfTheEpoch() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("2_b.up.sql", "CREATE TABLE b (id int);");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET applied_at = '2026-11-22 10:00:00.123456+00' WHERE version = '1'");
		TestDatabase.execute(this.dataSource, "UPDATE cairn_history SET applied_at = '1969-12-31 23:59:59.000001+00' WHERE version = '2'");
		assertThat(cairn.status().migrations()).extracting(MigrationInfo::appliedAt)
			.containsExactly(Instant.parse("2026-11-22T10:00:00.123456Z"), Instant.parse("1969-12-31T23:59:59.000001Z"));
	}

	@Test
	void lockTimeoutNamesTheHolder() throws Exception {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).lockTimeout(Duration.ofMillis(300)).build());
		try (HeldLock holder = holdTheLock()) {
			holder.execute("SET application_name = 'orders-api'");
			assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(LockTimeoutException.class, (ex) -> {
				assertThat(ex.holder()).isNotNull();
				assertThat(ex.getMessage()).contains("application 'orders-api'", "pg_terminate_backend")
					// the holder's statements could carry secrets, so they never reach the message
					.doesNotContain("SET application_name");
			});
		}
		assertThat(cairn.migrate().applied()).hasSize(1);
	}

	@Test
	void badFilesFailAtOnceWhileAnotherSessionHoldsTheLockAndLeaveNothingHeld() throws Exception {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("1_b.up.sql", "CREATE TABLE b (id int);");
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).lockTimeout(Duration.ofSeconds(10)).build());
		try (HeldLock holder = holdTheLock()) {
			// A run that waited for the held lock would end in a LockTimeoutException instead.
			assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class)
				.hasMessageContaining("version 1 is applied by 2 files");
			// While the lock is still held, the failed run's helper stops polling for it and ends, its session closed.
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (connectThreadAlive() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(connectThreadAlive()).isFalse();
			// A closed session's backend leaves pg_stat_activity a moment after the client hung up: watch it go
			// from one session of our own, so that no session of the watching lingers in the count.
			try (Connection observer = this.dataSource.getConnection();
					java.sql.PreparedStatement others = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity"
							+ " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), "
							+ holder.pid() + ")")) {
				long left = -1;
				while (left != 0 && System.nanoTime() < deadline) {
					try (java.sql.ResultSet result = others.executeQuery()) {
						result.next();
						left = result.getLong(1);
					}
					if (left != 0) {
						Thread.sleep(20);
					}
				}
				assertThat(left).as("sessions of the failed run still connected").isZero();
			}
		}
		this.migrations.delete("1_b.up.sql");
		// Whatever the cancelled run took is given back: the lock is free and no session of it stays behind.
		assertThat(cairn.migrate().applied()).hasSize(1);
		// pg_locks is the whole server's: other test JVMs' runs hold the same lock in their own databases.
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
				+ 0x43414952 + "::bigint::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
			.isEqualTo("0");
	}

	// The advisory lock Cairn takes for the default history table, held by another session.
	private HeldLock holdTheLock() {
		return HeldLock.advisory(this.dataSource, 0x43414952, AdvisoryLock.objectId("\"public\".\"cairn_history\""));
	}

	private static boolean connectThreadAlive() {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((thread) -> thread.getName().startsWith("cairn-connect-"));
	}

	@Test
	void badFilesLeaveTheLockFreeAndCreateNoHistoryTable() throws Exception {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("notes.sql", "SELECT 1;");
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(this.migrations.cairn(this.dataSource)::migrate)
				.isInstanceOf(CairnValidationException.class)
				.hasMessageContaining("notes.sql");
		}
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		// The helper gives the lock back on its own thread; a session trying it meanwhile would only poll.
		try (Connection other = this.dataSource.getConnection(); Statement statement = other.createStatement()) {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			boolean taken = false;
			while (!taken && System.nanoTime() < deadline) {
				try (var result = statement.executeQuery("SELECT pg_try_advisory_lock(" + 0x43414952 + ", "
						+ AdvisoryLock.objectId("\"public\".\"cairn_history\"") + ")")) {
					result.next();
					taken = result.getBoolean(1);
				}
				if (!taken) {
					Thread.sleep(20);
				}
			}
			assertThat(taken).isTrue();
		}
	}

	@Test
	void noTransactionScriptThatLeavesATransactionOpenFails() {
		this.migrations.write("1_a.up.sql", "-- cairn:no-transaction\nBEGIN;\nCREATE TABLE a (id int);\n");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("left a transaction open");
		assertThat(Sql.tableExists(this.dataSource, "public.a")).isFalse();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:failed");
	}

}
