package dev.cairn.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.TenantOutcome.State;
import dev.cairn.core.command.ExitCode;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fleets of one database per tenant on real PostgreSQL: each tenant's database gets the track
 * with its own history and lock; a database that is missing, a name that would change the
 * URL, and two runners at once.
 */
class TenantDatabaseFleetTests {

	@TempDir
	Path folder;

	private Migrations migrations;

	/** The catalogue database the engine's DataSource points at; no tenant lives here. */
	private PGSimpleDataSource catalogue;

	private final List<String> tenants = new ArrayList<>();

	private final String template = TestDatabase.urlFor(TenantDatabases.TENANT);

	@BeforeEach
	void setUp() {
		this.migrations = new Migrations(this.folder);
		this.catalogue = TestDatabase.createDatabase();
		for (int i = 0; i < 3; i++) {
			this.tenants.add(TestDatabase.createDatabase().getDatabaseName());
		}
		this.migrations.write("000001_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, db text);");
		this.migrations.write("000002_seed.up.sql", "INSERT INTO accounts VALUES (1, current_database());");
	}

	private TenantFleet.Builder fleet(List<String> names) {
		EngineSettings engine = this.migrations.configure(this.catalogue).buildEngine();
		TrackSettings track = this.migrations.configure(this.catalogue).track("tenants").buildTrack();
		return TenantFleet.builder(engine, track)
			.tenants(TenantSource.of(names))
			.databases(TenantDatabases.urlTemplate(this.template, null, null));
	}

