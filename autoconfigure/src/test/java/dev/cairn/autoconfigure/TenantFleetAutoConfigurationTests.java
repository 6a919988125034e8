package dev.cairn.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.FleetFailurePolicy;
import dev.cairn.core.FleetShard;
import dev.cairn.core.TenantFleet;
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
				.hasStackTraceContaining("cairn.tracks.tenants.tenants.query and cairn.tracks.tenants.tenants.schemas are"
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
				.hasStackTraceContaining("neither cairn.tracks.tenants.tenants.schemas nor"
						+ " cairn.tracks.tenants.tenants.query is"));
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
