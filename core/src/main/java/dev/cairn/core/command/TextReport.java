package dev.cairn.core.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.Secrets;
import dev.cairn.core.StatusReport;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.Version;

/**
 * The text {@code cairn.command} and the command line print: a report per track, readable in a
 * terminal and in {@code kubectl logs}. Passwords in messages are masked.
 */
public final class TextReport {

	private static final int MAX_DESCRIPTION = 48;

	private TextReport() {
	}

	/**
	 * The report of an operation the engine answered.
	 * @param result the result, with a report
	 * @return the text, ending with a blank line; only the blank line without a report
	 */
	public static String report(OperationResult result) {
		StringBuilder text = new StringBuilder();
		OperationReport report = result.report();
		if (report != null) {
			report.accept(new Renderer(text, result.track()));
		}
		return text.append('\n').toString();
	}

	/**
	 * Why an operation failed, and its exit code.
	 * @param result the failed result
	 * @return the text, ending with a blank line
	 */
	public static String failure(OperationResult result) {
		ExitCode exitCode = result.exitCode();
		String message = (result.error() != null) ? mask(result.error().getMessage()) : "";
		return "Cairn " + result.operation().externalName() + " on track '" + result.track() + "' failed (exit code "
				+ exitCode.code() + ", " + exitCode.displayName() + "):\n" + indent(message) + "\n\n";
	}

	/** Writes one kind of report; every method appends to the same text. */
	private static final class Renderer implements OperationReport.Visitor<StringBuilder> {

		private final StringBuilder text;

		private final String track;

		Renderer(StringBuilder text, String track) {
			this.text = text;
			this.track = track;
		}

		@Override
		public StringBuilder migrate(MigrateResult result) {
			TextReport.migrate(this.text, this.track, result);
			return this.text;
		}

		@Override
		public StringBuilder status(StatusReport report) {
			TextReport.status(this.text, this.track, report);
			return this.text;
		}

		@Override
		public StringBuilder validation(ValidationResult result) {
			validate(this.text, this.track, result);
			return this.text;
		}

		@Override
		public StringBuilder dryRun(DryRunResult result) {
			TextReport.dryRun(this.text, this.track, result);
			return this.text;
		}

		@Override
		public StringBuilder rollback(RollbackResult result) {
			TextReport.rollback(this.text, this.track, result);
			return this.text;
		}

		@Override
		public StringBuilder changes(ChangeReport report) {
			TextReport.changes(this.text, this.track, report);
			return this.text;
		}

	}

