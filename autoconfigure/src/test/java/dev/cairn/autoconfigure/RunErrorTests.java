package dev.cairn.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunError}: what health and the endpoint may show.
 */
class RunErrorTests {

	@Test
	void masksPasswordsInTheMessage() {
		// Which texts count as secrets is Secrets' business (SecretsMaskingTest in core); here only that it is applied.
		RunError error = RunError.of(new CairnException("cannot connect to jdbc:postgresql://db:5432/app?user=app&password=s3cret"));
		assertThat(error.message()).isEqualTo("cannot connect to jdbc:postgresql://db:5432/app?user=app&password=***");
	}

	@Test
	void describesAFailedMigration() {
		MigrationFailedException failure = new MigrationFailedException("Migration V2__x.sql failed at line 4: boom",
				"default", Version.parse("2"), "cairn/failing/V2__x.sql", 4, "42P01", "relation \"x\" does not exist",
				false, null);
		RunError error = RunError.of(failure);
		assertThat(error.kind()).isEqualTo("migration");
		assertThat(error.exception()).isEqualTo("MigrationFailedException");
		assertThat(error.version()).isEqualTo("2");
		assertThat(error.script()).isEqualTo("cairn/failing/V2__x.sql");
		assertThat(error.line()).isEqualTo(4);
		assertThat(error.sqlState()).isEqualTo("42P01");
		assertThat(error.serverMessage()).isEqualTo("relation \"x\" does not exist");
	}

	@Test
	void classifiesOtherFailures() {
		assertThat(RunError.of(new CairnValidationException("default", List.of())).kind()).isEqualTo("validation");
		assertThat(RunError.of(new CairnException("cannot connect")).kind()).isEqualTo("other");
		assertThat(RunError.of(new CairnValidationException("default",
				List.of(Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"), "drifted"))))
			.message()).contains("drifted");
	}

}
