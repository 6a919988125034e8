package dev.cairn.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.FleetFailurePolicy;
import dev.cairn.core.FleetShard;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantSource;
import dev.cairn.core.TrackSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code cairn.tracks.<name>.tenants.*} turn a track into a {@link TenantFleet}.
 */
class TenantFleetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
		.withBean(DataSource.class, () -> {
			SimpleDriverDataSource application = new SimpleDriverDataSource();
			application.setUrl("jdbc:postgresql://app.example.com:5432/app");
			application.setUsername("app");
			application.setPassword("app-secret");
			return application;
		});

	@Test
	void aTrackWithTenantSchemasIsAFleetAndNotATrackOfTheSet() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.core.locations=classpath:db/core",
					"cairn.tracks.tenants.locations=classpath:db/tenant", "cairn.tracks.tenants.tenants.schemas=acme,globex",
					"cairn.tracks.tenants.tenants.workers=3", "cairn.tracks.tenants.tenants.failure-policy=stop",
					"cairn.tracks.tenants.tenants.create-schemas=true",
					"cairn.tracks.tenants.tenants.shared-schemas=public")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TrackSet.class).names()).containsExactly("core");
				TenantFleets fleets = context.getBean(TenantFleets.class);
				assertThat(fleets.fleets()).extracting(TenantFleet::name).containsExactly("tenants");
				TenantFleet fleet = fleets.fleet("tenants");
				assertThat(fleet.workers()).isEqualTo(3);
				assertThat(fleet.failurePolicy()).isEqualTo(FleetFailurePolicy.STOP);
				assertThat(fleet.shard()).isEqualTo(FleetShard.all());
				assertThat(fleet.tenants()).containsExactly("acme", "globex");
			});
	}

	@Test
	void withoutTenantsThereIsNoFleet() {
		this.contextRunner.withPropertyValues("cairn.tracks.core.locations=classpath:db/core").run((context) -> {
			assertThat(context.getBean(TenantFleets.class).isEmpty()).isTrue();
			assertThat(context.getBean(TrackSet.class).names()).containsExactly("core");
		});
	}

	@Test
	void aDisabledFleetTrackIsNeitherAFleetNorATrack() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme", "cairn.tracks.tenants.enabled=false",
					"cairn.tracks.core.locations=classpath:db/core")
			.run((context) -> {
				assertThat(context.getBean(TenantFleets.class).isEmpty()).isTrue();
				assertThat(context.getBean(TrackSet.class).names()).containsExactly("core");
			});
	}

	@Test
	void theShardAppliesInCommandModeWithTheIndexFromJobCompletionIndex() {
		this.contextRunner
			.withPropertyValues("cairn.command=status", "cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.shard-count=4", "JOB_COMPLETION_INDEX=2")
			.run((context) -> assertThat(context.getBean(TenantFleets.class).fleet("tenants").shard())
				.isEqualTo(new FleetShard(2, 4)));
	}

	@Test
	void anExplicitShardIndexWinsOverJobCompletionIndex() {
		this.contextRunner
			.withPropertyValues("cairn.command=status", "cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.shard-count=4", "cairn.tracks.tenants.tenants.shard-index=1",
					"JOB_COMPLETION_INDEX=2")
			.run((context) -> assertThat(context.getBean(TenantFleets.class).fleet("tenants").shard())
				.isEqualTo(new FleetShard(1, 4)));
	}

	@Test
	void startUpMigratesTheWholeFleetWhateverTheShard() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme", "cairn.tracks.tenants.tenants.shard-count=4",
					"JOB_COMPLETION_INDEX=2")
			.run((context) -> assertThat(context.getBean(TenantFleets.class).fleet("tenants").shard())
				.isEqualTo(FleetShard.all()));
	}

	@Test
	void aShardCountWithoutAnIndexInCommandModeFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("cairn.command=status", "cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.shard-count=4")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants: Fleet shard count is 4 but JOB_COMPLETION_INDEX"
						+ " is not set"));
	}

	@Test
	void schemasAndQueryTogetherAreRefused() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.query=SELECT name FROM tenants")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.schemas and cairn.tracks.tenants.tenants.query are"
						+ " both set"));
	}

	@Test
	void workersOutOfRangeAreRefusedNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme", "cairn.tracks.tenants.tenants.workers=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.workers 0 is outside 1..256"));
	}

	@Test
	void aShardIndexAtOrAboveTheCountIsRefusedNamingBothProperties() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme", "cairn.tracks.tenants.tenants.shard-count=2",
					"cairn.tracks.tenants.tenants.shard-index=2")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.shard-index 2 is outside 0..1 for"
						+ " cairn.tracks.tenants.tenants.shard-count=2"));
	}

	@Test
	void aBadFailurePolicyIsRefusedNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.failure-policy=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.failure-policy"));
	}

	@Test
	void tenantSettingsWithoutTenantsAreRefused() {
		this.contextRunner.withPropertyValues("cairn.tracks.tenants.tenants.workers=2")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("none of cairn.tracks.tenants.tenants.schemas, cairn.tracks.tenants.tenants.query"
						+ " and cairn.tracks.tenants.tenants.source is"));
	}

	@Test
	void aTenantSourceBeanNamedBySourceListsTheTenants() {
		this.contextRunner.withBean("registry", TenantSource.class, () -> TenantSource.of("acme", "globex"))
			.withPropertyValues("cairn.tracks.tenants.tenants.source=registry")
			.run((context) -> {
				TenantFleet fleet = context.getBean(TenantFleets.class).fleet("tenants");
				assertThat(fleet.tenants()).containsExactly("acme", "globex");
				assertThat(fleet.perDatabase()).isFalse();
			});
	}

	@Test
	void aSourceNamingNoBeanFailsNamingThePropertyAndTheBeansThereAre() {
		this.contextRunner.withBean("registry", TenantSource.class, () -> TenantSource.of("acme"))
			.withPropertyValues("cairn.tracks.tenants.tenants.source=registery")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.source names bean 'registery', but there is no"
						+ " bean of that name: the TenantSource beans are [registry]"));
	}

	@Test
	void aSourceNamingABeanOfAnotherTypeFailsSayingWhatItIs() {
		this.contextRunner.withBean("registry", String.class, () -> "acme")
			.withPropertyValues("cairn.tracks.tenants.tenants.source=registry")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("names bean 'registry', which is a java.lang.String, not a TenantSource"));
	}

	@Test
	void aUrlTemplateMakesEachTenantADatabaseWithTheApplicationsLogin() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme,globex",
					"cairn.tracks.tenants.tenants.url-template=jdbc:postgresql://tenants.example.com:5432/{tenant}")
			.run((context) -> {
				TenantFleet fleet = context.getBean(TenantFleets.class).fleet("tenants");
				assertThat(fleet.perDatabase()).isTrue();
				assertThat(fleet.tenants()).containsExactly("acme", "globex");
				PGSimpleDataSource acme = (PGSimpleDataSource) fleet.tenant("acme").configuration().dataSource();
				assertThat(acme.getServerNames()).containsExactly("tenants.example.com");
				assertThat(acme.getDatabaseName()).isEqualTo("acme");
				assertThat(acme.getUser()).isEqualTo("app");
				assertThat(acme.getPassword()).isEqualTo("app-secret");
			});
	}

	@Test
	void aFleetOfDatabasesLogsInAsTheTracksUserWhenItHasOne() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.url-template=jdbc:postgresql://tenants.example.com:5432/{tenant}",
					"cairn.tracks.tenants.user=migrator", "cairn.tracks.tenants.password=migrator-secret")
			.run((context) -> {
				TenantFleet fleet = context.getBean(TenantFleets.class).fleet("tenants");
				PGSimpleDataSource acme = (PGSimpleDataSource) fleet.tenant("acme").configuration().dataSource();
				assertThat(acme.getUser()).isEqualTo("migrator");
				assertThat(acme.getPassword()).isEqualTo("migrator-secret");
			});
	}

	@Test
	void aTenantDatabasesBeanNamedByDatabasesGivesEachTenantsDataSource() {
		this.contextRunner
			.withBean("tenantDatabases", TenantDatabases.class,
					() -> TenantDatabases.urlTemplate("jdbc:postgresql://tenants.example.com/{tenant}", null, null))
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.databases=tenantDatabases")
			.run((context) -> assertThat(context.getBean(TenantFleets.class).fleet("tenants").perDatabase()).isTrue());
	}

	@Test
	void aUrlTemplateWithoutThePlaceholderIsRefusedWithoutPrintingIt() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.url-template=jdbc:postgresql://db/app?password=s3cret")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.url-template does not hold {tenant}")
				.satisfies((failure) -> assertThat(failure.toString()).doesNotContain("s3cret")));
	}

	@Test
	void schemaSettingsAndATrackUrlAreRefusedForAFleetOfDatabases() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.url-template=jdbc:postgresql://db/{tenant}",
					"cairn.tracks.tenants.tenants.shared-schemas=public", "cairn.tracks.tenants.url=jdbc:postgresql://db/x")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.shared-schemas and"
						+ " cairn.tracks.tenants.tenants.create-schemas apply to tenants that are schemas")
				.hasStackTraceContaining("cairn.tracks.tenants.url is set but each tenant is a database of its own"));
	}

	@Test
	void aUrlTemplateAndADatabasesBeanTogetherAreRefused() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.url-template=jdbc:postgresql://db/{tenant}",
					"cairn.tracks.tenants.tenants.databases=tenantDatabases")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.url-template and"
						+ " cairn.tracks.tenants.tenants.databases are both set"));
	}

	@Test
	void aNegativeHealthFailureThresholdIsRefused() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.tenants.tenants.schemas=acme",
					"cairn.tracks.tenants.tenants.health-failure-threshold=-1")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.health-failure-threshold -1 is negative"));
	}

}
