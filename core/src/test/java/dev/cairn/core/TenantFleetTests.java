package dev.cairn.core;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.MDC;

import dev.cairn.core.TenantOutcome.State;
import dev.cairn.core.command.ExitCode;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tenant fleets on real PostgreSQL: one track applied to many schemas, each with its own
 * history table and lock, on a bounded number of workers; failures that stay with their
 * tenant, re-runs, two runners at once, shards, schemas that vanish, and search paths that a
 * migration changes.
 */
class TenantFleetTests {

	private static final int TENANTS = 20;

	@TempDir
	Path folder;

	private Migrations migrations;

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void setUp() {
		this.migrations = new Migrations(this.folder);
		this.dataSource = TestDatabase.createDatabase();
		this.migrations.write("000001_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);");
		this.migrations.write("000002_audit.up.sql",
				"CREATE TABLE audit (account int REFERENCES accounts, at timestamptz);\n"
						+ "INSERT INTO accounts VALUES (1, current_schema());");
	}

	private static List<String> tenantNames() {
		return IntStream.rangeClosed(1, TENANTS).mapToObj((i) -> String.format("t%02d", i)).toList();
	}

	private void createSchemas(List<String> schemas) {
		TestDatabase.execute(this.dataSource,
				schemas.stream().map((schema) -> "CREATE SCHEMA " + schema).toArray(String[]::new));
	}

	private EngineSettings engine(MigrationListener... listeners) {
		return this.migrations.configure(this.dataSource).listeners(List.of(listeners)).buildEngine();
	}

	private TrackSettings track() {
		return this.migrations.configure(this.dataSource).track("tenants").buildTrack();
	}

	private TenantFleet.Builder fleet(MigrationListener... listeners) {
		return TenantFleet.builder(engine(listeners), track()).tenants(TenantSource.of(tenantNames()));
	}

	private List<String> history(String schema) {
		return Sql.column(this.dataSource,
				"SELECT version || ':' || state FROM " + schema + ".cairn_history ORDER BY applied_order");
	}