	private static void status(StringBuilder text, String track, StatusReport status) {
		text.append("Cairn status of track '").append(track).append("' (").append(status.historyTable()).append(")\n\n");
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("Version", "Description", "Type", "State", "Applied at"));
		for (MigrationInfo info : status.migrations()) {
			rows.add(List.of(text(info.version()), shorten(info.description()), info.type().name(),
					info.state().displayName(), text(info.appliedAt())));
		}
		table(text, rows);
		text.append('\n')
			.append("  ")
			.append(status.migrations().size())
			.append(plural(status.migrations().size(), " migration"))
			.append(": ")
			.append(status.appliedCount())
			.append(" applied, ")
			.append(status.pendingCount())
			.append(" pending, ")
			.append(status.failedCount())
			.append(" failed or in progress")
			.append(status.isUpToDate() ? "; up to date" : "")
			.append('\n');
		List<MigrationInfo> order = status.rollbackOrder();
		text.append("  Rollback order (most recently applied first): ")
			.append(order.isEmpty() ? "nothing applied"
					: order.stream().map((info) -> text(info.version())).collect(Collectors.joining(", ")))
			.append('\n');
		problems(text, status.problems());
	}

	private static void migrate(StringBuilder text, String track, MigrateResult migrate) {
		text.append("Cairn migrate on track '").append(track).append("': ");
		if (migrate.isNoOp()) {
			text.append("schema is up to date, nothing to apply (").append(migrate.duration().toMillis()).append(" ms)\n");
		}
		else {
			text.append("applied ")
				.append(migrate.applied().size())
				.append(plural(migrate.applied().size(), " migration"))
				.append(" in ")
				.append(migrate.duration().toMillis())
				.append(" ms\n\n");
			List<List<String>> rows = new ArrayList<>();
			rows.add(List.of("Version", "Script", "Type", "Time"));
			for (AppliedMigration applied : migrate.applied()) {
				rows.add(List.of(text(applied.version()), applied.script(), applied.type().name(),
						applied.duration().toMillis() + " ms"));
			}
			table(text, rows);
		}
		problems(text, migrate.warnings());
	}

	private static void validate(StringBuilder text, String track, ValidationResult validation) {
		long errors = validation.problems().stream().filter(Problem::isError).count();
		text.append("Cairn validate on track '").append(track).append("': ");
		if (validation.isValid()) {
			text.append("valid, ").append(validation.pending()).append(plural(validation.pending(), " migration"))
				.append(" pending\n");
		}
		else {
			text.append("not valid, ").append(errors).append(plural(errors, " problem"))
				.append(" would stop a migrate run\n");
		}
		problems(text, validation.problems());
	}

	private static void dryRun(StringBuilder text, String track, DryRunResult dryRun) {
		long failed = dryRun.steps().stream().filter((step) -> step.outcome() == DryRunResult.Outcome.FAILED).count();
		text.append("Cairn dry run on track '").append(track).append("': ");
		if (dryRun.steps().isEmpty()) {
			text.append("nothing pending to try\n");
			return;
		}
		text.append(dryRun.steps().size())
			.append(plural(dryRun.steps().size(), " pending migration"))
			.append(" tried, ")
			.append(failed)
			.append(" failed; everything was rolled back, nothing was written\n\n");
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("Version", "Script", "Outcome", "Time"));
		for (DryRunResult.Step step : dryRun.steps()) {
			rows.add(List.of(text(step.version()), step.script(),
					step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), step.duration().toMillis() + " ms"));
		}
		table(text, rows);
		for (DryRunResult.Step step : dryRun.steps()) {
			if (step.outcome() == DryRunResult.Outcome.FAILED) {
				text.append("\n  ").append((step.version() != null) ? "Version " + step.version() : step.script())
					.append(" failed:\n")
					.append(indent(indent(step.maskedError())))
					.append('\n');
			}
		}
		dryRunLocks(text, dryRun);
	}

	/** Per proved migration: the table locks it took (flagged ones marked) and its statements' times. */
	private static void dryRunLocks(StringBuilder text, DryRunResult dryRun) {
		for (DryRunResult.Step step : dryRun.steps()) {
			if (step.locks().isEmpty() && step.statements().isEmpty()) {
				continue;
			}
			text.append("\n  Version ").append(step.version()).append(" locks:");
			if (step.locks().isEmpty()) {
				text.append(" no table locks");
			}
			text.append('\n');
			for (DryRunResult.LockTaken lock : step.locks()) {
				text.append("    ").append(lock.flagged() ? "! " : "  ").append(lock.mode()).append(" on ")
					.append(lock.relation()).append(" (").append(lock.bytes() / 1024).append(" kB)")
					.append(lock.flagged() ? ": blocks the application on a large table" : "").append('\n');
			}
			for (DryRunResult.StatementTiming timing : step.statements()) {
				text.append("      line ").append(timing.line()).append(": ").append(timing.statement()).append(" ... ")
					.append(timing.duration().toMillis()).append(" ms\n");
			}
		}
	}

	private static void rollback(StringBuilder text, String track, RollbackResult rollback) {
		text.append("Cairn rollback on track '").append(track).append("': ");
		if (rollback.undone().isEmpty()) {
			text.append("nothing to roll back\n");
			return;
		}
		text.append("undid ")
			.append(rollback.undone().size())
			.append(plural(rollback.undone().size(), " migration"))
			.append(" in ")
			.append(rollback.duration().toMillis())
			.append(" ms, most recently applied first\n\n");
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("Version", "Down file", "Time"));
		for (AppliedMigration undone : rollback.undone()) {
			rows.add(List.of(undone.version().toString(), undone.script(), undone.duration().toMillis() + " ms"));
		}
		table(text, rows);
	}

	private static void changes(StringBuilder text, String track, ChangeReport report) {
		text.append("Cairn ").append(report.operation()).append(" on track '").append(track).append("': ");
		if (!report.changedAnything()) {
			text.append("nothing to change\n");
			return;
		}
		text.append(report.changes().size()).append(plural(report.changes().size(), " change")).append('\n');
		report.changes().forEach((change) -> text.append("  - ").append(mask(change)).append('\n'));
	}

	private static void problems(StringBuilder text, List<Problem> problems) {
		if (problems.isEmpty()) {
			return;
		}
		text.append("\n  Problems:\n");
		for (Problem problem : problems) {
			text.append(indent(indent(problem.describe()))).append('\n');
		}
	}

	// Columns padded to their widest cell, two spaces apart, indented by two.
	private static void table(StringBuilder text, List<List<String>> rows) {
		int columns = rows.get(0).size();
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder("  ");
			for (int i = 0; i < columns; i++) {
				line.append(row.get(i));
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
				}
			}
			text.append(line.toString().stripTrailing()).append('\n');
		}
	}

	private static String shorten(String description) {
		return (description.length() <= MAX_DESCRIPTION) ? description
				: description.substring(0, MAX_DESCRIPTION - 3) + "...";
	}

	private static String text(@Nullable Version version) {
		return (version != null) ? version.toString() : "(repeatable)";
	}

	private static String text(@Nullable Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "";
	}

	private static String plural(long count, String noun) {
		return (count == 1) ? noun : noun + "s";
	}

	private static String mask(@Nullable String text) {
		String masked = Secrets.mask(text);
		return (masked != null) ? masked : "";
	}

	private static String indent(String text) {
		return text.lines().map((line) -> "  " + line).collect(Collectors.joining("\n"));
	}

}
