package dev.cairn.cli;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

/** {@code cairn migrate}: applies every pending migration, or those up to a version. */
@Command(name = "migrate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Apply every pending migration (gaps included, reported), or those up to --target.")
final class MigrateCommand extends EngineCommand {

	@Option(names = { "--target", "-target" }, paramLabel = "VERSION",
			description = "Apply only the pending migrations up to and including this version (which must have a file).")
	@Nullable String target;

	@Override
	int execute() {
		return run(new OperationRequest(Operation.MIGRATE, this.target, null, null, null, null));
	}

}
