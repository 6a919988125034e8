package dev.cairn.core.command;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Operation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperationRequest}: every mistake named the way the caller names arguments
 * and operations.
 */
class OperationRequestTests {

	@Test
	void requestWithoutArgumentsHasNoProblems() {
		for (Operation operation : new Operation[] { Operation.MIGRATE, Operation.STATUS, Operation.VALIDATE,
				Operation.DRY_RUN, Operation.REPAIR }) {
			assertThat(problems(OperationRequest.of(operation))).as(operation.name()).isEmpty();
		}
	}

	@Test
	void rollbackNeedsStepsOrTarget() {
		assertThat(problems(OperationRequest.of(Operation.ROLLBACK))).containsOnlyKeys("steps")
			.extractingByKey("steps")
			.asString()
			.startsWith("cairn.command=rollback needs cairn.steps (how many of the most recently applied migrations"
					+ " to undo) or cairn.target");
	}

	@Test
	void rollbackTakesStepsOrTargetNotBoth() {
		assertThat(problems(new OperationRequest(Operation.ROLLBACK, "3", 1, null, null, null))).containsEntry("steps",
				"cairn.command=rollback takes cairn.steps or cairn.target, not both: set only one of them");
	}

	@Test
	void rollbackStepsMustBePositive() {
		assertThat(problems(new OperationRequest(Operation.ROLLBACK, null, 0, null, null, null))).containsEntry("steps",
				"cairn.steps is 0: roll back at least 1 migration");
	}

	@Test
	void targetMustBeAVersion() {
		assertThat(problems(new OperationRequest(Operation.MIGRATE, "latest", null, null, null, null)))
			.extractingByKey("target")
			.asString()
			.startsWith("cairn.target: version 'latest' is not a dotted sequence")
			.endsWith("; use a version such as 41 or 2.1.3");
	}

	@Test
	void forceAndBaselineNeedAVersion() {
		assertThat(problems(new OperationRequest(Operation.FORCE, null, null, null, null, false)))
			.containsEntry("version", "cairn.command=force needs cairn.version: the version to record as applied (or to"
					+ " remove, with cairn.applied=false)");
		assertThat(problems(new OperationRequest(Operation.BASELINE, null, null, null, " ", null)))
			.containsEntry("version", "cairn.command=baseline needs cairn.version: the version the existing database is"
					+ " at (its last migration)");
	}

	@Test
	void argumentOfAnotherOperationIsRejected() {
		assertThat(problems(new OperationRequest(Operation.VALIDATE, null, 1, null, null, null))).containsEntry("steps",
				"cairn.steps is not used by cairn.command=validate: it is an argument of cairn.command=migrate or"
						+ " cairn.command=rollback; remove it");
		assertThat(problems(new OperationRequest(Operation.STATUS, null, null, true, "4", null)))
			.containsOnlyKeys("acceptChanges", "version");
	}

	@Test
	void namesComeFromTheCaller() {
		Map<String, String> problems = new OperationRequest(Operation.REPAIR, null, 1, null, null, null)
			.problems((name) -> name, Operation::externalName);
		assertThat(problems).containsEntry("steps",
				"steps is not used by repair: it is an argument of migrate or rollback; remove it");
		assertThat(OperationRequest.users("version", Operation::externalName)).isEqualTo("force or baseline");
	}

	@Test
	void migrateTakesStepsOrATargetNotBoth() {
		assertThat(problems(new OperationRequest(Operation.MIGRATE, null, 2, null, null, null))).isEmpty();
		assertThat(problems(new OperationRequest(Operation.MIGRATE, "3", 2, null, null, null))).containsEntry("steps",
				"cairn.command=migrate takes cairn.steps or cairn.target, not both: set only one of them");
		assertThat(problems(new OperationRequest(Operation.MIGRATE, null, 0, null, null, null))).containsEntry("steps",
				"cairn.steps is 0: apply at least 1 pending migration (leave it unset to apply all of them)");
	}

	@Test
	void argumentsAreReadAsGiven() {
		OperationRequest force = new OperationRequest(Operation.FORCE, null, null, null, " 000042 ", false);
		assertThat(problems(force)).isEmpty();
		assertThat(force.versionValue()).hasToString("42");
		assertThat(force.isApplied()).isFalse();
		assertThat(OperationRequest.of(Operation.FORCE).isApplied()).isTrue();
		assertThat(OperationRequest.of(Operation.REPAIR).isAcceptChanges()).isFalse();
		assertThat(new OperationRequest(Operation.MIGRATE, " 7 ", null, null, null, null).targetVersion())
			.hasToString("7");
		assertThat(OperationRequest.of(Operation.MIGRATE).targetVersion()).isNull();
	}

	private static Map<String, String> problems(OperationRequest request) {
		return request.problems((name) -> "cairn." + name.replaceAll("([A-Z])", "-$1").toLowerCase(),
				(operation) -> "cairn.command=" + operation.externalName());
	}

}
