package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn force V}: golang-migrate's "fix and force version", on one history row. */
@Command(name = "force", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Record VERSION as applied (its file must exist) without running any SQL, replacing a failed"
				+ " or in-progress row; with --remove, delete its row instead.",
				"Unlike golang-migrate's force, other versions are not touched: history is a set, not a counter." })
final class ForceCommand extends EngineCommand {

	@Parameters(index = "0", paramLabel = "VERSION", description = "The version to record (or remove).")
	String version;

	@Option(names = { "--remove" }, description = "Remove VERSION's row, so it counts as not applied.")
	boolean remove;

	@Override
	int execute() {
		return run(new OperationRequest(Operation.FORCE, null, null, null, this.version, this.remove ? Boolean.FALSE : null));
	}

}
