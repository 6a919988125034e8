package dev.cairn.cli;

import picocli.CommandLine.Command;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn dry-run}: runs the pending migrations in a transaction that is rolled back. */
@Command(name = "dry-run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Run every pending migration inside one transaction that is always rolled back, and report"
				+ " which would fail (exit code 2). Nothing is written; the lock is held while it runs.")
final class DryRunCommand extends EngineCommand {

	@Override
	int execute() {
		return run(OperationRequest.of(Operation.DRY_RUN));
	}

}
