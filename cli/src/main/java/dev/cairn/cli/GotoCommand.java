package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Operation;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;
import dev.cairn.core.command.ExitCode;
import dev.cairn.core.command.OperationRequest;

/**
 * {@code cairn goto V}: golang-migrate's {@code goto}. Undoes what is applied above V, then
 * applies what is pending up to V; each step prints its report (with {@code --json}, one JSON
 * object per line).
 */
@Command(name = "goto", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Bring the database to VERSION: undo every applied migration above it (down files), then apply"
				+ " every pending one up to it. VERSION 0 undoes everything." })
final class GotoCommand extends EngineCommand {

	@Parameters(index = "0", paramLabel = "VERSION", description = "The version to end at.")
	String version;

	@Override
	int execute() {
		Version target;
		try {
			target = Version.parse(this.version.strip());
		}
		catch (IllegalArgumentException ex) {
			return usage("VERSION: " + ex.getMessage() + "; use a version such as 41 or 2.1.3");
		}
		StatusReport status = status();
		if (status == null) {
			return this.statusExitCode;
		}
		boolean above = status.migrations().stream().anyMatch((info) -> info.state().isApplied() && above(info, target));
		if (above) {
			int code = run(new OperationRequest(Operation.ROLLBACK, target.toString(), null, null, null, null));
			if (code != ExitCode.SUCCESS.code() || target.equals(Version.parse("0"))) {
				return code;
			}
			boolean pending = status.migrations()
				.stream()
				.anyMatch((info) -> info.state() == MigrationState.PENDING && !above(info, target));
			if (!pending) {
				return code;
			}
		}
		else if (target.equals(Version.parse("0"))) {
			return run(new OperationRequest(Operation.ROLLBACK, "0", null, null, null, null));
		}
		return run(new OperationRequest(Operation.MIGRATE, target.toString(), null, null, null, null));
	}

	private static boolean above(MigrationInfo info, Version target) {
		return info.version() != null && info.version().compareTo(target) > 0;
	}

}
