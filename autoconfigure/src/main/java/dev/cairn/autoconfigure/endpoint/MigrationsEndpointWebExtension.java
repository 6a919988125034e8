package dev.cairn.autoconfigure.endpoint;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.cairn.autoconfigure.RunError;
import dev.cairn.autoconfigure.endpoint.MigrationsEndpoint.ProblemDescriptor;
import dev.cairn.core.AppliedMigration;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.command.ExitCode;
import dev.cairn.core.command.OperationRequest;
import dev.cairn.core.command.OperationResult;
import dev.cairn.core.command.OperationRunner;

/**
 * The write operations of {@code /actuator/migrations}, over HTTP only:
 * {@code POST /actuator/migrations} with a JSON body such as {@code {"operation": "migrate"}},
 * {@code {"operation": "rollback", "steps": 1}} or
 * {@code {"operation": "force", "version": "42", "applied": false}}. The operations and
 * arguments are those of {@code cairn.command}, and the answer carries the same exit code.
 *
 * <p>Exists only with {@code cairn.endpoint.write-operations.enabled=true}, and Spring Boot
 * serves it only while {@code management.endpoint.migrations.access} is {@code unrestricted}.
 * These operations change the schema of a production database: secure them (Spring Security
 * on the actuator path, a separate management port on an internal network). A request without
 * an authenticated caller is refused (401) unless
 * {@code cairn.endpoint.write-operations.allow-anonymous=true}. Every call is logged with the
 * caller, when known.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	private static final Log logger = LogFactory.getLog(MigrationsEndpointWebExtension.class);

	private static final int STATUS_UNAUTHORIZED = 401;

	private final OperationRunner operations;

	private final boolean allowAnonymous;

	/**
	 * Write operations for authenticated callers only.
	 * @param operations what runs them
	 */
	public MigrationsEndpointWebExtension(OperationRunner operations) {
		this(operations, false);
	}

	/**
	 * @param operations what runs them
	 * @param allowAnonymous whether unauthenticated callers may run them
	 * ({@code cairn.endpoint.write-operations.allow-anonymous})
	 */
	public MigrationsEndpointWebExtension(OperationRunner operations, boolean allowAnonymous) {
		this.operations = operations;
		this.allowAnonymous = allowAnonymous;
	}

	/**
	 * Runs one operation.
	 * @param securityContext who calls
	 * @param operation {@code migrate}, {@code validate}, {@code dry-run}, {@code rollback},
	 * {@code repair}, {@code baseline} or {@code force}
	 * @param track the one track to run it on; every track in order if not given
	 * @param target the version to migrate up to, or to roll back to
	 * @param steps how many migrations {@code rollback} undoes, or how many pending ones {@code migrate} applies
	 * @param acceptChanges whether {@code repair} accepts drifted and renamed files
	 * @param version the version {@code force} records or removes, or {@code baseline} starts at
	 * @param applied whether {@code force} records the version as applied (default) or removes it
	 * @return the outcome per track; the HTTP status follows the exit code: 200 for 0, 400 for a
	 * usage error, 409 for validation problems, 500 for a failed migration or another error, 503
	 * for a lock timeout
	 */
	@WriteOperation
	public WebEndpointResponse<OperationDescriptor> run(SecurityContext securityContext, String operation,
			@Nullable String track, @Nullable String target, @Nullable Integer steps, @Nullable Boolean acceptChanges,
			@Nullable String version, @Nullable Boolean applied) {
		Principal caller = securityContext.getPrincipal();
		String refusal = WriteOperationsGuard.refusal(this.allowAnonymous, caller != null);
		if (refusal != null) {
			logger.warn("POST /actuator/migrations (" + operation + ") refused: no authenticated caller");
			return new WebEndpointResponse<>(new OperationDescriptor(String.valueOf(operation), outcome(ExitCode.USAGE),
					ExitCode.USAGE.code(), refusal, Map.of()), STATUS_UNAUTHORIZED);
		}
		Operation command = Operation.of(operation);
		if (command == null || command == Operation.STATUS) {
			String message = (command == Operation.STATUS) ? "status is read with GET /actuator/migrations"
					: "Unknown operation '" + operation + "': use one of " + Stream.of(Operation.values())
						.filter((each) -> each != Operation.STATUS)
						.map(Operation::externalName)
						.collect(Collectors.joining(", "));
			return usageError(operation, message);
		}
		OperationRequest request = new OperationRequest(command, target, steps, acceptChanges, version, applied);
		Map<String, String> problems = request.problems((name) -> name, Operation::externalName);
		if (!problems.isEmpty()) {
			return usageError(command.externalName(), String.join("; ", problems.values()));
		}
		if (track != null && !this.operations.tracks().contains(track)) {
			return usageError(command.externalName(),
					"No track '" + track + "'; the tracks are " + this.operations.tracks());
		}
		if (track != null && !this.operations.enabledTracks().contains(track)) {
			return usageError(command.externalName(), "Track '" + track + "' is disabled: enable it"
					+ " (cairn.tracks." + track + ".enabled=true) to run an operation on it");
		}
		logger.info("POST /actuator/migrations: " + describe(request) + ((track != null) ? " on track '" + track + "'" : "")
				+ " requested by " + ((caller != null) ? caller.getName() : "an unauthenticated caller (anonymous access is allowed)"));
		List<OperationResult> results = this.operations.run(request, track);
		ExitCode exitCode = OperationResult.exitCode(results);
		Map<String, TrackOperationDescriptor> tracks = new LinkedHashMap<>();
		results.forEach((result) -> tracks.put(result.track(), TrackOperationDescriptor.of(result)));
		OperationDescriptor body = new OperationDescriptor(command.externalName(), outcome(exitCode), exitCode.code(),
				null, tracks);
		return new WebEndpointResponse<>(body, httpStatus(exitCode));
	}

	private static WebEndpointResponse<OperationDescriptor> usageError(String operation, String message) {
		return new WebEndpointResponse<>(new OperationDescriptor(operation, outcome(ExitCode.USAGE),
				ExitCode.USAGE.code(), message, Map.of()), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static String describe(OperationRequest request) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		putIfSet(arguments, "target", request.target());
		putIfSet(arguments, "steps", request.steps());
		putIfSet(arguments, "acceptChanges", request.acceptChanges());
		putIfSet(arguments, "version", request.version());
		putIfSet(arguments, "applied", request.applied());
		return request.operation().externalName() + (arguments.isEmpty() ? "" : " " + arguments);
	}

	private static void putIfSet(Map<String, Object> arguments, String name, @Nullable Object value) {
		if (value != null) {
			arguments.put(name, value);
		}
	}

	private static String outcome(ExitCode exitCode) {
		return (exitCode == ExitCode.SUCCESS) ? "success" : "failure";
	}

	static int httpStatus(ExitCode exitCode) {
		return switch (exitCode) {
			case SUCCESS -> WebEndpointResponse.STATUS_OK;
			case USAGE -> WebEndpointResponse.STATUS_BAD_REQUEST;
			case VALIDATION -> 409;
			case LOCK_TIMEOUT -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
			case MIGRATION_FAILED, OTHER_ERROR -> WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
		};
	}

	/**
	 * The answer to a write operation.
	 *
	 * @param operation the operation, as asked for
	 * @param outcome {@code success} or {@code failure}
	 * @param exitCode the exit code {@code cairn.command} would have ended with
	 * @param message why the request could not run (usage errors)
	 * @param tracks the outcome of every track, in order; a failing track stops the
	 * operation, so tracks after it say {@code not-run}
	 */
	public record OperationDescriptor(String operation, String outcome, int exitCode, @Nullable String message,
			Map<String, TrackOperationDescriptor> tracks) implements OperationResponseBody {

	}

	/**
	 * What the operation did on one track.
	 *
	 * @param outcome {@code success} or {@code failure}; {@code disabled}, {@code not-selected}
	 * or {@code not-run} (an earlier track failed) when it did not run
	 * @param exitCode its exit code
	 * @param durationMs how long it took, in milliseconds
	 * @param changes what it changed or found, one sentence each
	 * @param applied the versions {@code migrate} applied
	 * @param undone the versions {@code rollback} undid, in the order it undid them
	 * @param pending how many migrations {@code validate} found pending
	 * @param problems the problems {@code validate} found
	 * @param steps each pending migration's trial in a {@code dry-run}
	 * @param error why it failed
	 */
	public record TrackOperationDescriptor(String outcome, int exitCode, long durationMs, List<String> changes,
			@Nullable List<String> applied, @Nullable List<String> undone, @Nullable Integer pending,
			@Nullable List<ProblemDescriptor> problems, @Nullable List<DryRunStepDescriptor> steps,
			@Nullable RunError error) {

		static TrackOperationDescriptor of(OperationResult result) {
			OperationReport report = result.report();
			Details details = (report != null) ? report.accept(new DetailsOfReport()) : Details.NONE;
			// A track the operation did not run on says why: disabled, not-selected or not-run.
			return new TrackOperationDescriptor(
					result.ran() ? MigrationsEndpointWebExtension.outcome(result.exitCode()) : result.state().externalName(),
					result.exitCode().code(), result.duration().toMillis(),
					result.changes().stream().map(Secrets::mask).toList(), details.applied(), details.undone(),
					details.pending(), details.problems(), details.steps(),
					(result.error() != null) ? RunError.of(result.error()) : null);
		}

	}

	/**
	 * What one kind of report adds to a track's answer; the rest stays {@code null}.
	 */
	private record Details(@Nullable List<String> applied, @Nullable List<String> undone, @Nullable Integer pending,
			@Nullable List<ProblemDescriptor> problems, @Nullable List<DryRunStepDescriptor> steps) {

		static final Details NONE = new Details(null, null, null, null, null);

	}

	private static final class DetailsOfReport implements OperationReport.Visitor<Details> {

		@Override
		public Details migrate(MigrateResult result) {
			return new Details(versions(result.applied()), null, null, null, null);
		}

		@Override
		public Details status(StatusReport report) {
			return Details.NONE;
		}

		@Override
		public Details validation(ValidationResult result) {
			return new Details(null, null, result.pending(), result.problems().stream().map(ProblemDescriptor::of).toList(),
					null);
		}

		@Override
		public Details dryRun(DryRunResult result) {
			return new Details(null, null, null, null, result.steps().stream().map(DryRunStepDescriptor::of).toList());
		}

		@Override
		public Details rollback(RollbackResult result) {
			return new Details(null, versions(result.undone()), null, null, null);
		}

		@Override
		public Details changes(ChangeReport report) {
			return Details.NONE;
		}

		private static List<String> versions(List<AppliedMigration> migrations) {
			// A repeatable has no version: named by its script.
			return migrations.stream()
				.map((migration) -> (migration.version() != null) ? migration.version().toString() : migration.script())
				.toList();
		}

	}

	/**
	 * One pending migration's trial in a dry run.
	 *
	 * @param version its version
	 * @param script its file
	 * @param outcome {@code proved}, {@code failed} or {@code not provable}
	 * @param durationMs how long its statements took, in milliseconds
	 * @param error what failed (file, line, SQLSTATE, PostgreSQL's message)
	 * @param line the failing line
	 * @param sqlState the failing statement's SQLSTATE
	 * @param locks the table locks it took, before its trial was rolled back
	 * @param statements how long each statement ran
	 */
	public record DryRunStepDescriptor(@Nullable String version, String script, String outcome, long durationMs,
			@Nullable String error, @Nullable Integer line, @Nullable String sqlState, List<LockDescriptor> locks,
			List<StatementDescriptor> statements) {

		static DryRunStepDescriptor of(DryRunResult.Step step) {
			return new DryRunStepDescriptor((step.version() != null) ? step.version().toString() : null, step.script(),
					step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), step.duration().toMillis(),
					(step.error() != null) ? Secrets.mask(step.error()) : null, (step.line() > 0) ? step.line() : null,
					step.sqlState(),
					step.locks().stream()
						.map((lock) -> new LockDescriptor(lock.relation(), lock.mode(), lock.bytes(), lock.flagged()))
						.toList(),
					step.statements().stream()
						.map((timing) -> new StatementDescriptor(timing.line(), timing.statement(),
								timing.duration().toMillis()))
						.toList());
		}

	}

	/**
	 * A table lock a dry run's trial took.
	 *
	 * @param relation the table
	 * @param mode the lock mode, as {@code pg_locks} names it
	 * @param bytes the table's total size
	 * @param flagged whether it blocks the application on a large table
	 */
	public record LockDescriptor(String relation, String mode, long bytes, boolean flagged) {
	}

	/**
	 * One statement of a dry run's trial.
	 *
	 * @param line its line
	 * @param statement its first words
	 * @param durationMs how long it ran
	 */
	public record StatementDescriptor(int line, String statement, long durationMs) {
	}

}