	private static DataSource database(String name) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(name));
		return dataSource;
	}

	private static List<String> history(String database) {
		return Sql.column(database(database),
				"SELECT version || ':' || state FROM public.cairn_history ORDER BY applied_order");
	}

	@Test
	void everyTenantDatabaseGetsTheTrackWithItsOwnHistory() {
		FleetResult result = fleet(this.tenants).workers(2).build().migrate();
		assertThat(result.succeeded()).as(result.summary()).isTrue();
		assertThat(result.count(State.APPLIED)).isEqualTo(3);
		for (String tenant : this.tenants) {
			assertThat(history(tenant)).containsExactly("1:applied", "2:applied");
			assertThat(Sql.value(database(tenant), "SELECT db FROM accounts")).isEqualTo(tenant);
		}
		// Nothing lands in the catalogue database the tenants were listed from.
		assertThat(Sql.tableExists(this.catalogue, "public.cairn_history")).isFalse();
		assertThat(Sql.tableExists(this.catalogue, "public.accounts")).isFalse();

		TenantFleet again = fleet(this.tenants).build();
		assertThat(again.perDatabase()).isTrue();
		assertThat(again.migrate().count(State.UP_TO_DATE)).isEqualTo(3);
		assertThat(again.status().versions()).containsExactly(Map.entry(Version.parse("2"), 3L));
	}

	@Test
	void aMissingDatabaseFailsItsTenantAndTheOthersFinish() {
		String missing = "cairn_missing_" + ProcessHandle.current().pid();
		List<String> names = List.of(this.tenants.get(0), missing, this.tenants.get(1));
		FleetResult result = fleet(names).workers(1).build().migrate();
		assertThat(result.failed()).extracting(TenantOutcome::tenant).containsExactly(missing);
		assertThat(result.tenant(missing).error()).contains(missing).contains("does not exist");
		assertThat(result.count(State.APPLIED)).isEqualTo(2);
		assertThat(ExitCode.of(result)).isNotEqualTo(ExitCode.SUCCESS);
		assertThat(history(this.tenants.get(1))).containsExactly("1:applied", "2:applied");
	}

	@Test
	void namesThatWouldChangeTheUrlAreRefusedBeforeAnyTenantRuns() {
		List<String> names = List.of(this.tenants.get(0), "evil?user=admin", "other/db", "../x", "template1");
		assertThatThrownBy(() -> fleet(names).build().migrate()).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("Invalid tenant database names from fleet 'tenants' (nothing was run)")
			.hasMessageContaining("'evil?user=admin'")
			.hasMessageContaining("'other/db'")
			.hasMessageContaining("'../x'")
			.hasMessageContaining("'template1' is a template database")
			.hasMessageNotContaining("'" + this.tenants.get(0) + "'");
		assertThat(Sql.tableExists(database(this.tenants.get(0)), "public.cairn_history")).isFalse();
		assertThatThrownBy(() -> fleet(names).build().tenant("a b")).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("invalid tenant database name: 'a b'");
	}

	@Test
	void namesThatDifferOnlyInCaseAreTwoTenantsOfDatabases() {
		// Two databases, two histories: unlike schemas of one database, nothing clashes.
		TenantFleet fleet = fleet(List.of("Acme", "acme")).build();
		assertThat(fleet.tenants()).containsExactly("Acme", "acme");
	}

	@Test
	void aTenantWithoutADataSourceFailsAloneNamingIt() {
		String first = this.tenants.get(0);
		String second = this.tenants.get(1);
		TenantDatabases template = TenantDatabases.urlTemplate(this.template, null, null);
		TenantDatabases partial = (tenant) -> {
			if (tenant.equals(first)) {
				throw new IllegalStateException("no pool for password=hunter2");
			}
			if (tenant.equals(second)) {
				return null;
			}
			return template.dataSource(tenant);
		};
		FleetResult result = fleet(this.tenants).databases(partial).workers(1).build().migrate();
		assertThat(result.tenant(first).error()).contains("no DataSource for tenant '" + first + "'")
			.doesNotContain("hunter2");
		assertThat(result.tenant(second).error()).contains("gave no DataSource for tenant '" + second + "' (null)");
		assertThat(result.tenant(this.tenants.get(2)).state()).isEqualTo(State.APPLIED);
	}

	@Test
	void aNewTenantDatabaseIsMigratedByItselfWhileAFleetRunGoesOn() {
		TenantFleet fleet = fleet(this.tenants).workers(1).build();
		String signUp = TestDatabase.createDatabase().getDatabaseName();
		CompletableFuture<FleetResult> run = CompletableFuture.supplyAsync(fleet::migrate);
		MigrateResult single = fleet.migrateTenant(signUp);
		assertThat(single.applied()).hasSize(2);
		assertThat(run.join().succeeded()).isTrue();
		assertThat(history(signUp)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void twoRunnersAtOnceApplyEveryTenantDatabaseExactlyOnce() {
		CompletableFuture<FleetResult> first = CompletableFuture.supplyAsync(fleet(this.tenants).workers(2).build()::migrate);
		CompletableFuture<FleetResult> second = CompletableFuture.supplyAsync(fleet(this.tenants).workers(2).build()::migrate);
		FleetResult a = first.join();
		FleetResult b = second.join();
		for (String tenant : this.tenants) {
			assertThat(List.of(a.tenant(tenant).state(), b.tenant(tenant).state())).as(tenant)
				.containsExactlyInAnyOrder(State.APPLIED, State.UP_TO_DATE);
			assertThat(Sql.value(database(tenant), "SELECT count(*) FROM accounts")).isEqualTo("1");
		}
	}

	@Test
	void sessionStateAMigrationChangesStaysInThatMigration() {
		// Migration 3 sets a search path and a role-like setting; 4 creates an unqualified table.
		this.migrations.write("000003_wander.up.sql", "CREATE SCHEMA elsewhere;\n"
				+ "DO $$ BEGIN PERFORM set_config('search_path', 'elsewhere', false); END $$;\n"
				+ "SET statement_timeout = '1ms';");
		this.migrations.write("000004_after.up.sql", "CREATE TABLE after_wander (id int);\nSELECT pg_sleep(0.01);");
		FleetResult result = fleet(this.tenants).workers(1).build().migrate();
		assertThat(result.succeeded()).as(result.summary()).isTrue();
		for (String tenant : this.tenants) {
			assertThat(Sql.tableExists(database(tenant), "public.after_wander")).as(tenant).isTrue();
			assertThat(Sql.tableExists(database(tenant), "elsewhere.after_wander")).as(tenant).isFalse();
		}
	}

	@Test
	void theTenantMayStandInTheHostOfTheUrl() throws Exception {
		PGSimpleDataSource acme = (PGSimpleDataSource) TenantDatabases
			.urlTemplate("jdbc:postgresql://{tenant}.db.internal:5432/app", "migrator", "secret")
			.dataSource("acme-eu");
		assertThat(acme.getServerNames()).containsExactly("acme-eu.db.internal");
		assertThat(acme.getDatabaseName()).isEqualTo("app");
		assertThat(acme.getUser()).isEqualTo("migrator");
	}

	@Test
	void badSettingsOfAFleetOfDatabasesAreRefusedNamingThem() {
		assertThatThrownBy(() -> TenantDatabases.urlTemplate("jdbc:postgresql://db:5432/app?password=s3cret", null, null))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("does not hold {tenant}")
			.hasMessageNotContaining("s3cret");
		assertThatThrownBy(() -> TenantDatabases.urlTemplate("jdbc:mysql://db/{tenant}", null, null))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("is not a PostgreSQL JDBC URL");
		assertThatThrownBy(() -> fleet(this.tenants).sharedSchemas(List.of("public")).build())
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("sharedSchemas [public] apply to a fleet of schemas, not of databases");
	}

}
