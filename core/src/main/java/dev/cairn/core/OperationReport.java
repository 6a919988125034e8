package dev.cairn.core;

import java.util.List;

/**
 * What one operation of {@link Cairn} reports on one track. Sealed, so that a caller who
 * renders reports handles every kind through a {@link Visitor}, and callers who only need a
 * summary use {@link #succeeded()} and {@link #sentences()}.
 */
public sealed interface OperationReport
		permits MigrateResult, StatusReport, ValidationResult, DryRunResult, RollbackResult, ChangeReport {

	/**
	 * The track the operation ran on.
	 * @return its name
	 */
	String track();

	/**
	 * Whether the operation found nothing wrong: {@code false} when {@code validate} found an
	 * error or a dry run had a failing migration. A failure to run throws instead.
	 * @return whether it succeeded; {@code true} unless the report says otherwise
	 */
	default boolean succeeded() {
		return true;
	}

	/**
	 * What the operation changed or found, one sentence each, passwords masked; empty for
	 * {@code status}, whose report is a table.
	 * @return the sentences
	 */
	List<String> sentences();

	/**
	 * Calls the visitor's method for this kind of report.
	 * @param <R> what the visitor returns
	 * @param visitor the visitor
	 * @return what it returned
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * One method per kind of report, for rendering that differs per kind.
	 * @param <R> what every method returns
	 */
	interface Visitor<R> {

		R migrate(MigrateResult result);

		R status(StatusReport report);

		R validation(ValidationResult result);

		R dryRun(DryRunResult result);

		R rollback(RollbackResult result);

		R changes(ChangeReport report);

	}

}
