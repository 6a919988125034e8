package dev.cairn.cli;

import picocli.CommandLine.Command;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn status}: every migration's state, without taking the lock or changing anything. */
@Command(name = "status", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Show every migration's state (applied, pending, failed, drifted, missing...), the rollback"
				+ " order and every problem, as a table or with --json. Changes nothing and takes no lock.",
				"Exits 0 also when migrations are pending; use validate to fail on problems." })
final class StatusCommand extends EngineCommand {

	@Override
	int execute() {
		return run(OperationRequest.of(Operation.STATUS));
	}

}
