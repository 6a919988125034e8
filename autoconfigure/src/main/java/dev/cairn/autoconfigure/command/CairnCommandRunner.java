package dev.cairn.autoconfigure.command;

import java.io.PrintStream;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.CairnException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.Operation;
import dev.cairn.core.Secrets;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.command.ExitCode;
import dev.cairn.core.command.OperationRequest;
import dev.cairn.core.command.OperationResult;
import dev.cairn.core.command.OperationRunner;
import dev.cairn.core.command.TextReport;

/**
 * Runs {@code cairn.command} once the context is refreshed, before any of the application's
 * own runners, prints the result (the report to standard output, a failure to standard error)
 * and ends the application through {@link CairnCommandExit} with the command's exit code
 * ({@link ExitCode}). As an {@link ExitCodeGenerator} it gives that code to
 * {@code SpringApplication.exit}.
 */
public class CairnCommandRunner implements ApplicationRunner, ExitCodeGenerator, Ordered, ApplicationContextAware {

	/** The runner's order: first, so that the application's own runners never run. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final Log logger = LogFactory.getLog(CairnCommandRunner.class);

	private final OperationRequest request;

	private final @Nullable OperationRunner operations;

	private final CairnCommandExit exit;

	private final PrintStream out;

	private final PrintStream err;

	private final List<String> only;

	private @Nullable ConfigurableApplicationContext context;

	private volatile int exitCode;

	private @Nullable TenantFleets fleets;

	/**
	 * @param request the command and its arguments
	 * @param operations runs it, or {@code null} when Cairn is not set up (no DataSource, or
	 * {@code cairn.enabled=false}): the command then fails with a usage error
	 * @param exit ends the application
	 * @param out where reports go
	 * @param err where failures go
	 */
	public CairnCommandRunner(OperationRequest request, @Nullable OperationRunner operations, CairnCommandExit exit,
			PrintStream out, PrintStream err) {
		this(request, operations, exit, out, err, List.of());
	}

	/**
	 * @param request the command and its arguments
	 * @param operations runs it, or {@code null} when Cairn is not set up
	 * @param exit ends the application
	 * @param out where reports go
	 * @param err where failures go
	 * @param only the tracks to run it on ({@code cairn.command-tracks}); every enabled track
	 * if empty
	 */
	public CairnCommandRunner(OperationRequest request, @Nullable OperationRunner operations, CairnCommandExit exit,
			PrintStream out, PrintStream err, List<String> only) {
		this.only = List.copyOf(only);
		this.request = request;
		this.operations = operations;
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	/**
	 * The tenant fleets {@code cairn.command=migrate} migrates after the tracks, each with its
	 * shard; the exit code is the worst of the tracks' and the fleets'.
	 * @param fleets the fleets
	 */
	public void fleets(TenantFleets fleets) {
		this.fleets = fleets;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) throws BeansException {
		this.context = (ConfigurableApplicationContext) context;
	}

	@Override
	public void run(ApplicationArguments args) {
		String command = "cairn.command=" + this.request.operation().externalName();
		ExitCode exitCode = execute(command);
		this.exitCode = exitCode.code();
		logger.info(command + " finished with exit code " + exitCode.code() + " (" + exitCode.displayName() + ")");
		this.out.flush();
		this.err.flush();
		if (this.context != null) {
			this.exit.exit(this.context, exitCode.code());
		}
	}

	private ExitCode execute(String command) {
		TenantFleets fleets = this.fleets;
		// cairn.command-tracks names tracks of the set; fleets run with a plain migrate only.
		if (fleets == null || fleets.isEmpty() || this.request.operation() != Operation.MIGRATE
				|| !this.only.isEmpty()) {
			return executeTracks(command);
		}
		ExitCode tracks = (this.operations == null || this.operations.tracks().isEmpty()) ? ExitCode.SUCCESS
				: executeTracks(command);
		if (tracks != ExitCode.SUCCESS) {
			this.err.println("Tenant fleets " + fleets.names() + " are not migrated because a track failed");
			return tracks;
		}
		return executeFleets(fleets);
	}

	/** Migrates every fleet, each with its shard: one summary line per fleet. */
	private ExitCode executeFleets(TenantFleets fleets) {
		ExitCode worst = ExitCode.SUCCESS;
		for (TenantFleet fleet : fleets.fleets()) {
			logger.info("Running cairn.command=migrate on fleet " + fleet.name() + " (shard " + fleet.shard() + ", "
					+ fleet.workers() + " workers)");
			ExitCode code;
			try {
				FleetResult result = fleets.migrate(fleet);
				code = ExitCode.of(result);
				String line = "Fleet '" + fleet.name() + "': " + Secrets.mask(result.summary()) + "\n";
				(result.succeeded() ? this.out : this.err).print(line);
			}
			catch (CairnException ex) {
				this.err.println("Fleet '" + fleet.name() + "' cannot run: " + Secrets.mask(ex.getMessage()));
				code = ExitCode.of(ex);
			}
			if (code.code() > worst.code()) {
				worst = code;
			}
		}
		return worst;
	}

	private ExitCode executeTracks(String command) {
		if (this.operations == null || this.operations.tracks().isEmpty()) {
			this.err.println(command + " cannot run: Cairn is not set up in this application. It needs a DataSource"
					+ " (spring.datasource.url) or cairn.url, and cairn.enabled must not be false.");
			return ExitCode.USAGE;
		}
		List<String> tracks = this.only.isEmpty() ? this.operations.enabledTracks() : this.only;
		logger.info("Running " + command + " on " + ((tracks.size() == 1) ? "track " : "tracks ")
				+ String.join(", ", tracks) + "; the application exits when it is done");
		List<OperationResult> results;
		try {
			results = this.operations.run(this.request, this.only);
		}
		catch (IllegalArgumentException ex) {
			// A track named in cairn.command-tracks that does not exist or is disabled: nothing ran.
			this.err.println(command + " cannot run: cairn.command-tracks: " + ex.getMessage());
			return ExitCode.USAGE;
		}
		for (OperationResult result : results) {
			if (!result.ran()) {
				this.out.print("Track '" + result.track() + "': " + result.state().externalName() + "\n\n");
			}
			if (result.report() != null) {
				this.out.print(TextReport.report(result));
			}
			if (result.error() != null) {
				this.err.print(TextReport.failure(result));
			}
		}
		return OperationResult.exitCode(results);
	}

	/**
	 * The command's exit code: 0 until it has run.
	 */
	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
