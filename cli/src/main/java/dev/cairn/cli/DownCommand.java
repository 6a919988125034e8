package dev.cairn.cli;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn down N|--all}: undoes migrations with their down files, most recently applied first. */
@Command(name = "down", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Undo the N most recently applied migrations with their down files, or all of them with --all.",
				"Every down file in the range is checked before anything runs." })
final class DownCommand extends EngineCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "How many migrations to undo.")
	@Nullable Integer count;

	@Option(names = { "--all", "-all" }, description = "Undo every applied migration.")
	boolean all;

	@Override
	int execute() {
		if (this.count == null && !this.all) {
			return usage("down needs N (how many of the most recently applied migrations to undo) or --all");
		}
		if (this.count != null && this.all) {
			return usage("down takes N or --all, not both");
		}
		if (this.all) {
			// Everything above version 0, which no migration has in practice.
			return run(new OperationRequest(Operation.ROLLBACK, "0", null, null, null, null));
		}
		if (this.count < 1) {
			return usage("N is " + this.count + ": undo at least 1 migration");
		}
		return run(new OperationRequest(Operation.ROLLBACK, null, this.count, null, null, null));
	}

}
