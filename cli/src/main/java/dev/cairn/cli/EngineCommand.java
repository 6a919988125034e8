package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.TrackSet;
import dev.cairn.core.command.ExitCode;
import dev.cairn.core.command.JsonReport;
import dev.cairn.core.command.OperationRequest;
import dev.cairn.core.command.OperationResult;
import dev.cairn.core.command.OperationRunner;
import dev.cairn.core.command.TextReport;

/**
 * A verb that runs the engine: resolves the settings, runs the operation through
 * {@link OperationRunner} (as the starter's command mode does) and prints its reports, text to
 * standard output and failures to standard error, or everything as one JSON object to standard
 * output with {@code --json}.
 */
abstract class EngineCommand implements Callable<Integer> {

	@ParentCommand
	@Nullable CairnCli parent;

	@Spec
	@Nullable CommandSpec spec;

	Map<String, String> environment = System.getenv();

	private @Nullable OperationRunner runner;

	private List<String> selection = List.of();

	@Nullable GlobalOptions options() {
		return (this.parent != null) ? this.parent.options : null;
	}

	@Override
	public final Integer call() {
		GlobalOptions options = options();
		configureLogging(options != null && options.verbose);
		try {
			return execute();
		}
		catch (CairnConfigurationException ex) {
			return usage(Secrets.mask(ex.getMessage()));
		}
	}

	/**
	 * Runs the verb.
	 * @return the exit code
	 */
	abstract int execute();

	/**
	 * The runner over the configured engine, made once: the one track of the settings, or the
	 * tracks the config file declares ({@code cairn.tracks.<name>.*}) as one {@link TrackSet}, of
	 * which {@code --track} selects some.
	 */
	OperationRunner runner() {
		if (this.runner == null) {
			Settings settings = new Settings(options(), this.environment);
			if (settings.hasTracks()) {
				this.runner = new OperationRunner(TrackSet.of(settings.trackConfigurations()));
				this.selection = settings.trackSelection();
			}
			else {
				this.runner = new OperationRunner(List.of(new Cairn(settings.configuration())));
			}
		}
		return this.runner;
	}

	/** The tracks {@code --track} selects when the config file declares several; empty for all. */
	List<String> selection() {
		runner();
		return this.selection;
	}

	/**
	 * Runs one operation and prints its report.
	 * @param request the operation
	 * @return its exit code
	 */
	int run(OperationRequest request) {
		Map<String, String> problems = request.problems(EngineCommand::argumentName,
				(operation) -> "cairn " + operation.externalName());
		if (!problems.isEmpty()) {
			return usage(String.join("; ", problems.values()));
		}
		OperationRunner runner = runner();
		List<String> selected = selection();
		boolean onEveryTrack = switch (request.operation()) {
			case MIGRATE, STATUS, VALIDATE, DRY_RUN -> true;
			default -> false;
		};
		if (!onEveryTrack && (selected.size() > 1 || selected.isEmpty() && runner.enabledTracks().size() > 1)) {
			// Undoing, forcing or repairing is a decision about one series of versions, never all at once.
			return usage("cairn " + ((this.spec != null) ? this.spec.name() : request.operation().externalName())
					+ " works on one track: give --track with one of " + runner.enabledTracks());
		}
		List<OperationResult> results;
		try {
			results = runner.run(request, selected);
		}
		catch (IllegalArgumentException ex) {
			return usage(ex.getMessage()); // a track selected that does not exist or is disabled
		}
		print(request.operation(), results);
		return OperationResult.exitCode(results).code();
	}

	/**
	 * Runs one operation without printing a successful report, for verbs that decide from a
	 * status what to run; a failure is printed.
	 * @return the report, or {@code null} after a failure
	 */
	@Nullable StatusReport status() {
		OperationRunner runner = runner();
		List<String> selected = selection();
		if (selected.isEmpty() && runner.enabledTracks().size() == 1) {
			selected = runner.enabledTracks();
		}
		if (selected.size() != 1) {
			this.statusExitCode = usage("cairn " + ((this.spec != null) ? this.spec.name() : "status")
					+ " works on one track: give --track with one of " + runner.enabledTracks());
			return null;
		}
		List<OperationResult> results;
		try {
			results = runner.run(OperationRequest.of(Operation.STATUS), selected);
		}
		catch (IllegalArgumentException ex) {
			this.statusExitCode = usage(ex.getMessage());
			return null;
		}
		String track = selected.get(0);
		OperationResult result = results.stream().filter((each) -> each.track().equals(track)).findFirst()
			.orElse(results.get(0));
		if (!result.succeeded() || !(result.report() instanceof StatusReport report)) {
			print(Operation.STATUS, results);
			this.statusExitCode = result.exitCode().code();
			return null;
		}
		return report;
	}

	/** The exit code of the status {@link #status()} failed on. */
	int statusExitCode = ExitCode.OTHER_ERROR.code();


	/** How the command line names an argument of {@link OperationRequest}. */
	private static String argumentName(String argument) {
		return switch (argument) {
			case "target" -> "VERSION";
			case "steps" -> "N";
			case "acceptChanges" -> "--accept-changes";
			case "applied" -> "--remove";
			default -> "VERSION";
		};
	}

	void print(Operation operation, List<OperationResult> results) {
		if (json()) {
			out().println(JsonReport.render(operation, results));
			return;
		}
		for (OperationResult result : results) {
			OperationReport report = result.report();
			if (report != null) {
				out().print(TextReport.report(result));
			}
			if (result.error() != null) {
				err().print(TextReport.failure(result));
			}
		}
	}

	int usage(String message) {
		String verb = (this.spec != null) ? this.spec.qualifiedName() : "cairn";
		if (json()) {
			out().println(JsonReport.usageError((this.spec != null) ? this.spec.name() : "cairn", message));
		}
		else {
			err().println(verb + ": " + message);
		}
		return ExitCode.USAGE.code();
	}

	boolean json() {
		GlobalOptions options = options();
		return options != null && options.json;
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	/** slf4j-simple reads its settings when the first logger is made, which is after this. */
	private static void configureLogging(boolean verbose) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
		System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
		System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
	}

}
