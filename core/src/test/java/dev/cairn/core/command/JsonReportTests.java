package dev.cairn.core.command;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;
import dev.cairn.core.Problem;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonReport}: the fields of the endpoint's write operations, written without
 * a JSON library.
 */
class JsonReportTests {

	@Test
	void migrateOnTwoTracks() {
		AppliedMigration one = new AppliedMigration(Version.parse("1"), "a", "V1__a.sql", MigrationType.SQL, 1,
				Duration.ofMillis(4));
		OperationResult core = OperationResult.of(Operation.MIGRATE, "core",
				new MigrateResult("core", "t", List.of(one), List.of(), Duration.ZERO, Duration.ofMillis(9)),
				Duration.ofMillis(10));
		OperationResult vector = OperationResult.failed(Operation.MIGRATE, "vector",
				new LockTimeoutException("lock held by pid 7", null, Duration.ofSeconds(1)), Duration.ofMillis(1000));
		assertThat(JsonReport.render(Operation.MIGRATE, List.of(core, vector))).isEqualTo("{\"operation\":\"migrate\","
				+ "\"outcome\":\"failure\",\"exitCode\":4,\"tracks\":{"
				+ "\"core\":{\"outcome\":\"success\",\"exitCode\":0,\"durationMs\":10,"
				+ "\"changes\":[\"applied version 1 (V1__a.sql) in 4 ms\"],\"applied\":[\"1\"]},"
				+ "\"vector\":{\"outcome\":\"failure\",\"exitCode\":4,\"durationMs\":1000,\"changes\":[],"
				+ "\"error\":{\"kind\":\"lock-timeout\",\"exception\":\"LockTimeoutException\","
				+ "\"message\":\"lock held by pid 7\"}}}}");
	}

	@Test
	void validationWithProblems() {
		ValidationResult invalid = new ValidationResult("default", List.of(Problem.error(Problem.Kind.DRIFT,
				Version.parse("1"), List.of("V1__a.sql"), "V1__a.sql changed\tsince it was applied")), 3);
		String json = JsonReport.render(Operation.VALIDATE,
				List.of(OperationResult.of(Operation.VALIDATE, "default", invalid, Duration.ZERO)));
		assertThat(json).isEqualTo("{\"operation\":\"validate\",\"outcome\":\"failure\",\"exitCode\":2,\"tracks\":{"
				+ "\"default\":{\"outcome\":\"failure\",\"exitCode\":2,\"durationMs\":0,\"changes\":["
				+ "\"ERROR DRIFT: V1__a.sql changed\\tsince it was applied\",\"not valid: 3 migrations pending\"],"
				+ "\"pending\":3,\"problems\":[{\"kind\":\"DRIFT\",\"severity\":\"ERROR\",\"version\":\"1\","
				+ "\"files\":[\"V1__a.sql\"],\"message\":\"V1__a.sql changed\\tsince it was applied\"}]}}}");
	}

	@Test
	void dryRunLeftoversAreListedAfterTheSteps() {
		DryRunResult dryRun = new DryRunResult("default", List.of(), Duration.ZERO,
				List.of("sequence public.s was moved by the dry run and used since (it is at 6), so it was left as it is"));
		assertThat(JsonReport.render(Operation.DRY_RUN,
				List.of(OperationResult.of(Operation.DRY_RUN, "default", dryRun, Duration.ZERO))))
			.contains("\"steps\":[],\"leftovers\":[\"sequence public.s was moved by the dry run and used since (it is"
					+ " at 6), so it was left as it is\"]");
	}

	@Test
	void dryRunStepsAndAFailedMigrationWithPasswordsMasked() {
		DryRunResult dryRun = new DryRunResult("default", List.of(new DryRunResult.Step(Version.parse("2"), "V2__b.sql",
				DryRunResult.Outcome.FAILED, Duration.ofMillis(1), "password=s3cret is wrong", 3, "28P01")),
				Duration.ZERO);
		assertThat(JsonReport.render(Operation.DRY_RUN,
				List.of(OperationResult.of(Operation.DRY_RUN, "default", dryRun, Duration.ZERO))))
			.contains("\"steps\":[{\"version\":\"2\",\"script\":\"V2__b.sql\",\"outcome\":\"failed\",\"durationMs\":1,"
					+ "\"error\":\"password=*** is wrong\",\"line\":3,\"sqlState\":\"28P01\"}]")
			.doesNotContain("s3cret");
		MigrationFailedException failed = new MigrationFailedException("V2__b.sql failed", "default",
				Version.parse("2"), "V2__b.sql", 0, null, "password=s3cret refused", false, null);
		// No line and no SQLSTATE: left out.
		assertThat(JsonReport.render(Operation.MIGRATE,
				List.of(OperationResult.failed(Operation.MIGRATE, "default", failed, Duration.ZERO))))
			.contains("\"error\":{\"kind\":\"migration\",\"exception\":\"MigrationFailedException\","
					+ "\"message\":\"V2__b.sql failed\",\"version\":\"2\",\"script\":\"V2__b.sql\","
					+ "\"serverMessage\":\"password=*** refused\"}")
			.doesNotContain("s3cret");
	}

	@Test
	void historyChangesAreTheTrackChanges() {
		ChangeReport repair = new ChangeReport("default", "repair", List.of());
		assertThat(JsonReport.render(Operation.REPAIR,
				List.of(OperationResult.of(Operation.REPAIR, "default", repair, Duration.ZERO))))
			.isEqualTo("{\"operation\":\"repair\",\"outcome\":\"success\",\"exitCode\":0,\"tracks\":{\"default\":"
					+ "{\"outcome\":\"success\",\"exitCode\":0,\"durationMs\":0,\"changes\":[\"nothing to change\"]}}}");
	}

	@Test
	void usageErrorHasAMessageAndNoTracks() {
		assertThat(JsonReport.usageError("upgrade", "Unknown operation 'upgrade'")).isEqualTo("{\"operation\":"
				+ "\"upgrade\",\"outcome\":\"failure\",\"exitCode\":1,\"message\":\"Unknown operation 'upgrade'\","
				+ "\"tracks\":{}}");
	}

}
