package dev.cairn.autoconfigure.endpoint;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.core.CairnConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationsEndpointAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CairnAutoConfiguration.class, MigrationsEndpointAutoConfiguration.class))
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void createsTheEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"management.endpoint.migrations.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWhenCairnIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations", "cairn.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void writeOperationsAreAbsentByDefault() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void writeOperationsExistWhenEnabledWithAnonymousAccessAllowedAndTheStartWarnsAboutThem(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"cairn.endpoint.write-operations.enabled=true", "cairn.endpoint.write-operations.allow-anonymous=true")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
				.hasSingleBean(MigrationsEndpointWebExtension.class));
		assertThat(output).contains("WARN")
			.contains("/actuator/migrations accepts write operations")
			.contains("from ANY caller");
	}

	@Test
	void writeOperationsRefuseToStartWhenNothingAuthenticatesCallers() {
		// Spring Security is not on this module's test classpath.
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"cairn.endpoint.write-operations.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(CairnConfigurationException.class)
				.hasMessageContaining("Spring Security is not on the classpath")
				.hasMessageContaining("cairn.endpoint.write-operations.allow-anonymous=true"));
	}

	@Test
	void writeOperationsBackOffWhenTheEndpointIsNotExposed() {
		this.contextRunner.withPropertyValues("cairn.endpoint.write-operations.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void writeOperationsBackOffWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"management.endpoint.migrations.access=NONE", "cairn.endpoint.write-operations.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void backsOffWithoutActuator() {
		// The class the auto-configuration is guarded by; a real application without Actuator lacks it.
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
	}

}
