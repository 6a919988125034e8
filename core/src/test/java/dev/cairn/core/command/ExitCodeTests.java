package dev.cairn.core.command;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Operation;
import dev.cairn.core.Problem;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExitCode}: numbers scripts depend on, and which outcome gets which.
 */
class ExitCodeTests {

	@Test
	void numbersNeverChange() {
		assertThat(ExitCode.SUCCESS.code()).isZero();
		assertThat(ExitCode.USAGE.code()).isEqualTo(1);
		assertThat(ExitCode.VALIDATION.code()).isEqualTo(2);
		assertThat(ExitCode.MIGRATION_FAILED.code()).isEqualTo(3);
		assertThat(ExitCode.LOCK_TIMEOUT.code()).isEqualTo(4);
		assertThat(ExitCode.OTHER_ERROR.code()).isEqualTo(5);
		assertThat(ExitCode.MIGRATION_FAILED.displayName()).isEqualTo("migration failed");
	}

	@Test
	void failuresMapToTheirCode() {
		assertThat(ExitCode.of(failedMigration())).isEqualTo(ExitCode.MIGRATION_FAILED);
		assertThat(ExitCode.of(new CairnValidationException("default", List.of()))).isEqualTo(ExitCode.VALIDATION);
		assertThat(ExitCode.of(new LockTimeoutException("held", null, Duration.ofSeconds(1))))
			.isEqualTo(ExitCode.LOCK_TIMEOUT);
		assertThat(ExitCode.of(new CairnConfigurationException("bad"))).isEqualTo(ExitCode.USAGE);
		assertThat(ExitCode.of(new CairnException("cannot connect"))).isEqualTo(ExitCode.OTHER_ERROR);
	}

	@Test
	void reportsThatFoundProblemsAreValidationFailures() {
		ValidationResult invalid = new ValidationResult("default",
				List.of(Problem.error(Problem.Kind.DRIFT, Version.parse("1"), List.of("V1__a.sql"), "drifted")), 0);
		ValidationResult valid = new ValidationResult("default", List.of(), 2);
		DryRunResult failing = new DryRunResult("default", List.of(new DryRunResult.Step(Version.parse("2"), "V2__b.sql",
				DryRunResult.Outcome.FAILED, Duration.ZERO, "boom", 1, "42P01")), Duration.ZERO);
		assertThat(OperationResult.of(Operation.VALIDATE, "default", invalid, Duration.ZERO).exitCode())
			.isEqualTo(ExitCode.VALIDATION);
		assertThat(OperationResult.of(Operation.VALIDATE, "default", valid, Duration.ZERO).exitCode())
			.isEqualTo(ExitCode.SUCCESS);
		assertThat(OperationResult.of(Operation.DRY_RUN, "default", failing, Duration.ZERO).exitCode())
			.isEqualTo(ExitCode.VALIDATION);
	}

	@Test
	void severalTracksEndWithTheFirstFailure() {
		OperationResult ok = OperationResult.of(Operation.VALIDATE, "core", new ValidationResult("core", List.of(), 0),
				Duration.ZERO);
		OperationResult locked = OperationResult.failed(Operation.VALIDATE, "vector",
				new LockTimeoutException("held", null, Duration.ZERO), Duration.ZERO);
		assertThat(OperationResult.exitCode(List.of())).isEqualTo(ExitCode.SUCCESS);
		assertThat(OperationResult.exitCode(List.of(ok))).isEqualTo(ExitCode.SUCCESS);
		assertThat(OperationResult.exitCode(List.of(ok, locked))).isEqualTo(ExitCode.LOCK_TIMEOUT);
	}

	private static MigrationFailedException failedMigration() {
		return new MigrationFailedException("Migration V2__x.sql failed at line 4: boom", "default", Version.parse("2"),
				"V2__x.sql", 4, "42P01", "relation \"x\" does not exist", false, null);
	}

}
