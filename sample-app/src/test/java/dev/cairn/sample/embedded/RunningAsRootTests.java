package dev.cairn.sample.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.cairn.sample.LibraryApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Run as root (a container, a CI machine) without a datasource URL, the app cannot start its
 * embedded PostgreSQL and says what to do instead, as Spring Boot's failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfSystemProperty(named = "user.name", matches = "root")
class RunningAsRootTests {

	@Test
	void withoutAUrlTheAppExplainsHowToGiveItOne(CapturedOutput output) {
		assumeTrue(System.getenv("SPRING_DATASOURCE_URL") == null, "SPRING_DATASOURCE_URL is set");
		assertThatExceptionOfType(EmbeddedPostgresException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(LibraryApplication.class).run("--server.port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("PostgreSQL refuses to run as root")
			.contains("SPRING_DATASOURCE_URL")
			.doesNotContain("\tat dev.cairn.sample");
	}

}