	@ParameterizedTest(name = "{0} workers")
	@ValueSource(ints = { 1, 4 })
	void everyTenantGetsTheTrackInItsOwnSchemaWithItsOwnHistory(int workers) {
		createSchemas(tenantNames());
		FleetResult result = fleet().workers(workers).build().migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.workers()).isEqualTo(workers);
		assertThat(result.count(State.APPLIED)).isEqualTo(TENANTS);
		assertThat(result.migrationsApplied()).isEqualTo(2L * TENANTS);
		assertThat(result.appliedUpTo()).containsExactly(Map.entry(Version.parse("2"), (long) TENANTS));
		assertThat(result.tenants()).extracting(TenantOutcome::tenant).containsExactlyElementsOf(tenantNames());
		for (String tenant : tenantNames()) {
			assertThat(history(tenant)).containsExactly("1:applied", "2:applied");
			// Unqualified DDL and current_schema() saw the tenant's schema.
			assertThat(Sql.value(this.dataSource, "SELECT name FROM " + tenant + ".accounts")).isEqualTo(tenant);
			assertThat(Sql.tableExists(this.dataSource, tenant + ".audit")).isTrue();
		}
		assertThat(Sql.tableExists(this.dataSource, "public.accounts")).isFalse();
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		FleetResult again = fleet().workers(workers).build().migrate();
		assertThat(again.count(State.UP_TO_DATE)).isEqualTo(TENANTS);
		assertThat(again.summary()).isEqualTo("20 tenants: 0 applied, 20 up to date, 0 failed, 0 not run");
		assertThat(ExitCode.of(again)).isEqualTo(ExitCode.SUCCESS);
	}

	@Test
	void aFailingTenantLeavesTheOthersToFinishAndARerunAfterTheFixFinishesIt() {
		createSchemas(tenantNames());
		// t07 already has an audit table: its second migration fails there and nowhere else.
		TestDatabase.execute(this.dataSource, "CREATE TABLE t07.audit (x int)");
		FleetResult result = fleet().workers(4).build().migrate();
		assertThat(result.succeeded()).isFalse();
		assertThat(result.count(State.APPLIED)).isEqualTo(TENANTS - 1);
		assertThat(result.failed()).extracting(TenantOutcome::tenant).containsExactly("t07");
		TenantOutcome failed = result.tenant("t07");
		assertThat(failed.error()).contains("000002_audit.up.sql").contains("already exists").doesNotContain("\n");
		assertThat(failed.exception()).isInstanceOf(MigrationFailedException.class);
		assertThat(failed.applied()).isEmpty();
		assertThat(result.summary()).startsWith("20 tenants: 19 applied, 0 up to date, 1 failed, 0 not run; failed: t07 (");
		assertThat(ExitCode.of(result)).isEqualTo(ExitCode.MIGRATION_FAILED);
		// The failed migration's transaction was rolled back with its history row.
		assertThat(history("t07")).containsExactly("1:applied");
		assertThat(history("t08")).containsExactly("1:applied", "2:applied");

		FleetStatus status = fleet().build().status();
		assertThat(status.versions()).containsExactly(Map.entry(Version.parse("1"), 1L),
				Map.entry(Version.parse("2"), (long) TENANTS - 1));
		assertThat(status.upToDate()).isEqualTo(TENANTS - 1);
		assertThat(status.pending()).isEqualTo(1);
		assertThat(status.tenant("t07").pending()).isEqualTo(1);

		// The operator fixes t07; the re-run applies only what t07 lacks.
		TestDatabase.execute(this.dataSource, "DROP TABLE t07.audit");
		FleetResult rerun = fleet().workers(4).build().migrate();
		assertThat(rerun.succeeded()).isTrue();
		assertThat(rerun.tenant("t07").state()).isEqualTo(State.APPLIED);
		assertThat(rerun.tenant("t07").applied()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(rerun.count(State.UP_TO_DATE)).isEqualTo(TENANTS - 1);
		assertThat(history("t07")).containsExactly("1:applied", "2:applied");
		assertThat(fleet().build().status().versions()).containsExactly(Map.entry(Version.parse("2"), (long) TENANTS));
	}

	@Test
	void theStopPolicyStartsNoTenantAfterAFailureAndARerunPicksUpTheRest() {
		createSchemas(tenantNames());
		TestDatabase.execute(this.dataSource, "CREATE TABLE t03.audit (x int)");
		FleetResult result = fleet().workers(1).failurePolicy(FleetFailurePolicy.STOP).build().migrate();
		assertThat(result.failed()).extracting(TenantOutcome::tenant).containsExactly("t03");
		assertThat(result.count(State.APPLIED)).isEqualTo(2);
		assertThat(result.count(State.NOT_RUN)).isEqualTo(TENANTS - 3);
		assertThat(Sql.tableExists(this.dataSource, "t04.cairn_history")).isFalse();

		TestDatabase.execute(this.dataSource, "DROP TABLE t03.audit");
		FleetResult rerun = fleet().workers(1).failurePolicy(FleetFailurePolicy.STOP).build().migrate();
		assertThat(rerun.succeeded()).isTrue();
		assertThat(rerun.count(State.UP_TO_DATE)).isEqualTo(2);
		assertThat(rerun.count(State.APPLIED)).isEqualTo(TENANTS - 2);
	}

	@Test
	void twoRunnersAtOnceApplyEveryTenantExactlyOnce() {
		createSchemas(tenantNames());
		TenantFleet one = fleet().workers(3).build();
		TenantFleet two = fleet().workers(3).build();
		CompletableFuture<FleetResult> first = CompletableFuture.supplyAsync(one::migrate);
		CompletableFuture<FleetResult> second = CompletableFuture.supplyAsync(two::migrate);
		FleetResult a = first.join();
		FleetResult b = second.join();
		assertThat(a.succeeded()).isTrue();
		assertThat(b.succeeded()).isTrue();
		for (String tenant : tenantNames()) {
			// The runner that took the tenant's lock first applied both; the other found nothing pending.
			assertThat(List.of(a.tenant(tenant).state(), b.tenant(tenant).state())).as(tenant)
				.containsExactlyInAnyOrder(State.APPLIED, State.UP_TO_DATE);
			assertThat(history(tenant)).containsExactly("1:applied", "2:applied");
			assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM " + tenant + ".accounts")).isEqualTo("1");
		}
	}

	@Test
	void aTenantSchemaDroppedDuringTheRunFailsThatTenantOnly() {
		createSchemas(tenantNames());
		// One worker goes in order: while t01 migrates, t05 disappears.
		MigrationListener dropper = new MigrationListener() {
			@Override
			public void migrationStarted(MigrationStarted event) {
				if ("t01".equals(MDC.get(TenantFleet.MDC_TENANT)) && event.version().equals(Version.parse("1"))) {
					TestDatabase.execute(TenantFleetTests.this.dataSource, "DROP SCHEMA t05 CASCADE");
				}
			}
		};
		FleetResult result = fleet(dropper).workers(1).build().migrate();
		assertThat(result.failed()).extracting(TenantOutcome::tenant).containsExactly("t05");
		assertThat(result.tenant("t05").error()).contains("t05");
		assertThat(result.count(State.APPLIED)).isEqualTo(TENANTS - 1);
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_namespace WHERE nspname = 't05'")).isEqualTo("0");
	}

	@Test
	void missingSchemasAreCreatedOnRequest() {
		FleetResult refused = fleet().workers(2).build().migrate();
		assertThat(refused.count(State.FAILED)).isEqualTo(TENANTS);
		assertThat(ExitCode.of(refused)).isEqualTo(ExitCode.OTHER_ERROR);
		assertThat(refused.tenant("t01").error()).contains("t01");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't__'")).isEqualTo("0");
		FleetStatus before = fleet().build().status();
		assertThat(before.withoutVersion()).isEqualTo(TENANTS);
		assertThat(before.pending()).isEqualTo(TENANTS);
		FleetResult created = fleet().workers(2).createSchemas(true).build().migrate();
		assertThat(created.count(State.APPLIED)).isEqualTo(TENANTS);
		assertThat(history("t20")).containsExactly("1:applied", "2:applied");
	}

	@Test
	void twoShardsOfTwoCoverTheFleetExactlyOnce() {
		createSchemas(tenantNames());
		FleetResult first = fleet().shard(new FleetShard(0, 2)).build().migrate();
		FleetResult second = fleet().shard(new FleetShard(1, 2)).build().migrate();
		Set<String> covered = new HashSet<>();
		first.tenants().forEach((tenant) -> assertThat(covered.add(tenant.tenant())).isTrue());
		second.tenants().forEach((tenant) -> assertThat(covered.add(tenant.tenant())).as(tenant.tenant()).isTrue());
		assertThat(covered).containsExactlyInAnyOrderElementsOf(tenantNames());
		assertThat(first.tenants()).isNotEmpty();
		assertThat(second.tenants()).isNotEmpty();
		assertThat(first.count(State.APPLIED) + second.count(State.APPLIED)).isEqualTo(TENANTS);
		assertThat(first.summary()).contains("(shard 1 of 2)");
	}

	@Test
	void aSearchPathSetInsideAMigrationDoesNotLeakToTheNextTenantOrThePool() throws Exception {
		this.migrations.write("000001_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
				+ "SET search_path = public;\n"
				+ "DO $$ BEGIN PERFORM set_config('search_path', 'public', false); END $$;");
		TestDatabase.execute(this.dataSource, "CREATE SCHEMA t01", "CREATE SCHEMA t02", "CREATE SCHEMA t03");
		// A pool of two connections whose own search path was set by its init SQL.
		try (SmallPool pool = new SmallPool(this.dataSource, "SET search_path = app, public")) {
			EngineSettings engine = this.migrations.configure(pool).buildEngine();
			TenantFleet fleet = TenantFleet.builder(engine, track())
				.tenants(TenantSource.of("t01", "t02", "t03"))
				.workers(1)
				.build();
			FleetResult result = fleet.migrate();
			assertThat(result.summary()).isEqualTo("3 tenants: 3 applied, 0 up to date, 0 failed, 0 not run");
			// The first migration moved its session to public at its end; the restore after it put the tenant's
			// path back for the second, and each next tenant started in its own schema.
			assertThat(Sql.tableExists(this.dataSource, "public.accounts")).isFalse();
			assertThat(Sql.tableExists(this.dataSource, "public.audit")).isFalse();
			for (String tenant : List.of("t01", "t02", "t03")) {
				assertThat(Sql.tableExists(this.dataSource, tenant + ".audit")).as(tenant).isTrue();
				assertThat(Sql.value(this.dataSource, "SELECT name FROM " + tenant + ".accounts")).isEqualTo(tenant);
			}
			assertThat(pool.searchPaths()).containsOnly("app, public");
		}
	}

	@Test
	void mixedCaseTenantsGetTheirSchemasAndAResetAllDoesNotSendTablesToPublic() {
		this.migrations.write("000001_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
				+ "RESET ALL;\nDISCARD PLANS;");
		List<String> tenants = List.of("Acme", "globex", "Initech_EU", "_hooli");
		FleetResult result = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.of(tenants))
			.createSchemas(true)
			.workers(2)
			.build()
			.migrate();
		assertThat(result.summary()).isEqualTo("4 tenants: 4 applied, 0 up to date, 0 failed, 0 not run");
		for (String tenant : tenants) {
			String schema = "\"" + tenant + "\"";
			// RESET ALL in the first migration did not send the second one's tables to public.
			assertThat(Sql.value(this.dataSource, "SELECT name FROM " + schema + ".accounts")).isEqualTo(tenant);
			assertThat(Sql.column(this.dataSource, "SELECT version FROM " + schema + ".cairn_history ORDER BY 1"))
				.containsExactly("1", "2");
		}
		assertThat(Sql.tableExists(this.dataSource, "public.audit")).isFalse();
	}

	@Test
	void theSchemaPlaceholderIsEachTenantsSchema() {
		this.migrations.write("000003_placeholder.up.sql",
				"CREATE TABLE ${cairn:schema}.notes (owner text DEFAULT '${cairn:schema}');\n"
						+ "INSERT INTO notes DEFAULT VALUES;");
		FleetResult result = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.of("acme", "globex"))
			.createSchemas(true)
			.build()
			.migrate();
		assertThat(result.succeeded()).as(result.summary()).isTrue();
		assertThat(Sql.value(this.dataSource, "SELECT owner FROM acme.notes")).isEqualTo("acme");
		assertThat(Sql.value(this.dataSource, "SELECT owner FROM globex.notes")).isEqualTo("globex");
	}

	@Test
	void aNewTenantIsMigratedWithOneCall() {
		TenantFleet fleet = fleet().createSchemas(true).build();
		MigrateResult result = fleet.migrateTenant("signup_42");
		assertThat(result.applied()).hasSize(2);
		assertThat(history("signup_42")).containsExactly("1:applied", "2:applied");
		assertThat(fleet.migrateTenant("signup_42").isNoOp()).isTrue();
	}

	@Test
	void aTenantAddedAndMigratedWhileAFleetRunIsGoingOnIsAppliedOnceAndTheNextRunIncludesIt() throws Exception {
		createSchemas(tenantNames());
		List<String> registry = new java.util.concurrent.CopyOnWriteArrayList<>(tenantNames());
		CompletableFuture<MigrateResult> signUp = new CompletableFuture<>();
		CompletableFuture<MigrateResult> racing = new CompletableFuture<>();
		TenantFleet[] fleet = new TenantFleet[1];
		MigrationListener signUps = new MigrationListener() {
			@Override
			public void migrationStarted(MigrationStarted event) {
				// While the run holds t03's lock: a sign-up creates and migrates its tenant, and someone migrates t03.
				if ("t03".equals(MDC.get(TenantFleet.MDC_TENANT)) && event.version().equals(Version.parse("1"))
						&& !signUp.isDone()) {
					registry.add("t21");
					CompletableFuture.runAsync(() -> {
						try {
							signUp.complete(fleet[0].migrateTenant("t21"));
						}
						catch (RuntimeException ex) {
							signUp.completeExceptionally(ex);
						}
					});
					CompletableFuture.runAsync(() -> {
						try {
							racing.complete(fleet[0].migrateTenant("t03"));
						}
						catch (RuntimeException ex) {
							racing.completeExceptionally(ex);
						}
					});
				}
			}
		};
		fleet[0] = TenantFleet.builder(engine(signUps), track())
			.tenants(TenantSource.supplier(() -> registry))
			.createSchemas(true)
			.workers(2)
			.build();
		FleetResult result = fleet[0].migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.tenants()).hasSize(TENANTS);
		assertThat(signUp.get().applied()).hasSize(2);
		// The run held t03's lock and applied both; the racing call waited for it and found nothing pending.
		assertThat(result.tenant("t03").applied()).hasSize(2);
		assertThat(racing.get().isNoOp()).isTrue();
		assertThat(history("t03")).containsExactly("1:applied", "2:applied");
		assertThat(history("t21")).containsExactly("1:applied", "2:applied");
		FleetResult next = fleet[0].migrate();
		assertThat(next.tenants()).hasSize(TENANTS + 1);
		assertThat(next.count(State.UP_TO_DATE)).isEqualTo(TENANTS + 1);
	}

	@Test
	void tenantsComeFromAQueryInItsOrderWithoutDuplicates() {
		createSchemas(tenantNames());
		TestDatabase.execute(this.dataSource, "CREATE TABLE public.tenant_registry (schema_name text, active boolean)",
				"INSERT INTO public.tenant_registry VALUES ('t02', true), ('t01', true), ('t02', true), ('t03', false)");
		TenantFleet fleet = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.query("SELECT schema_name FROM public.tenant_registry WHERE active"))
			.build();
		assertThat(fleet.tenants()).containsExactly("t02", "t01");
		assertThat(fleet.migrate().count(State.APPLIED)).isEqualTo(2);
	}

	@Test
	void badTenantNamesAreRefusedBeforeAnythingRuns() {
		TestDatabase.execute(this.dataSource, "CREATE SCHEMA t01");
		TenantFleet fleet = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.of("t01", "pg_tenant", "x".repeat(64), ""))
			.createSchemas(true)
			.build();
		assertThatThrownBy(fleet::migrate).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("'pg_tenant' is a system schema name")
			.hasMessageContaining("is 64 bytes long")
			.hasMessageContaining("a blank name")
			.hasMessageContaining("nothing was run");
		assertThat(Sql.tableExists(this.dataSource, "t01.cairn_history")).isFalse();
	}

	@Test
	void tenantsDifferingOnlyInCaseOrNeedingQuotesAreRefusedBeforeAnythingRuns() {
		TenantFleet fleet = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.of("acme", "Acme", "Globex \"Corp\"", "zürich", "acme"))
			.createSchemas(true)
			.build();
		assertThatThrownBy(fleet::migrate).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("'acme' and 'Acme' differ only in case")
			.hasMessageContaining("'Globex \"Corp\"' is not a plain PostgreSQL identifier")
			.hasMessageContaining("'zürich' is not a plain PostgreSQL identifier");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_namespace WHERE nspname ILIKE 'acme'"))
			.isEqualTo("0");
	}

	@Test
	void aFailingTenantQueryFailsTheRunBeforeAnyTenant() {
		TenantFleet fleet = TenantFleet.builder(engine(), track())
			.tenants(TenantSource.query("SELECT schema_name FROM no_such_registry"))
			.build();
		assertThatThrownBy(fleet::migrate).isInstanceOf(CairnException.class)
			.hasMessageContaining("The tenant query failed")
			.hasMessageContaining("no_such_registry");
	}

	@Test
	void workersAreCutToHalfTheConnectionsAllowed() {
		assertThat(fleet().workers(8).maxConnections(5).build().workers()).isEqualTo(2);
		assertThatThrownBy(() -> fleet().workers(0).maxConnections(1).build())
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("workers 0 is outside 1..256")
			.hasMessageContaining("maxConnections 1 is below 2");
	}

	/**
	 * A pool of reused physical connections, as HikariCP keeps them: closing a handed-out
	 * connection puts it back. Its init SQL runs once per physical connection.
	 */
	static final class SmallPool implements DataSource, AutoCloseable {

		private final Deque<Connection> idle = new ArrayDeque<>();

		private final List<Connection> all = new ArrayList<>();

		SmallPool(DataSource physical, String initSql) throws SQLException {
			for (int i = 0; i < 2; i++) {
				Connection connection = physical.getConnection();
				try (Statement statement = connection.createStatement()) {
					statement.execute(initSql);
				}
				this.idle.add(connection);
				this.all.add(connection);
			}
		}

		List<String> searchPaths() throws SQLException {
			List<String> paths = new ArrayList<>();
			for (Connection connection : this.all) {
				try (Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery("SHOW search_path")) {
					result.next();
					paths.add(result.getString(1));
				}
			}
			return paths;
		}

		@Override
		public synchronized Connection getConnection() throws SQLException {
			Connection connection = this.idle.poll();
			if (connection == null) {
				throw new SQLException("pool exhausted", "08001");
			}
			boolean[] closed = { false };
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "close" -> {
								if (!closed[0]) {
									closed[0] = true;
									synchronized (this) {
										this.idle.add(connection);
									}
								}
								return null;
							}
							case "isClosed" -> {
								return closed[0];
							}
							case "abort" -> {
								throw new AssertionError("a tenant connection was aborted");
							}
							default -> {
								try {
									return method.invoke(connection, args);
								}
								catch (java.lang.reflect.InvocationTargetException ex) {
									throw ex.getCause();
								}
							}
						}
					});
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLException("not supported");
		}

		@Override
		public void close() throws SQLException {
			for (Connection connection : this.all) {
				connection.close();
			}
		}

		@Override
		public java.io.PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(java.io.PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public java.util.logging.Logger getParentLogger() {
			return java.util.logging.Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
