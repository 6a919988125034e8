package dev.cairn.cli;

import picocli.CommandLine.Command;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn validate}: every problem a migrate run would stop on. */
@Command(name = "validate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Report every problem a migrate run would stop on (bad files, drift, unknown or failed"
				+ " migrations); exit code 2 if there is one. Changes nothing and takes no lock.")
final class ValidateCommand extends EngineCommand {

	@Override
	int execute() {
		return run(OperationRequest.of(Operation.VALIDATE));
	}

}
