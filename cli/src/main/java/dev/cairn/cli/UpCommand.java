package dev.cairn.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Operation;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;
import dev.cairn.core.command.OperationRequest;

/**
 * {@code cairn up [N]}: golang-migrate's {@code up}. Without N it is {@code migrate}; with N it
 * applies the next N pending migrations in version order, as a migrate up to the version of
 * the Nth (found with a status first, so gaps below it count among the N).
 */
@Command(name = "up", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Apply all pending migrations, or only the next N (in version order, gaps first).")
final class UpCommand extends EngineCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "How many pending migrations to apply.")
	@Nullable Integer count;

	@Override
	int execute() {
		if (this.count == null) {
			return run(OperationRequest.of(Operation.MIGRATE));
		}
		if (this.count < 1) {
			return usage("N is " + this.count + ": apply at least 1 migration, or leave N out to apply all");
		}
		StatusReport status = status();
		if (status == null) {
			return this.statusExitCode;
		}
		List<Version> pending = status.migrations()
			.stream()
			.filter((info) -> info.state() == MigrationState.PENDING && info.version() != null)
			.map(MigrationInfo::version)
			.sorted()
			.toList();
		String target = (this.count < pending.size()) ? pending.get(this.count - 1).toString() : null;
		return run(new OperationRequest(Operation.MIGRATE, target, null, null, null, null));
	}

}
