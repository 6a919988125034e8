package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn baseline V}: records the migrations up to V as applied without running them. */
@Command(name = "baseline", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "For an existing database without Cairn history: record every migration up to VERSION as"
				+ " applied, without running it.")
final class BaselineCommand extends EngineCommand {

	@Parameters(index = "0", paramLabel = "VERSION", description = "The version the database is at (its last migration).")
	String version;

	@Override
	int execute() {
		return run(new OperationRequest(Operation.BASELINE, null, null, null, this.version, null));
	}

}
