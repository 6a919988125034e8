package dev.cairn.autoconfigure.command;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CairnCommandEnvironmentPostProcessor}.
 */
class CairnCommandEnvironmentPostProcessorTests {

	private final CairnCommandEnvironmentPostProcessor postProcessor = new CairnCommandEnvironmentPostProcessor();

	@Test
	void commandStartsTheApplicationWithoutWebServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("cairn.command", "migrate");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void applicationsOwnWebApplicationTypeWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("cairn.command", "migrate")
			.withProperty("spring.main.web-application-type", "servlet");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("servlet");
	}

	@Test
	void withoutCommandNothingChanges() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
		assertThat(environment.getPropertySources()
			.contains(CairnCommandEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void emptyCommandChangesNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("cairn.command", "");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void runsAfterTheConfigurationFilesAreRead() {
		assertThat(this.postProcessor.getOrder())
			.isGreaterThan(org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor.ORDER);
	}

}
