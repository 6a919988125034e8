package dev.cairn.core.command;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.ValidationResult;

/**
 * An operation's results as JSON, for scripts: the same fields as the answer of the endpoint's
 * write operations ({@code operation}, {@code outcome}, {@code exitCode}, {@code tracks} by
 * name, each with {@code outcome}, {@code exitCode}, {@code durationMs}, {@code changes} and
 * what its kind of report adds). Fields without a value are left out. Passwords are masked.
 */
public final class JsonReport {

	private JsonReport() {
	}

	/**
	 * The results of one operation.
	 * @param operation the operation
	 * @param results one per track it ran on, in order
	 * @return the JSON object
	 */
	public static String render(Operation operation, List<OperationResult> results) {
		ExitCode exitCode = OperationResult.exitCode(results);
		JsonWriter json = new JsonWriter().beginObject();
		head(json, operation.externalName(), exitCode);
		json.name("tracks").beginObject();
		for (OperationResult result : results) {
			json.name(result.track());
			track(json, result);
		}
		return json.endObject().endObject().toString();
	}

	/**
	 * A request that could not run: an unknown operation, a mistake in its arguments.
	 * @param operation the operation, as asked for
	 * @param message what is wrong
	 * @return the JSON object, with exit code {@code USAGE} and no tracks
	 */
	public static String usageError(String operation, String message) {
		JsonWriter json = new JsonWriter().beginObject();
		head(json, operation, ExitCode.USAGE);
		json.name("message").value(message);
		return json.name("tracks").beginObject().endObject().endObject().toString();
	}

	private static void head(JsonWriter json, String operation, ExitCode exitCode) {
		json.name("operation").value(operation);
		json.name("outcome").value(outcome(exitCode));
		json.name("exitCode").value(exitCode.code());
	}

	private static void track(JsonWriter json, OperationResult result) {
		json.beginObject();
		// A track the operation did not run on says why: disabled, not-selected or not-run.
		json.name("outcome").value(result.ran() ? outcome(result.exitCode()) : result.state().externalName());
		json.name("exitCode").value(result.exitCode().code());
		json.name("durationMs").value(result.duration().toMillis());
		json.name("changes").beginArray();
		result.changes().forEach((change) -> json.value(mask(change)));
		json.endArray();
		OperationReport report = result.report();
		if (report != null) {
			report.accept(new Details(json));
		}
		CairnException error = result.error();
		if (error != null) {
			json.name("error");
			error(json, error, result.exitCode());
		}
		json.endObject();
	}

	private static void error(JsonWriter json, CairnException error, ExitCode exitCode) {
		json.beginObject();
		json.name("kind").value(kind(exitCode));
		json.name("exception").value(error.getClass().getSimpleName());
		json.name("message").value(mask(error.getMessage()));
		if (error instanceof MigrationFailedException failed) {
			optional(json, "version", (failed.version() != null) ? failed.version().toString() : null);
			json.name("script").value(failed.script());
			if (failed.line() > 0) {
				json.name("line").value(failed.line());
			}
			optional(json, "sqlState", failed.sqlState());
			optional(json, "serverMessage", Secrets.mask(failed.serverMessage()));
		}
		json.endObject();
	}

	// The kinds the endpoint names: migration, validation, lock-timeout, configuration, other.
	private static String kind(ExitCode exitCode) {
		return switch (exitCode) {
			case MIGRATION_FAILED -> "migration";
			case VALIDATION -> "validation";
			case LOCK_TIMEOUT -> "lock-timeout";
			case USAGE -> "configuration";
			case SUCCESS, OTHER_ERROR -> "other";
		};
	}

	private static String outcome(ExitCode exitCode) {
		return (exitCode == ExitCode.SUCCESS) ? "success" : "failure";
	}

	private static void optional(JsonWriter json, String name, @Nullable String value) {
		if (value != null) {
			json.name(name).value(value);
		}
	}

	private static String mask(@Nullable String text) {
		String masked = Secrets.mask(text);
		return (masked != null) ? masked : "";
	}

