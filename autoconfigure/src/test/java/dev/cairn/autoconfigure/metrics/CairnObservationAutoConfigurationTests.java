package dev.cairn.autoconfigure.metrics;

import java.util.List;

import javax.sql.DataSource;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CairnObservationAutoConfiguration}.
 */
class CairnObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class, CairnObservationAutoConfiguration.class));

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CairnObservations.class));
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CairnObservations.class));
	}

	@Test
	void observesTheRunAndEachMigrationInsideIt() {
		DataSource database = TestDatabase.createDatabase();
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("cairn.locations=classpath:cairn/ok", "cairn.track=orders")
			.run((context) -> {
				context.getBean(Cairn.class).migrate();
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo("cairn.run", 1)
					.hasNumberOfObservationsWithNameEqualTo("cairn.migration", 2)
					.hasHandledContextsThatSatisfy((contexts) -> {
						Observation.Context run = only(contexts, "cairn.run");
						assertThat(run.getLowCardinalityKeyValue("track").getValue()).isEqualTo("orders");
						assertThat(run.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
						assertThat(run.getError()).isNull();
						List<Observation.Context> migrations = named(contexts, "cairn.migration");
						assertThat(migrations).allSatisfy((migration) -> {
							assertThat(migration.getParentObservation().getContextView()).isSameAs(run);
							assertThat(migration.getLowCardinalityKeyValue("type").getValue()).isEqualTo("sql");
							assertThat(migration.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
						});
						assertThat(migrations).map((migration) -> migration.getHighCardinalityKeyValue("version").getValue())
							.containsExactly("1", "2");
						assertThat(migrations).map((migration) -> migration.getHighCardinalityKeyValue("script").getValue())
							.allSatisfy((script) -> assertThat(script).endsWith(".sql"));
					});
			});
	}

	@Test
	void marksAFailedMigrationAndItsRun() {
		DataSource database = TestDatabase.createDatabase();
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("cairn.locations=classpath:cairn/failing")
			.run((context) -> {
				assertThatExceptionOfType(CairnException.class).isThrownBy(context.getBean(Cairn.class)::migrate);
				TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> {
					Observation.Context run = only(contexts, "cairn.run");
					assertThat(run.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
					assertThat(run.getError()).isInstanceOf(CairnException.class);
					Observation.Context failed = named(contexts, "cairn.migration").get(1);
					assertThat(failed.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
					assertThat(failed.getHighCardinalityKeyValue("version").getValue()).isEqualTo("2");
					assertThat(failed.getError()).isNotNull();
				});
			});
	}

	private static Observation.Context only(List<Observation.Context> contexts, String name) {
		List<Observation.Context> named = named(contexts, name);
		assertThat(named).hasSize(1);
		return named.get(0);
	}

	private static List<Observation.Context> named(List<Observation.Context> contexts, String name) {
		return contexts.stream().filter((context) -> name.equals(context.getName())).toList();
	}

}
