package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn repair}: clears failed rows, and accepts changed files when asked to. */
@Command(name = "repair", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "After fixing a failure by hand: remove failed and in-progress history rows so those versions"
				+ " count as not applied. With --accept-changes, also record the current checksum and name of drifted"
				+ " and renamed migrations.")
final class RepairCommand extends EngineCommand {

	@Option(names = { "--accept-changes" }, description = "Also accept drifted and renamed files as they are now.")
	boolean acceptChanges;

	@Override
	int execute() {
		return run(new OperationRequest(Operation.REPAIR, null, null, this.acceptChanges ? Boolean.TRUE : null, null,
				null));
	}

}
