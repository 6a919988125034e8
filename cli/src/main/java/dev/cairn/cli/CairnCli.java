package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.cairn.core.command.ExitCode;
import dev.cairn.core.command.JsonReport;

/**
 * The {@code cairn} command: one verb per class, each a thin shell over the engine's command
 * layer ({@code dev.cairn.core.command}), with the exit codes of the starter's command mode
 * ({@link ExitCode}). Nothing starts but the engine: no framework, no classpath scan.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = CairnCli.Version.class,
		usageHelpAutoWidth = true, sortOptions = false,
		description = { "PostgreSQL schema migrations from the command line, with the engine and exit codes of the"
				+ " Cairn Spring Boot starter.", "",
				"Settings come from options, then CAIRN_* environment variables, then the config file"
						+ " (cairn.properties), then defaults." },
		footer = { "", "Exit codes: 0 success, 1 usage or configuration error, 2 validation problems, 3 a migration"
				+ " failed, 4 lock timeout, 5 database unreachable or other error.",
				"Run 'cairn VERB --help' for a verb's options." })
public final class CairnCli implements java.util.concurrent.Callable<Integer> {

	@Mixin
	GlobalOptions options;

	@Spec
	CommandSpec spec;

	/**
	 * Runs a command line and exits with its exit code.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}

	/**
	 * Runs a command line.
	 * @param args the arguments
	 * @param environment the environment variables settings are read from
	 * @param out where reports go
	 * @param err where failures and usage errors go
	 * @return the exit code
	 */
	static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new CairnCli());
		addVerbs(commandLine, args);
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			// The verbs report the engine's failures themselves; this is a bug or an environment failure.
			line.getErr().println("cairn: " + dev.cairn.core.Secrets.mask(String.valueOf(ex.getMessage())));
			return ExitCode.OTHER_ERROR.code();
		});
		commandLine.setParameterExceptionHandler((ex, parsed) -> usageError(ex, environment));
		for (CommandLine verb : commandLine.getSubcommands().values()) {
			if (verb.getCommand() instanceof EngineCommand command) {
				command.environment = environment;
			}
		}
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	/**
	 * The verbs, in the order help lists them. Picocli reads every registered command's
	 * annotations when the command line is built, a good part of a no-op run's start-up, so
	 * only the verb the arguments name is registered; all of them when none is (for help).
	 */
	private static void addVerbs(CommandLine commandLine, String[] args) {
		Map<String, Supplier<Object>> verbs = new LinkedHashMap<>();
		verbs.put("create", CreateCommand::new);
		verbs.put("migrate", MigrateCommand::new);
		verbs.put("up", UpCommand::new);
		verbs.put("down", DownCommand::new);
		verbs.put("goto", GotoCommand::new);
		verbs.put("force", ForceCommand::new);
		verbs.put("version", VersionCommand::new);
		verbs.put("status", StatusCommand::new);
		verbs.put("validate", ValidateCommand::new);
		verbs.put("dry-run", DryRunCommand::new);
		verbs.put("lint", LintCommand::new);
		verbs.put("repair", RepairCommand::new);
		verbs.put("baseline", BaselineCommand::new);
		String verb = verb(commandLine, args);
		if (verb != null && verb.equals("new")) {
			verb = "create";
		}
		if (verb != null && verbs.containsKey(verb)) {
			commandLine.addSubcommand(verbs.get(verb).get());
			return;
		}
		verbs.values().forEach((command) -> commandLine.addSubcommand(command.get()));
	}

	/** The first argument that is not an option or an option's value. */
	private static @Nullable String verb(CommandLine commandLine, String[] args) {
		CommandSpec spec = commandLine.getCommandSpec();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				return null;
			}
			if (!arg.startsWith("-") || arg.length() == 1) {
				return arg;
			}
			CommandLine.Model.OptionSpec option = spec.findOption(arg);
			if (option != null && option.arity().max() > 0 && !arg.contains("=")) {
				i++;
			}
		}
		return null;
	}

	private static int usageError(CommandLine.ParameterException ex, Map<String, String> environment) {
		CommandLine line = ex.getCommandLine();
		String verb = line.getCommandSpec().qualifiedName();
		String message = dev.cairn.core.Secrets.mask(ex.getMessage());
		Object command = line.getCommand();
		boolean json = (command instanceof EngineCommand engine && engine.options() != null && engine.options().json)
				|| (command instanceof CairnCli cli && cli.options != null && cli.options.json);
		if (json) {
			line.getOut().println(JsonReport.usageError(line.getCommandSpec().name(), message));
		}
		else {
			line.getErr().println(verb + ": " + message);
			line.getErr().println("Run '" + verb + " --help' for usage.");
		}
		return ExitCode.USAGE.code();
	}

	@Override
	public Integer call() {
		// No verb: say what there is.
		this.spec.commandLine().getErr().println("cairn: no verb given: use one of "
				+ String.join(", ", this.spec.commandLine().getSubcommands().keySet()) + "; run 'cairn --help' for more");
		return ExitCode.USAGE.code();
	}

	/** The version in the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = CairnCli.class.getPackage().getImplementationVersion();
			return new String[] { "cairn " + ((version != null) ? version : "(development build)") + ", Java "
					+ System.getProperty("java.version") };
		}

	}

}