	private static void problems(JsonWriter json, List<Problem> problems) {
		json.name("problems").beginArray();
		for (Problem problem : problems) {
			json.beginObject();
			json.name("kind").value(problem.kind().name());
			json.name("severity").value(problem.severity().name());
			optional(json, "version", (problem.version() != null) ? problem.version().toString() : null);
			json.name("files").beginArray();
			problem.files().forEach(json::value);
			json.endArray();
			json.name("message").value(mask(problem.message()));
			json.endObject();
		}
		json.endArray();
	}

	private static void versions(JsonWriter json, String name, List<AppliedMigration> migrations) {
		json.name(name).beginArray();
		// A repeatable has no version: named by its script.
		migrations.forEach((migration) -> json.value((migration.version() != null) ? migration.version().toString()
				: migration.script()));
		json.endArray();
	}

	/** Writes what each kind of report adds to a track's object. */
	private static final class Details implements OperationReport.Visitor<JsonWriter> {

		private final JsonWriter json;

		Details(JsonWriter json) {
			this.json = json;
		}

		@Override
		public JsonWriter migrate(MigrateResult result) {
			versions(this.json, "applied", result.applied());
			return this.json;
		}

		@Override
		public JsonWriter status(StatusReport report) {
			this.json.name("migrations").beginArray();
			for (MigrationInfo info : report.migrations()) {
				this.json.beginObject();
				optional(this.json, "version", (info.version() != null) ? info.version().toString() : null);
				this.json.name("description").value(info.description());
				this.json.name("script").value(info.script());
				this.json.name("type").value(info.type().name());
				this.json.name("state").value(info.state().displayName());
				optional(this.json, "appliedAt",
						(info.appliedAt() != null) ? info.appliedAt().truncatedTo(ChronoUnit.MILLIS).toString() : null);
				this.json.endObject();
			}
			this.json.endArray();
			problems(this.json, report.problems());
			return this.json;
		}

		@Override
		public JsonWriter validation(ValidationResult result) {
			this.json.name("pending").value(result.pending());
			problems(this.json, result.problems());
			return this.json;
		}

		@Override
		public JsonWriter dryRun(DryRunResult result) {
			this.json.name("steps").beginArray();
			for (DryRunResult.Step step : result.steps()) {
				this.json.beginObject();
				optional(this.json, "version", (step.version() != null) ? step.version().toString() : null);
				this.json.name("script").value(step.script());
				this.json.name("outcome").value(step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
				this.json.name("durationMs").value(step.duration().toMillis());
				optional(this.json, "error", (step.error() != null) ? step.maskedError() : null);
				if (step.line() > 0) {
					this.json.name("line").value(step.line());
				}
				optional(this.json, "sqlState", step.sqlState());
				if (!step.locks().isEmpty() || !step.statements().isEmpty()) {
					locksAndTimings(step);
				}
				this.json.endObject();
			}
			this.json.endArray();
			if (!result.leftovers().isEmpty()) {
				this.json.name("leftovers").beginArray();
				result.leftovers().forEach((leftover) -> this.json.value(Secrets.mask(leftover)));
				this.json.endArray();
			}
			return this.json;
		}

		/** A proved step's table locks and statement times (none for a failed or unprovable one). */
		private void locksAndTimings(DryRunResult.Step step) {
			this.json.name("locks").beginArray();
			for (DryRunResult.LockTaken lock : step.locks()) {
				this.json.beginObject();
				this.json.name("relation").value(lock.relation());
				this.json.name("mode").value(lock.mode());
				this.json.name("bytes").value(lock.bytes());
				this.json.name("flagged").value(lock.flagged());
				this.json.endObject();
			}
			this.json.endArray();
			this.json.name("statements").beginArray();
			for (DryRunResult.StatementTiming timing : step.statements()) {
				this.json.beginObject();
				this.json.name("line").value(timing.line());
				this.json.name("statement").value(timing.statement());
				this.json.name("durationMs").value(timing.duration().toMillis());
				this.json.endObject();
			}
			this.json.endArray();
		}

		@Override
		public JsonWriter rollback(RollbackResult result) {
			versions(this.json, "undone", result.undone());
			return this.json;
		}

		@Override
		public JsonWriter changes(ChangeReport report) {
			// Its changes are the track's changes, already written.
			return this.json;
		}

	}

}
