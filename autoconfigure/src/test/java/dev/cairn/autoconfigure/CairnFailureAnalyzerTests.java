package dev.cairn.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CairnFailureAnalyzer}.
 */
class CairnFailureAnalyzerTests {

	private final CairnFailureAnalyzer analyzer = new CairnFailureAnalyzer();

	@Test
	void failedMigrationNamesFileLineSqlStateAndServerMessage() {
		MigrationFailedException failure = new MigrationFailedException(
				"Migration cairn/failing/V2__broken.sql (version 2) failed at line 4: relation \"order_lines\" does not"
						+ " exist (SQLSTATE 42P01)\nNothing of this migration was applied.",
				"default", Version.parse("2"), "cairn/failing/V2__broken.sql", 4, "42P01",
				"relation \"order_lines\" does not exist", false, null);
		FailureAnalysis analysis = analyze(new IllegalStateException("Failed to execute ApplicationRunner", failure));
		assertThat(analysis.getDescription()).contains("cairn/failing/V2__broken.sql")
			.contains("Line:       4")
			.contains("SQLSTATE:   42P01")
			.contains("PostgreSQL: relation \"order_lines\" does not exist")
			.contains("Nothing of this migration was applied");
		assertThat(analysis.getAction()).startsWith("Fix cairn/failing/V2__broken.sql at line 4, or the data it trips over")
			.contains("cairn.fail-on-error=false")
			.contains("cairn.enabled=false");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void shutdownWhileAReplicaWaitsPointsAtTheMigrationJob() {
		FailureAnalysis analysis = analyze(
				new IllegalStateException("Failed to execute ApplicationRunner", new SchemaWaitStoppedException("default", 2)));
		assertThat(analysis.getDescription())
			.startsWith("The application was shut down while Cairn waited for another instance to apply pending"
					+ " migrations; nothing was changed.")
			.contains("stopped waiting for 2 pending migrations");
		assertThat(analysis.getAction()).contains("check that the migration Job (cairn.command=migrate) ran");
	}

	@Test
	void failedNonTransactionalMigrationAsksForCleanUp() {
		MigrationFailedException failure = new MigrationFailedException("left a failed row", "default",
				Version.parse("3"), "V3__index.sql", 1, "23505", "duplicate key", true, null);
		assertThat(analyze(failure).getAction()).contains("delete its 'failed' row");
	}

	@Test
	void validationProblemsPointAtThePolicies() {
		CairnValidationException failure = new CairnValidationException("default", List.of(
				Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"), "V1__a.sql changed")));
		FailureAnalysis analysis = analyze(new BeanCreationException("cairnMigrationInitializer", "init failed", failure));
		assertThat(analysis.getDescription()).contains("database was not changed").contains("V1__a.sql changed");
		assertThat(analysis.getAction()).contains("cairn.validate-drift");
	}

	@Test
	void lockTimeoutSaysToWaitOrRaiseTheTimeout() {
		LockTimeoutException failure = new LockTimeoutException("held by pid 4711", null, Duration.ofMinutes(5));
		FailureAnalysis analysis = analyze(failure);
		assertThat(analysis.getDescription()).contains("pid 4711");
		assertThat(analysis.getAction()).contains("cairn.lock-timeout");
	}

	@Test
	void anotherMigrationToolSaysHowToSwitchItOff() {
		FailureAnalysis analysis = analyze(new MigrationToolConflictException(List.of("Flyway (bean flyway)"),
				List.of("spring.flyway.enabled=false")));
		assertThat(analysis.getDescription()).contains("Flyway (bean flyway)");
		assertThat(analysis.getAction()).contains("spring.flyway.enabled=false").contains("cairn.enabled=false");
	}

	@Test
	void configurationAndConnectionProblems() {
		assertThat(analyze(new CairnConfigurationException("cairn.url and @CairnDataSource")).getAction())
			.contains("cairn.*");
		FailureAnalysis connection = analyze(new CairnException(
				"cannot connect to jdbc:postgresql://db/app?password=s3cret: Connection refused"));
		assertThat(connection.getDescription()).contains("Connection refused").doesNotContain("s3cret");
		assertThat(connection.getAction()).contains("spring.datasource");
	}

	private FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
