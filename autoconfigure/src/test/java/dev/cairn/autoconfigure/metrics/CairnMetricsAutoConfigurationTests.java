package dev.cairn.autoconfigure.metrics;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Version;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CairnMetricsAutoConfiguration}.
 */
class CairnMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class, CairnObservationAutoConfiguration.class,
				CairnMetricsAutoConfiguration.class));

	@Test
	void createsMetricsWithAMeterRegistry() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(CairnMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CairnMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Cairn.class)
				.doesNotHaveBean(CairnMetrics.class)
				.doesNotHaveBean(CairnObservations.class));
	}

	@Test
	void backsOffWhenCairnIsDisabled() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("cairn.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CairnMetrics.class));
	}

	@Test
	void recordsTheMetersOfAMigrateRun() {
		DataSource database = TestDatabase.createDatabase();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("cairn.locations=classpath:cairn/ok")
			.run((context) -> {
				context.getBean(Cairn.class).migrate();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("cairn.migrations.applied").tags("track", "default", "type", "sql").counter().count())
					.isEqualTo(2);
				assertThat(registry.get("cairn.run").tags("track", "default", "outcome", "success", "error", "none")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("cairn.migration").tags("outcome", "success").timer().count()).isEqualTo(2);
				assertThat(registry.get("cairn.lock.wait").tags("track", "default", "outcome", "acquired").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("cairn.migrations.pending").tags("track", "default").gauge().value()).isZero();
				// Read-only runs (status, validate) are not migrations.
				context.getBean(Cairn.class).status();
				assertThat(registry.get("cairn.run").timer().count()).isEqualTo(1);
			});
	}

	@Test
	void recordsLockTimeoutsOfMigrationStatementsAndTheirWaits() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CairnMetrics metrics = new CairnMetrics(registry, new CairnRunTracker(), false);
		Version version = Version.parse("3");
		metrics.lockTimedOut(new MigrationListener.LockTimedOut("orders", version, "V3__index.sql", 1, 2,
				Duration.ofSeconds(5), null, Duration.ofSeconds(2)));
		metrics.lockTimedOut(new MigrationListener.LockTimedOut("orders", version, "V3__index.sql", 2, 2,
				Duration.ofSeconds(5), null, null));
		assertThat(registry.get("cairn.statement.lock.timeouts").tags("track", "orders", "outcome", "retried").counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("cairn.statement.lock.timeouts").tags("track", "orders", "outcome", "failed").counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("cairn.statement.lock.wait").tags("track", "orders").timer().totalTime(
				java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(12);
	}

	@Test
	void recordsAFailedRun() {
		DataSource database = TestDatabase.createDatabase();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("cairn.locations=classpath:cairn/failing")
			.run((context) -> {
				assertThatExceptionOfType(CairnException.class).isThrownBy(context.getBean(Cairn.class)::migrate);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("cairn.migrations.applied").tags("type", "sql").counter().count()).isEqualTo(1);
				assertThat(registry.get("cairn.run")
					.tags("outcome", "failure", "error", "MigrationFailedException")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("cairn.migration").tags("outcome", "failure", "type", "sql").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("cairn.migrations.pending").gauge().value()).isEqualTo(1);
			});
	}

	@Test
	void leavesTheRunAndMigrationTimersToObservations() {
		DataSource database = TestDatabase.createDatabase();
		SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
		DefaultMeterObservationHandler handler = new DefaultMeterObservationHandler(meterRegistry);
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig().observationHandler(handler);
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(MeterRegistry.class, () -> meterRegistry)
			.withBean(ObservationRegistry.class, () -> observationRegistry)
			.withBean(MeterObservationHandler.class, () -> handler)
			.withPropertyValues("cairn.locations=classpath:cairn/ok")
			.run((context) -> {
				assertThat(context).hasSingleBean(CairnObservations.class);
				context.getBean(Cairn.class).migrate();
				// One timer per name, counted once: the observation's.
				assertThat(meterRegistry.get("cairn.run").timers()).hasSize(1);
				assertThat(meterRegistry.get("cairn.run").tags("outcome", "success", "error", "none").timer().count())
					.isEqualTo(1);
				assertThat(meterRegistry.get("cairn.migration").tags("outcome", "success").timer().count()).isEqualTo(2);
				assertThat(meterRegistry.get("cairn.migrations.applied").tags("type", "sql").counter().count()).isEqualTo(2);
			});
	}

	@Test
	void theAppliedCounterExistsAtZeroAfterARunThatAppliedNothing() {
		DataSource database = TestDatabase.createDatabase();
		// Already migrated by another instance: this application's run is a no-op.
		new Cairn(CairnConfiguration.builder().dataSource(database).locations("classpath:cairn/ok").build()).migrate();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("cairn.locations=classpath:cairn/ok")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(Cairn.class).migrate();
				assertThat(registry.get("cairn.migrations.applied").tags("track", "default", "type", "sql").counter().count())
					.isZero();
				assertThat(registry.get("cairn.migrations.applied").counters()).hasSize(2);
			});
	}

}
