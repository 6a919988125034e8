package dev.cairn.cli;

import java.util.List;

import picocli.CommandLine.Command;

import dev.cairn.core.MigrationInfo;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;
import dev.cairn.core.command.ExitCode;

/**
 * {@code cairn version}: the highest applied version, for scripts; failed and in-progress
 * versions are named after it (golang-migrate's "dirty").
 */
@Command(name = "version", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Print the highest applied version (nothing, and a note on standard error, when none is),"
				+ " followed by '(failed: V, ...)' when a migration failed or was interrupted." })
final class VersionCommand extends EngineCommand {

	@Override
	int execute() {
		StatusReport status = status();
		if (status == null) {
			return this.statusExitCode;
		}
		Version highest = status.migrations()
			.stream()
			.filter((info) -> info.state().isApplied() && info.version() != null)
			.map(MigrationInfo::version)
			.max(Version::compareTo)
			.orElse(null);
		List<String> failed = status.migrations()
			.stream()
			.filter((info) -> info.state() == dev.cairn.core.MigrationState.FAILED
					|| info.state() == dev.cairn.core.MigrationState.IN_PROGRESS)
			.map((info) -> String.valueOf(info.version()))
			.toList();
		if (json()) {
			// Versions and track names need no escaping: digits and dots, and [A-Za-z0-9_.-].
			out().println("{\"operation\":\"version\",\"outcome\":\"success\",\"exitCode\":0,\"track\":\"" + status.track()
					+ "\",\"version\":" + ((highest != null) ? "\"" + highest + "\"" : "null") + ",\"failed\":["
					+ String.join(",", failed.stream().map((v) -> "\"" + v + "\"").toList()) + "]}");
			return ExitCode.SUCCESS.code();
		}
		if (highest == null && failed.isEmpty()) {
			err().println("No migration is applied on track '" + status.track() + "' (" + status.historyTable() + ")");
			return ExitCode.SUCCESS.code();
		}
		out().println(((highest != null) ? highest.toString() : "none")
				+ (failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")"));
		return ExitCode.SUCCESS.code();
	}

}
