package dev.cairn.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.LockWaitSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of {@code cairn.*} are the engine's defaults: a property left unset behaves as
 * if Cairn were used without Spring Boot.
 */
class CairnPropertiesTests {

	private final CairnProperties properties = new CairnProperties();

	@Test
	void defaultsMatchTheEngineConstants() {
		assertThat(this.properties.getLocations()).containsExactly(CairnConfiguration.DEFAULT_LOCATION);
		assertThat(this.properties.getTrack()).isEqualTo(CairnConfiguration.DEFAULT_TRACK);
		assertThat(this.properties.getSchema()).isEqualTo(CairnConfiguration.DEFAULT_SCHEMA);
		assertThat(this.properties.getTable()).isEqualTo(CairnConfiguration.DEFAULT_TABLE);
		assertThat(this.properties.getLockTimeout()).isEqualTo(CairnConfiguration.DEFAULT_LOCK_TIMEOUT);
		assertThat(this.properties.getConnectTimeout()).isEqualTo(CairnConfiguration.DEFAULT_CONNECT_TIMEOUT);
		assertThat(this.properties.getValidateGaps()).isEqualTo(CairnConfiguration.DEFAULT_GAP_POLICY);
		assertThat(this.properties.getValidateDrift()).isEqualTo(CairnConfiguration.DEFAULT_DRIFT_POLICY);
		assertThat(this.properties.getValidateUnknown()).isEqualTo(CairnConfiguration.DEFAULT_UNKNOWN_POLICY);
		assertThat(this.properties.getValidateFuture()).isEqualTo(CairnConfiguration.DEFAULT_FUTURE_POLICY);
		assertThat(this.properties.getRecoveryPolicy()).isEqualTo(CairnConfiguration.DEFAULT_RECOVERY_POLICY);
		assertThat(this.properties.getGolangMigrateTable()).isEqualTo(CairnConfiguration.DEFAULT_GOLANG_MIGRATE_TABLE);
		assertThat(this.properties.getFlywayTable()).isEqualTo(CairnConfiguration.DEFAULT_FLYWAY_TABLE);
		assertThat(this.properties.getGooseTable()).isEqualTo(CairnConfiguration.DEFAULT_GOOSE_TABLE);
		assertThat(this.properties.getGormigrateTable()).isEqualTo(CairnConfiguration.DEFAULT_GORMIGRATE_TABLE);
		assertThat(this.properties.getPrismaTable()).isEqualTo(CairnConfiguration.DEFAULT_PRISMA_TABLE);
	}

	@Test
	void defaultsMatchAnEngineConfigurationBuiltWithoutSettings() {
		CairnConfiguration engine = CairnConfiguration.builder().dataSource(new SimpleDriverDataSource()).build();
		assertThat(this.properties.getLocations()).isEqualTo(engine.locations().stream().map(Object::toString).toList());
		assertThat(this.properties.getTrack()).isEqualTo(engine.track());
		assertThat(this.properties.getSchema()).isEqualTo(engine.schema());
		assertThat(this.properties.getTable()).isEqualTo(engine.table());
		assertThat(this.properties.isCreateSchema()).isEqualTo(engine.createSchema());
		assertThat(this.properties.getLockTimeout()).isEqualTo(engine.lockTimeout());
		assertThat(this.properties.getConnectTimeout()).isEqualTo(engine.connectTimeout());
		assertThat(this.properties.getValidateGaps()).isEqualTo(engine.gapPolicy());
		assertThat(this.properties.getValidateDrift()).isEqualTo(engine.driftPolicy());
		assertThat(this.properties.getValidateUnknown()).isEqualTo(engine.unknownPolicy());
		assertThat(this.properties.getValidateFuture()).isEqualTo(engine.futurePolicy());
		assertThat(this.properties.getInstalledBy()).isEqualTo(engine.installedBy());
		assertThat(this.properties.getRecoveryPolicy()).isEqualTo(engine.recoveryPolicy());
		assertThat(this.properties.isBaselineOnMigrate()).isEqualTo(engine.baselineOnMigrate());
		assertThat(this.properties.getBaselineVersion()).isEqualTo(engine.baselineVersion());
		assertThat(this.properties.isTakeover()).isEqualTo(engine.takeover());
		assertThat(this.properties.getGolangMigrateTable()).isEqualTo(engine.golangMigrateTable());
		assertThat(this.properties.getFlywayTable()).isEqualTo(engine.flywayTable());
		assertThat(new LockWaitSettings(this.properties.getLockWait().getLockTimeout(),
				this.properties.getLockWait().getStatementTimeout(), this.properties.getLockWait().getMaxAttempts(),
				this.properties.getLockWait().getBackoff())).isEqualTo(engine.lockWait());
		assertThat(this.properties.getLint().getRules()).isEmpty();
		assertThat(engine.lint().policies()).isEmpty();
		assertThat(this.properties.getLint().getLargeTableSize().toBytes()).isEqualTo(engine.lint().largeTableBytes());
		assertThat(this.properties.getGooseTable()).isEqualTo(engine.gooseTable());
		assertThat(this.properties.getGormigrateTable()).isEqualTo(engine.gormigrateTable());
		assertThat(this.properties.getPrismaTable()).isEqualTo(engine.prismaTable());
		assertThat(this.properties.getLayout()).isEqualTo(engine.layout());
		assertThat(this.properties.getLayouts()).isEmpty();
		assertThat(engine.layouts()).isEmpty();
	}

	@Test
	void startupDefaultsAreSafe() {
		assertThat(this.properties.isEnabled()).isTrue();
		assertThat(this.properties.isFailOnError()).isTrue();
		assertThat(this.properties.getRunOn()).isEqualTo(CairnProperties.RunOn.RUNNER);
		assertThat(List.of(String.valueOf(this.properties.getUrl()), String.valueOf(this.properties.getUser()),
				String.valueOf(this.properties.getPassword())))
			.containsOnly("null");
	}

}
