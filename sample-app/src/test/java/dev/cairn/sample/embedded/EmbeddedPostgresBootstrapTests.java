package dev.cairn.sample.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.cairn.test.LocalPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the embedded PostgreSQL starts, and what the app says when it cannot.
 */
class EmbeddedPostgresBootstrapTests {

	@Test
	void aConfiguredUrlStartsNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db.example.com/library");
		EmbeddedPostgresBootstrap bootstrap = bootstrap(environment);
		bootstrap.postProcessBeanFactory(new DefaultListableBeanFactory());
		assertThat(bootstrap.jdbcUrl()).isNull();
		assertThat(environment.getPropertySources().contains("embeddedPostgres")).isFalse();
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example.com/library");
	}

	@Test
	void aBlankUrlCountsAsNoneAndAnUnusableDataDirectoryIsReportedWithWhatToDo(@TempDir Path folder) throws Exception {
		Path notAFolder = Files.writeString(folder.resolve("postgres"), "a file where the data directory should be");
		EmbeddedPostgresBootstrap bootstrap = bootstrap(new MockEnvironment().withProperty("spring.datasource.url", " ")
			.withProperty("sample.embedded-postgres.data-directory", notAFolder.toString())
			.withProperty("sample.embedded-postgres.port", "0"));
		assertThatExceptionOfType(EmbeddedPostgresException.class)
			.isThrownBy(() -> bootstrap.postProcessBeanFactory(new DefaultListableBeanFactory()))
			.withMessageContaining("did not start with data directory " + notAFolder)
			.satisfies((ex) -> assertThat(ex.action()).contains("SPRING_DATASOURCE_URL=jdbc:postgresql://"));
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
	void settingsDefaultToAFolderInTheHomeDirectoryOrForRootOneTheServersAccountCanReachAndAFixedPort() {
		EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.from(new MockEnvironment());
		Path expected = LocalPostgres.runningAsRoot() ? Path.of("/var/tmp/cairn-sample/postgres")
				: Path.of(System.getProperty("user.home"), ".cairn-sample", "postgres").toAbsolutePath();
		assertThat(settings.dataDirectory()).isEqualTo(expected);
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

	private static EmbeddedPostgresBootstrap bootstrap(MockEnvironment environment) {
		EmbeddedPostgresBootstrap bootstrap = new EmbeddedPostgresBootstrap();
		bootstrap.setEnvironment(environment);
		return bootstrap;
	}

}
