package dev.cairn.sample.embedded;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the embedded PostgreSQL starts, and what the app says when it cannot. A user named root
 * stands in for "would start a server", because as root the bootstrap fails before starting one.
 */
class EmbeddedPostgresBootstrapTests {

	@Test
	void aConfiguredUrlStartsNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db.example.com/library");
		EmbeddedPostgresBootstrap bootstrap = bootstrap(environment, "root");
		bootstrap.postProcessBeanFactory(new DefaultListableBeanFactory());
		assertThat(bootstrap.jdbcUrl()).isNull();
		assertThat(environment.getPropertySources().contains("embeddedPostgres")).isFalse();
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example.com/library");
	}

	@Test
	void asRootWithoutAUrlItSaysToSetOneOrRunAsANormalUser() {
		EmbeddedPostgresBootstrap bootstrap = bootstrap(new MockEnvironment(), "root");
		assertThatExceptionOfType(EmbeddedPostgresException.class)
			.isThrownBy(() -> bootstrap.postProcessBeanFactory(new DefaultListableBeanFactory()))
			.withMessageContaining("No spring.datasource.url is set")
			.withMessageContaining("PostgreSQL refuses to run as root")
			.satisfies((ex) -> assertThat(ex.action()).contains("SPRING_DATASOURCE_URL=jdbc:postgresql://")
				.contains("run the app as a normal user"));
	}

	@Test
	void aBlankUrlCountsAsNone() {
		EmbeddedPostgresBootstrap bootstrap = bootstrap(new MockEnvironment().withProperty("spring.datasource.url", " "),
				"root");
		assertThatExceptionOfType(EmbeddedPostgresException.class)
			.isThrownBy(() -> bootstrap.postProcessBeanFactory(new DefaultListableBeanFactory()));
	}

	@Test
	void theFailureReportShowsTheMessageAndTheAction() {
		EmbeddedPostgresException failure = new EmbeddedPostgresException("what went wrong", "what to do", null);
		FailureAnalysis analysis = new EmbeddedPostgresFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).isEqualTo("what went wrong");
		assertThat(analysis.getAction()).isEqualTo("what to do");
	}

	@Test
	void settingsDefaultToAFolderInTheHomeDirectoryAndAFixedPort() {
		EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.from(new MockEnvironment());
		assertThat(settings.dataDirectory())
			.isEqualTo(Path.of(System.getProperty("user.home"), ".cairn-sample", "postgres").toAbsolutePath());
		assertThat(settings.port()).isEqualTo(54329);
		assertThat(settings.database()).isEqualTo("library");
		assertThat(settings.logFile()).isEqualTo(settings.dataDirectory().resolveSibling("postgres.log"));
	}

	@Test
	void settingsComeFromSampleEmbeddedPostgresProperties() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("sample.embedded-postgres.data-directory", "/srv/pg/library-data")
			.withProperty("sample.embedded-postgres.port", "0")
			.withProperty("sample.embedded-postgres.database", "books");
		EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.from(environment);
		assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/pg/library-data").toAbsolutePath());
		assertThat(settings.port()).isZero();
		assertThat(settings.database()).isEqualTo("books");
		assertThat(settings.logFile()).isEqualTo(Path.of("/srv/pg/library-data.log").toAbsolutePath());
	}

	private static EmbeddedPostgresBootstrap bootstrap(MockEnvironment environment, String userName) {
		EmbeddedPostgresBootstrap bootstrap = new EmbeddedPostgresBootstrap(userName);
		bootstrap.setEnvironment(environment);
		return bootstrap;
	}

}
