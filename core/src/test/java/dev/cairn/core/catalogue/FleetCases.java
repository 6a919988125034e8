package dev.cairn.core.catalogue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.FleetShard;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantSource;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant fleets given what cannot work: bad tenant names, a tenant query that fails, shards
 * out of range. Refused before any tenant runs; a tenant that is missing fails alone.
 */
abstract class FleetCases extends CatalogueCases {

	static final String BEFORE_ANY_TENANT = "refused before any tenant runs, nothing changed";

	private TenantFleet.Builder fleet(TenantSource tenants) {
		return TenantFleet.builder(configure().buildEngine(), configure().track("tenants").buildTrack())
			.tenants(tenants);
	}

	@Test
	void tenantNamesPostgresqlWouldTruncateOrRefuseAreRefused() {
		CairnException ex = refused("fleet-01", "tenants `pg_acme`, a 64-byte name and a blank one", BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.of("acme", "pg_acme", "t".repeat(64), " ")).createSchemas(true).build().migrate());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("'pg_acme' is a system schema name", "is 64 bytes long",
				"two tenants could share one schema", "a blank name");
	}

	@Test
	void tenantsDifferingOnlyInCaseAreRefused() {
		CairnException ex = refused("fleet-09", "tenants `acme` and `Acme`, and `zürich`", BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.of("acme", "Acme", "zürich")).createSchemas(true).build().migrate());
		assertThat(ex.getMessage()).contains("'acme' and 'Acme' differ only in case",
				"'zürich' is not a plain PostgreSQL identifier");
	}

	@Test
	void aTenantQueryThatFailsIsRefused() {
		CairnException ex = refused("fleet-02", "tenant query `SELECT schema_name FROM tenant_registry` (no such table)",
				BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.query("SELECT schema_name FROM tenant_registry")).build().migrate());
		assertThat(ex.getMessage()).contains("The tenant query failed", "tenant_registry", "fix the query");
	}

	@Test
	void aTenantQueryReturningNullIsRefused() {
		CairnException ex = refused("fleet-03", "tenant query returning a NULL schema name", BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.query("SELECT 'a' UNION ALL SELECT NULL")).build().migrate());
		assertThat(ex.getMessage()).contains("NULL schema name (row 2)", "filter NULLs out");
	}

	@Test
	void aShardIndexOutsideTheCountIsRefused() {
		CairnException ex = refused("fleet-04", "shard index 4 of 4", BEFORE_ANY_TENANT, () -> new FleetShard(4, 4));
		assertThat(ex.getMessage()).contains("index 4 is outside 0..3", "counts from 0");
	}

	@Test
	void aJobCompletionIndexThatIsNoNumberIsRefused() {
		CairnException ex = refused("fleet-05", "`JOB_COMPLETION_INDEX=one`", BEFORE_ANY_TENANT,
				() -> FleetShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "one"), 4));
		assertThat(ex.getMessage()).contains("JOB_COMPLETION_INDEX is 'one', not a number");
	}

	@Test
	void aShardCountWithoutAJobCompletionIndexIsRefused() {
		CairnException ex = refused("fleet-06", "shard count 4, `JOB_COMPLETION_INDEX` not set", BEFORE_ANY_TENANT,
				() -> FleetShard.fromEnvironment(Map.of(), 4));
		assertThat(ex.getMessage()).contains("not set", "Indexed Job");
	}

	@Test
	void workersOutOfRangeAreRefused() {
		CairnException ex = refused("fleet-07", "fleet with 0 workers", BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.of("acme")).workers(0).build());
		assertThat(ex.getMessage()).contains("workers 0 is outside 1..256");
	}

	@Test
	void aMissingTenantSchemaFailsThatTenantOnly() throws Exception {
		Files.createDirectories(migrations());
		Files.writeString(migrations().resolve("000001_accounts.up.sql"), "CREATE TABLE accounts (id int);");
		TestSchemas.create(database(), "acme");
		FleetResult result = fleet(TenantSource.of("acme", "globex")).build().migrate();
		assertThat(result.tenant("acme").applied()).hasSize(1);
		String error = result.tenant("globex").error();
		assertThat(error).contains("schema \"globex\" does not exist");
		acceptedWith("fleet-08", "tenant `globex` whose schema does not exist (create-schemas off)", error,
				"that tenant fails, the others are migrated; the run's summary names it");
		assertThat(result.failed()).hasSize(1);
		assertThat(List.of(result.summary())).allMatch((line) -> line.contains("1 failed"));
	}

	@Test
	void tenantDatabaseNamesThatWouldChangeTheUrlAreRefused() {
		CairnException ex = refused("fleet-10", "database-per-tenant fleet with tenants `acme?ssl=false`, `a/b` and"
				+ " `template1`", BEFORE_ANY_TENANT,
				() -> fleet(TenantSource.of("acme?ssl=false", "a/b", "template1"))
					.databases(TenantDatabases.urlTemplate(TestDatabase.urlFor(TenantDatabases.TENANT), null, null))
					.build()
					.migrate());
		assertThat(ex.getMessage()).contains("Invalid tenant database names", "'acme?ssl=false'", "'a/b'",
				"'template1' is a template database");
	}

	@Test
	void aUrlTemplateWithoutTheTenantIsRefused() {
		CairnException ex = refused("fleet-11", "tenant URL template `jdbc:postgresql://db/app?password=s3cret` (no"
				+ " `{tenant}`)", BEFORE_ANY_TENANT,
				() -> TenantDatabases.urlTemplate("jdbc:postgresql://db/app?password=s3cret", null, null));
		assertThat(ex.getMessage()).contains("does not hold {tenant}").doesNotContain("s3cret");
	}

	@Test
	void aMissingTenantDatabaseFailsThatTenantOnly() throws Exception {
		Files.createDirectories(migrations());
		Files.writeString(migrations().resolve("000001_accounts.up.sql"), "CREATE TABLE accounts (id int);");
		String present = TestDatabase.createDatabase().getDatabaseName();
		FleetResult result = fleet(TenantSource.of(present, "cairn_catalogue_gone"))
			.databases(TenantDatabases.urlTemplate(TestDatabase.urlFor(TenantDatabases.TENANT), null, null))
			.build()
			.migrate();
		assertThat(result.tenant(present).applied()).hasSize(1);
		String error = result.tenant("cairn_catalogue_gone").error();
		assertThat(error).contains("database \"cairn_catalogue_gone\" does not exist");
		acceptedWith("fleet-12", "database-per-tenant fleet, tenant `cairn_catalogue_gone` whose database does not"
				+ " exist", error, "that tenant fails, the others are migrated; the run's summary names it");
		assertThat(result.failed()).hasSize(1);
	}

	/** Test setup outside the cases' snapshots. */
	static final class TestSchemas {

		static void create(javax.sql.DataSource dataSource, String schema) {
			dev.cairn.test.TestDatabase.execute(dataSource, "CREATE SCHEMA " + schema);
		}

	}

}
